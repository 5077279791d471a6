import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type InviteWave = Wire<RouterOutputs["inviteWave"]["get"]>;
export type InviteBatch = InviteWave["batches"][number];

/** One wave with its totals and batches; polled while a batch is still being issued, so its bar moves. */
export function useInviteWave(waveId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.get.queryOptions({ waveId }),
    select: asWire,
    refetchInterval: (query) => (query.state.data?.batches.some((b) => b.status === "issuing") ? 1_000 : false),
  });
}
