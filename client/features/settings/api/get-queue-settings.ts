import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type QueueSettingRow = Wire<RouterOutputs["settings"]["queues"][number]>;

export function useQueueSettings() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.settings.queues.queryOptions(), select: asWire });
}
