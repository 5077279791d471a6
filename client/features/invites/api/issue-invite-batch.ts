import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";
export { IssueBatchInput as issueBatchSchema, MAX_BATCH_SIZE } from "@contracts/invites.ts";

export type IssuedBatch = Wire<RouterOutputs["inviteWave"]["batch"]>;

const POLL_MS = 750;

export function useIssueInviteBatch() {
  const trpc = useTRPC();
  return useMutation(trpc.inviteWave.issueBatch.mutationOptions());
}

/** A batch's progress, polled until it is complete or has failed. */
export function useInviteBatch(batchId: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.batch.queryOptions({ batchId: batchId ?? "" }),
    enabled: batchId !== null,
    select: asWire,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && query.state.data.status !== "issuing" ? false : POLL_MS),
  });
}

/** Everything that counts codes: the wave, the wave list, the codes table. */
export function useRefreshAfterIssue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (waveId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.inviteWave.get.queryKey({ waveId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.inviteWave.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.inviteWave.codes.pathKey() }),
    ]);
}
