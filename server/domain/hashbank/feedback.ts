// A reviewer's "not a match": the case's post is banked in the "Not a match" safe bank (its kept frames and its
// file's SHA-256, one item), so it and its copies never flag against the banks again; undone by taking that item
// out of matching. Both are audited on the case. Taking a post out of the safe bank needs no more authority than
// putting it there, which every reviewer has.
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visibleCase } from "../access/content-visibility.ts";
import { execRows, sql } from "../../db/sql.ts";

/** The safe bank reviewers' "not a match" adds to (created by migration 0023). */
export const NOT_A_MATCH_BANK_ID = "01900000-0000-7000-8000-000000000002";

const safeItemOf = (postId: string) => `safe:${postId}`;

export async function markNotAMatch(
  db: Database,
  input: { caseId: string; reason: string },
  actor: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  const c = await visibleCase(db, access, input.caseId);
  if (!c.postId) throw new DomainError("PRECONDITION_FAILED", "This case is not about a post.", { field: "caseId" });
  const postId = c.postId;
  return db.prisma.$transaction(async (tx) => {
    const itemId = safeItemOf(postId);
    const already = await tx.hashBankEntry.count({ where: { bankId: NOT_A_MATCH_BANK_ID, itemId, active: true } });
    if (already > 0)
      throw new DomainError("PRECONDITION_FAILED", "This post is already marked as not a match.", { field: "caseId" });
    const rows = await tx.$queryRaw<
      { kind: string; signalType: string; hash: string; quality: number | null; atMs: number | null }[]
    >(
      sql`SELECT 'perceptual' AS "kind", 'vpdq' AS "signalType", f."pdq" AS "hash", f."quality", f."atMs"
            FROM "PostMedia" m JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept"
           WHERE m."postId" = ${postId} AND m."status" = 'ready'
          UNION ALL
          SELECT 'exact', 'sha256', m."sha256", NULL, NULL FROM "PostMedia" m WHERE m."postId" = ${postId} AND m."status" = 'ready'`,
    );
    if (rows.length === 0)
      throw new DomainError("PRECONDITION_FAILED", "The post's media is not processed yet; try again shortly.", {
        field: "caseId",
      });
    await execRows(
      tx,
      rows.map((r) => ({ id: uuidv7(), ...r })),
      (json) =>
        sql`INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "itemId", "postId", "quality", "atMs", "active", "createdAt")
            SELECT x."id"::uuid, ${NOT_A_MATCH_BANK_ID}::uuid, x."kind"::"HashKind", x."signalType", x."hash", ${itemId}, ${postId},
                   x."quality", x."atMs", true, ${now}::timestamptz
              FROM jsonb_to_recordset(${json}) AS x("id" text, "kind" text, "signalType" text, "hash" text, "quality" int, "atMs" int)`,
    );
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "hash_bank.not_a_match",
        subjectType: "post",
        subjectId: postId,
        caseId: c.id,
        details: { reason: input.reason, bankId: NOT_A_MATCH_BANK_ID, itemId, entries: rows.length },
      },
      now,
    );
    return { postId, itemId, entries: rows.length };
  });
}

export async function undoNotAMatch(
  db: Database,
  input: { caseId: string; reason: string },
  actor: StaffActor,
  now: Date,
  access: ContentAccess,
) {
  const c = await visibleCase(db, access, input.caseId);
  if (!c.postId) throw new DomainError("PRECONDITION_FAILED", "This case is not about a post.", { field: "caseId" });
  const postId = c.postId;
  const itemId = safeItemOf(postId);
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.hashBankEntry.updateMany({
      where: { bankId: NOT_A_MATCH_BANK_ID, itemId, active: true },
      data: { active: false, deactivatedAt: now, deactivatedById: actor.id, deactivatedReason: input.reason },
    });
    if (count === 0)
      throw new DomainError("PRECONDITION_FAILED", "This post is not marked as not a match.", { field: "caseId" });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "hash_bank.not_a_match_undo",
        subjectType: "post",
        subjectId: postId,
        caseId: c.id,
        details: { reason: input.reason, bankId: NOT_A_MATCH_BANK_ID, itemId, entries: count },
      },
      now,
    );
    return { postId, itemId, entries: count };
  });
}

/** Whether the case's post is marked as not a match, for the case view. */
export async function isMarkedNotAMatch(db: Database, postId: string): Promise<boolean> {
  return (
    (await db.prisma.hashBankEntry.count({
      where: { bankId: NOT_A_MATCH_BANK_ID, itemId: safeItemOf(postId), active: true },
    })) > 0
  );
}
