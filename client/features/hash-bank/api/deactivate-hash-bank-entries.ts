import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Takes entries out of matching with a reason; one batch id on the server when there are several. */
export function useDeactivateHashBankEntries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.hashBank.deactivate.mutationOptions(),
    // Entries move from the in-matching view to the out-of-matching one and every total changes.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.hashBank.list.pathKey() }),
  });
}
