import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Exports are audited on the server, so each click is one deliberate mutation rather than a cached query. */
export function useSorExport() {
  const trpc = useTRPC();
  return useMutation(trpc.sor.export.mutationOptions());
}

/** Only fetched once staff open the templates: most visits to the list never look at them. */
export function useNoticePreviews(enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.notice.previews.queryOptions(), enabled });
}

/** A counter-notice changes the request's status and its restore schedule: read the request again. */
function useRefresh(requestId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.takedown.get.queryKey({ requestId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.takedown.list.pathKey() });
  };
}

export function useRecordCounterNotice(requestId: string) {
  const trpc = useTRPC();
  const refresh = useRefresh(requestId);
  return useMutation({ ...trpc.takedown.recordCounterNotice.mutationOptions(), onSuccess: refresh });
}

export function useRecordCourtAction(requestId: string) {
  const trpc = useTRPC();
  const refresh = useRefresh(requestId);
  return useMutation({ ...trpc.takedown.recordCourtAction.mutationOptions(), onSuccess: refresh });
}
