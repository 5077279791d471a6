// The queue overviews a reviewer sees: the queues they may work with open counts, and queue health over time
// labelled with each queue's settings.
import type { Database } from "../../db/client.ts";
import type { QueueKind } from "../../db/generated/enums.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { queueHealth } from "./queue-health.ts";
import { queueSummaries } from "./queue-summaries.ts";

/** Queues the role may work, with open counts and oldest age (of the cases the role may see). */
export async function workableQueueSummaries(db: Database, access: ContentAccess, now: Date) {
  const all = await queueSummaries(db.prisma, access, now);
  return all.filter((q) => access.workable.includes(q.queue));
}

/** Per UTC day and queue the role may work: opened, resolved, open at day's end and deadlines met. */
export async function queueHealthReport(db: Database, access: ContentAccess, input: { days: number }, now: Date) {
  const settings = await db.prisma.queueSetting.findMany({ select: { queue: true, label: true, slaHours: true } });
  const settingOf = (queue: QueueKind) => settings.find((s) => s.queue === queue);
  const health = await queueHealth(db.prisma, [...access.workable], input, now);
  return {
    days: input.days,
    queues: health.map((h) => ({
      ...h,
      label: settingOf(h.queue)?.label ?? h.queue,
      slaHours: settingOf(h.queue)?.slaHours ?? null,
    })),
  };
}
