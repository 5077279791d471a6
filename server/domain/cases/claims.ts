// Claims: a reviewer holds a case while looking at it, under a renewable lease. At most one reviewer holds a case;
// an expired lease frees it. "Next case" claims atomically with FOR UPDATE SKIP LOCKED, so reviewers asking at
// the same moment — in one process or many — never get the same case. A reviewer holds at most `maxHeld` cases at
// once: each new claim first locks the reviewer's own staff row, so one reviewer's concurrent claims (on any
// server) are counted one after another and cannot pass the cap together.
import type { Database } from "../../db/client.ts";
import type { QueueKind } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visibleCaseSubjectSql } from "../access/content-visibility.ts";
import { sql } from "../../db/sql.ts";

export const LEASE_MS = 5 * 60_000;

export interface Reviewer extends StaffActor {
  displayName: string;
}

export interface ClaimLimits {
  /** cases one reviewer may hold under a live lease at once */
  maxHeld: number;
}

function describeHolder(name: string, until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `${name} is reviewing this case (for up to ${minutes} more minute${minutes === 1 ? "" : "s"}).`;
}

/** Cases a reviewer may not take: appeals against their own decisions go to someone else. */
const notOwnAppeal = (reviewerId: string) => sql`NOT EXISTS (
  SELECT 1 FROM "Appeal" a JOIN "Decision" d ON d."id" = a."decisionId"
   WHERE a."caseId" = c."id" AND d."actorId" = ${reviewerId}::uuid)`;

/**
 * Claims the highest-priority case in the queue that nobody holds (or whose lease ran out) and whose content the
 * reviewer may see. Returns its id, or null when the queue has nothing left for this reviewer.
 */
export async function claimNextCase(
  db: Database,
  queue: QueueKind,
  reviewer: Reviewer,
  now: Date,
  access: ContentAccess,
  limits: ClaimLimits,
): Promise<string | null> {
  return db.prisma.$transaction(async (tx) => {
    const held = await lockReviewerClaims(tx, reviewer.id, now);
    if (held >= limits.maxHeld) throw new DomainError("PRECONDITION_FAILED", tooManyHeld(held, limits.maxHeld));
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const rows = await tx.$queryRaw<{ id: string }[]>(
      sql`WITH next AS (
         SELECT c."id" FROM "Case" c
          WHERE c."queue" = ${queue}::"QueueKind"
            AND (c."status" IN ('open', 'escalated') OR (c."status" = 'claimed' AND c."leaseUntil" < ${now}::timestamptz))
            AND ${notOwnAppeal(reviewer.id)}
            AND ${visibleCaseSubjectSql(access, "c")}
          ORDER BY c."priority" DESC, c."id" DESC
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
       UPDATE "Case" c SET "status" = 'claimed', "claimedById" = ${reviewer.id}::uuid, "claimedAt" = ${now}::timestamptz,
              "leaseUntil" = ${leaseUntil}::timestamptz, "updatedAt" = ${now}::timestamptz
         FROM next WHERE c."id" = next."id"
       RETURNING c."id"::text AS "id"`,
    );
    const id = rows[0]?.id ?? null;
    if (id)
      await appendAudit(
        tx,
        {
          ...staffAuditActor(reviewer),
          action: "case.claim",
          subjectType: "case",
          subjectId: id,
          caseId: id,
          details: { via: "next" },
        },
        now,
      );
    return id;
  });
}

/** Claims (or renews the reviewer's own claim on) one case; refuses while someone else's lease runs. */
export async function claimCase(db: Database, caseId: string, reviewer: Reviewer, now: Date, limits: ClaimLimits) {
  return db.prisma.$transaction(async (tx) => {
    const held = await lockReviewerClaims(tx, reviewer.id, now);
    const c = await lockCase(tx, caseId);
    if (c.status === "resolved") return { claimed: false as const, reason: "This case is resolved." };
    const heldByOther = c.status === "claimed" && c.claimedById !== reviewer.id && c.leaseUntil && c.leaseUntil > now;
    if (heldByOther)
      return {
        claimed: false as const,
        reason: describeHolder(c.claimedBy?.displayName ?? "Another reviewer", c.leaseUntil!, now),
      };
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const renewing = c.claimedById === reviewer.id && c.status === "claimed";
    // The reviewer's own live lease is already counted: renewing it takes no new place.
    const holdsAlready = renewing && c.leaseUntil !== null && c.leaseUntil > now;
    if (!holdsAlready && held >= limits.maxHeld)
      return { claimed: false as const, reason: tooManyHeld(held, limits.maxHeld) };
    await tx.case.update({
      where: { id: caseId },
      data: {
        status: "claimed",
        claimedById: reviewer.id,
        claimedAt: renewing ? undefined : now,
        leaseUntil,
      },
    });
    if (!renewing)
      await appendAudit(
        tx,
        { ...staffAuditActor(reviewer), action: "case.claim", subjectType: "case", subjectId: caseId, caseId },
        now,
      );
    return { claimed: true as const, leaseUntil };
  });
}

export async function releaseCase(db: Database, caseId: string, reviewer: Reviewer, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (c.claimedById !== reviewer.id) return { released: false };
    await tx.case.update({
      where: { id: caseId },
      data: { status: "open", claimedById: null, claimedAt: null, leaseUntil: null },
    });
    await appendAudit(
      tx,
      { ...staffAuditActor(reviewer), action: "case.release", subjectType: "case", subjectId: caseId, caseId },
      now,
    );
    return { released: true };
  });
}

function tooManyHeld(held: number, max: number) {
  return `You hold ${held} case${held === 1 ? "" : "s"}; decide or release one first (a reviewer holds at most ${max} at a time).`;
}

/**
 * Locks the reviewer's staff row for the rest of the transaction (FOR NO KEY UPDATE: it does not block rows that
 * merely reference the reviewer) and counts the cases they hold under a live lease.
 */
async function lockReviewerClaims(tx: Tx, reviewerId: string, now: Date): Promise<number> {
  await tx.$executeRaw(sql`SELECT 1 FROM "StaffUser" WHERE "id" = ${reviewerId}::uuid FOR NO KEY UPDATE`);
  const [row] = await tx.$queryRaw<{ n: number }[]>(
    sql`SELECT count(*)::int AS "n" FROM "Case"
      WHERE "claimedById" = ${reviewerId}::uuid AND "status" = 'claimed' AND "leaseUntil" > ${now}::timestamptz`,
  );
  return row?.n ?? 0;
}

export async function lockCase(tx: Tx, caseId: string) {
  await tx.$executeRaw(sql`SELECT 1 FROM "Case" WHERE "id" = ${caseId}::uuid FOR UPDATE`);
  const c = await tx.case.findUnique({
    where: { id: caseId },
    include: { claimedBy: { select: { displayName: true } }, lastChangedBy: { select: { displayName: true } } },
  });
  if (!c) throw notFound("Case");
  return c;
}

export function heldByOtherError(name: string, until: Date, now: Date) {
  return new DomainError("CONFLICT", describeHolder(name, until, now));
}
