import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** A second admin approves or refuses a requested change of a bank's action (never the admin who asked). */
export function useDecideBankAction() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.hashBank.decideBankAction.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.hashBank.banks.queryKey() }),
  });
}
