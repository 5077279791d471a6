import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshTakedown } from "./takedown-detail.ts";

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

export function useRecordCounterNotice(requestId: string) {
  const trpc = useTRPC();
  // A counter-notice changes the request's status and its restore schedule.
  const refresh = useRefreshTakedown(requestId);
  return useMutation({ ...trpc.takedown.recordCounterNotice.mutationOptions(), onSuccess: refresh });
}

export function useRecordCourtAction(requestId: string) {
  const trpc = useTRPC();
  // A counter-notice changes the request's status and its restore schedule.
  const refresh = useRefreshTakedown(requestId);
  return useMutation({ ...trpc.takedown.recordCourtAction.mutationOptions(), onSuccess: refresh });
}
