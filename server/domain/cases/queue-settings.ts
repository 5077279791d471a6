// Every queue's settings (label, deadline, lowest role that works it), for the admins' settings page.
import type { Database } from "../../db/client.ts";

export function listQueueSettings(db: Database) {
  return db.prisma.queueSetting.findMany({ orderBy: { queue: "asc" } });
}
