import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AbuseSignals = Wire<RouterOutputs["inviteWave"]["abuseSignals"]>;

export function useAbuseSignals(waveId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.inviteWave.abuseSignals.queryOptions({ waveId, limit: 20 }), select: asWire });
}
