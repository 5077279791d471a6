import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";

export type ComplaintEvidence = RouterOutputs["likeness"]["viewEvidence"];

/**
 * The complainant's contact and identity evidence. A mutation, not a query: every view is written to the audit
 * log, so it is never cached, prefetched or refetched behind the reviewer's back.
 */
export function useViewEvidence() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.likeness.viewEvidence.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() }),
  });
}
