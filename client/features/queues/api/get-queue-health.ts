import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";

export type QueueHealthReport = RouterOutputs["case"]["queueHealth"];
export type QueueHealth = QueueHealthReport["queues"][number];
export type QueueHealthDay = QueueHealth["days"][number];

export const HEALTH_RANGES = [7, 14, 30, 90] as const;

/** Per-day depth, throughput and deadlines met for the queues the user may work; refreshed while open. */
export function useQueueHealth(days: number) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.case.queueHealth.queryOptions({ days }),
    placeholderData: (previous) => previous,
    refetchInterval: 5 * 60_000,
  });
}
