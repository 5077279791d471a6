// One likeness complaint without its evidence, as the complaints page opens it.
import type { Database } from "../../db/client.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { getComplaint } from "./complaints.ts";

export function complaintDetail(db: Database, signalId: string, access: ContentAccess) {
  return getComplaint(db.prisma, signalId, access);
}
