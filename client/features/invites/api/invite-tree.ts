import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type InviteTree = Wire<RouterOutputs["inviteWave"]["tree"]>;
export type TopInviter = Wire<RouterOutputs["inviteWave"]["topInviters"][number]>;

export function useInviteTree(accountId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.tree.queryOptions({ accountId, limit: 100 }),
    enabled: accountId !== "",
    select: asWire,
  });
}

export function useTopInviters(waveId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.inviteWave.topInviters.queryOptions({ waveId, limit: 10 }), select: asWire });
}
