import { useQuery } from "@tanstack/react-query";
import { humanize } from "../../../lib/format.ts";
import { useTRPC } from "../../../lib/trpc.ts";

/** The queue's name as admins set it ("Deepfake reports"); the key, readable, until it arrives. */
export function useQueueLabel(queue: string): string {
  const trpc = useTRPC();
  const { data } = useQuery({
    ...trpc.case.queues.queryOptions(),
    select: (queues) => queues.find((q) => q.queue === queue)?.label,
  });
  return data ?? humanize(queue);
}
