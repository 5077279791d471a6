import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type RedemptionSeries = Wire<RouterOutputs["inviteWave"]["redemptionSeries"]>;
export type SeriesBucket = "hour" | "day";

export function useRedemptionSeries(waveId: string, bucket: SeriesBucket) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.redemptionSeries.queryOptions({ waveId, bucket }),
    select: asWire,
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}
