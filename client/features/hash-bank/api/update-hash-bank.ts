import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/**
 * Changes a bank with a reason (admins). Asking for automatic take-down does not change the action: the answer's
 * `awaitingApproval` says the request now waits for a second admin.
 */
export function useUpdateHashBank() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.hashBank.updateBank.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.hashBank.banks.queryKey() }),
  });
}
