import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Adds a bank (admins); it matches at once if enabled, so the list is read again. */
export function useCreateHashBank() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.hashBank.createBank.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.hashBank.banks.queryKey() }),
  });
}
