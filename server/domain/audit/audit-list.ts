// The audit log page: rows newest first, filtered by action prefix, actor or subject, as far as the caller's
// access allows.
import type { AuditListInput } from "../../contracts/audit.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visibleAuditRows } from "./audit-visibility.ts";

export async function listAuditLog(db: Database, input: AuditListInput, access: ContentAccess) {
  const where: Prisma.AuditLogWhereInput = {};
  if (input.action) where.action = { startsWith: input.action };
  if (input.actorId) where.actorId = input.actorId;
  if (input.subjectId) where.subjectId = input.subjectId;
  if (input.cursor) where.id = { lt: BigInt(input.cursor) };
  const rows = await db.prisma.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      at: true,
      actorType: true,
      action: true,
      subjectType: true,
      subjectId: true,
      caseId: true,
      batchId: true,
      details: true,
      actor: { select: { id: true, displayName: true, role: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  // Rows kept from the caller leave a page short; the cursor still continues after the last row read.
  const items = (await visibleAuditRows(db.prisma, access, page)).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id.toString() : null };
}
