import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Puts dead-lettered deliveries back in line; the server leaves any that are no longer dead alone. */
export function useRetryDeliveries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.outbox.retry.mutationOptions(),
    // Retried rows move between tabs and every tab's counts change, so every status's list is stale.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.outbox.list.pathKey() }),
  });
}
