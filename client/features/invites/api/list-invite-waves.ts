import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type InviteWaveRow = Wire<RouterOutputs["inviteWave"]["list"][number]>;

export function useInviteWaves() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.inviteWave.list.queryOptions(), select: asWire });
}
