import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Whether the case's post is in the "Not a match" safe bank. */
export function useNotAMatchState(caseId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.case.notAMatchState.queryOptions({ caseId }));
}

/** Marks the case's hash bank match as wrong, or undoes that; the similar-content panel refreshes. */
export function useNotAMatch(caseId: string, undo: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const procedure = undo ? trpc.case.undoNotAMatch : trpc.case.notAMatch;
  return useMutation({
    ...procedure.mutationOptions(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.case.notAMatchState.queryKey({ caseId }) });
    },
  });
}
