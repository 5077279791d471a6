import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type QueueSummary = Wire<RouterOutputs["case"]["queues"][number]>;
export type QueueKind = QueueSummary["queue"];

/** The queues the signed-in user may work, with their depth; refreshed while the page is open. */
export function useQueues() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.case.queues.queryOptions(), select: asWire, refetchInterval: 60_000 });
}
