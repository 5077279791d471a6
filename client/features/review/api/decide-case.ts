import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export function useDecideCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.case.decide.mutationOptions(),
    // The decided case leaves the list; its own view, if opened again, must show the new state and history.
    onSuccess: (_result, input) => {
      void queryClient.invalidateQueries({ queryKey: trpc.case.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.case.queues.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.case.get.queryKey({ caseId: input.caseId }) });
    },
  });
}
