// Who sees which content, object by object. One rule, derived from the queues a role may work (queue-access.ts):
//
// - A post is restricted from a role when a case about it was opened in a queue the role may not work, or when a
//   takedown request names it and the role may not work the takedown queue. The case may be open or resolved, and
//   the request granted or refused: what is sensitive is that the request or the case exists (someone said this
//   video is intimate imagery of them), not how it ended. Restriction lasts as long as the case or request is kept.
// - A case opened in a queue the role works and escalated since keeps its content visible: escalating hands the
//   decision up, it does not make the content secret. The escalated case itself is still only for its queue.
// - A case is visible to a role that may work its queue, unless its subject post is restricted from the role or
//   it was opened in a queue the role may not work.
// - A decision is visible unless it is about a restricted post, was taken in a case opened in a queue the role may
//   not work, or answers a takedown request the role may not work.
//
// Accounts and cameos stay visible; only the restricted posts, cases and decisions about them are left out, and
// never counted. Every builder below returns nothing to add (no extra SQL) when the role may work every queue.
// The checks are EXISTS probes on Case("postId") and TakedownRequestPost("postId"), both indexed; where the
// planner instead collects every restricted post once, the indexes on Case(queue, …) and Case("escalatedFrom")
// find the few cases of closed queues without reading the others.
import { QueueKind } from "../../db/generated/enums.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { assertMayWork, type ContentAccess } from "./queue-access.ts";
import { raw, sql, type Sql } from "../../db/sql.ts";

const QUEUE_KINDS = new Set<string>(Object.values(QueueKind));

const restricts = (access: ContentAccess) => access.closed.length > 0;
const takedownsClosed = (access: ContentAccess) => access.closed.includes("takedown");

/** The closed queues as an SQL array literal; only enum members reach the text. */
function queueArray(queues: readonly QueueKind[]): string {
  for (const q of queues) if (!QUEUE_KINDS.has(q)) throw new Error(`Not a queue: ${q}`);
  return `ARRAY[${queues.map((q) => `'${q}'`).join(", ")}]::"QueueKind"[]`;
}

// ───────────── Prisma where-clauses ─────────────

const openedIn = (queues: readonly QueueKind[]): Prisma.CaseWhereInput => ({
  OR: [{ escalatedFrom: { in: [...queues] } }, { escalatedFrom: null, queue: { in: [...queues] } }],
});

// Written positively: a NOT over a nullable column would drop the rows where it is null.
const notOpenedIn = (queues: readonly QueueKind[]): Prisma.CaseWhereInput => ({
  OR: [{ escalatedFrom: { not: null, notIn: [...queues] } }, { escalatedFrom: null, queue: { notIn: [...queues] } }],
});

/** Posts the role may see. */
export function visiblePostWhere(access: ContentAccess): Prisma.PostWhereInput {
  if (!restricts(access)) return {};
  return {
    NOT: [
      { cases: { some: openedIn(access.closed) } },
      ...(takedownsClosed(access) ? [{ takedowns: { some: {} } }] : []),
    ],
  };
}

/** Cases whose subject the role may see, whatever their queue (for counts the caller groups by queue). */
export function visibleCaseSubjectWhere(access: ContentAccess): Prisma.CaseWhereInput {
  if (!restricts(access)) return {};
  return { AND: [notOpenedIn(access.closed), { OR: [{ postId: null }, { post: visiblePostWhere(access) }] }] };
}

/** Cases the role may see: a queue it works and a subject it may see. */
export function visibleCaseWhere(access: ContentAccess): Prisma.CaseWhereInput {
  if (!restricts(access)) return {};
  return { AND: [{ queue: { in: [...access.workable] } }, visibleCaseSubjectWhere(access)] };
}

/** Decisions the role may see. */
export function visibleDecisionWhere(access: ContentAccess): Prisma.DecisionWhereInput {
  if (!restricts(access)) return {};
  return {
    AND: [
      { OR: [{ postId: null }, { post: visiblePostWhere(access) }] },
      { OR: [{ caseId: null }, { case: notOpenedIn(access.closed) }] },
      ...(takedownsClosed(access) ? [{ takedownRequestId: null }] : []),
    ],
  };
}

// ───────────── SQL fragments, for the hand-written queries ─────────────
// They carry no parameters: only enum members and the caller's table aliases (chosen in code) reach the text.

/**
 * SQL true when the case (table alias `alias`) was opened in a closed queue. Written as the Prisma builders write
 * it, so both are answered by the indexes on (queue, …) and (escalatedFrom) rather than a scan of every case.
 */
function openedInClosedText(access: ContentAccess, alias: string): string {
  const closed = queueArray(access.closed);
  return `(${alias}."escalatedFrom" = ANY (${closed}) OR (${alias}."escalatedFrom" IS NULL AND ${alias}."queue" = ANY (${closed})))`;
}

export function openedInClosedSql(access: ContentAccess, alias: string): Sql {
  return raw(openedInClosedText(access, alias));
}

function restrictedPostText(access: ContentAccess, postIdSql: string): string {
  if (!restricts(access)) return "FALSE";
  const byCase = `EXISTS (SELECT 1 FROM "Case" vis_c WHERE vis_c."postId" = ${postIdSql} AND ${openedInClosedText(access, "vis_c")})`;
  const byRequest = `EXISTS (SELECT 1 FROM "TakedownRequestPost" vis_t WHERE vis_t."postId" = ${postIdSql})`;
  return `(${takedownsClosed(access) ? `${byCase} OR ${byRequest}` : byCase})`;
}

/** SQL true when the post the column `postIdSql` names is restricted from the role; `FALSE` when nothing is closed. */
export function restrictedPostSql(access: ContentAccess, postIdSql: string): Sql {
  return raw(restrictedPostText(access, postIdSql));
}

/** SQL listing every post restricted from the role (a few per takedown request or closed case), for set-based work. */
export function restrictedPostIdsSql(access: ContentAccess): Sql {
  if (!restricts(access)) return raw(`SELECT NULL::text AS "postId" WHERE FALSE`);
  const byCase = `SELECT vis_c."postId" FROM "Case" vis_c WHERE vis_c."postId" IS NOT NULL AND ${openedInClosedText(access, "vis_c")}`;
  return raw(
    takedownsClosed(access) ? `${byCase} UNION SELECT vis_t."postId" FROM "TakedownRequestPost" vis_t` : byCase,
  );
}

function visiblePostText(access: ContentAccess, postIdSql: string): string {
  return restricts(access) ? `NOT ${restrictedPostText(access, postIdSql)}` : "TRUE";
}

/** SQL true when the post the column `postIdSql` names may be seen by the role; `TRUE` when nothing is closed. */
export function visiblePostSql(access: ContentAccess, postIdSql: string): Sql {
  return raw(visiblePostText(access, postIdSql));
}

function visibleCaseSubjectText(access: ContentAccess, alias: string): string {
  if (!restricts(access)) return "TRUE";
  // A test on the row itself, where a NOT over the nullable column's comparison would drop rows: COALESCE.
  return `(COALESCE(${alias}."escalatedFrom", ${alias}."queue") <> ALL (${queueArray(access.closed)})
           AND (${alias}."postId" IS NULL OR ${visiblePostText(access, `${alias}."postId"`)}))`;
}

/** SQL true when the case (table alias `alias`) has a subject the role may see, whatever its queue. */
export function visibleCaseSubjectSql(access: ContentAccess, alias: string): Sql {
  return raw(visibleCaseSubjectText(access, alias));
}

/** SQL true when the role may see the case (table alias `alias`). */
export function visibleCaseSql(access: ContentAccess, alias: string): Sql {
  if (!restricts(access)) return raw("TRUE");
  return raw(`(${alias}."queue" = ANY (${queueArray(access.workable)}) AND ${visibleCaseSubjectText(access, alias)})`);
}

/** SQL true when the role may see the decision (table alias `alias`); `TRUE` when nothing is closed. */
export function visibleDecisionSql(access: ContentAccess, alias: string): Sql {
  if (!restricts(access)) return raw("TRUE");
  const inClosedCase = `EXISTS (SELECT 1 FROM "Case" vis_k WHERE vis_k."id" = ${alias}."caseId" AND ${openedInClosedText(access, "vis_k")})`;
  return raw(`((${alias}."postId" IS NULL OR ${visiblePostText(access, `${alias}."postId"`)})
           AND (${alias}."caseId" IS NULL OR NOT ${inClosedCase})
           ${takedownsClosed(access) ? `AND ${alias}."takedownRequestId" IS NULL` : ""})`);
}

/** Whether the role is kept from any content (else every fragment above is TRUE or FALSE). */
export const restrictsContent = restricts;

// ───────────── lookups ─────────────

/** Which of these posts the role may not see: one query for any number of ids. */
export async function restrictedPostIds(
  tx: Tx,
  access: ContentAccess,
  postIds: readonly (string | null | undefined)[],
): Promise<Set<string>> {
  const ids = [...new Set(postIds.filter((id): id is string => !!id))];
  if (!restricts(access) || ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>(
    sql`SELECT p."id" FROM unnest(${ids}::text[]) AS p("id") WHERE ${restrictedPostSql(access, `p."id"`)}`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function isPostVisible(tx: Tx, access: ContentAccess, postId: string): Promise<boolean> {
  return !(await restrictedPostIds(tx, access, [postId])).has(postId);
}

export const CONTENT_KEPT_TO_STAFF = "This case is about content that only staff handle; it is not shown to your role.";

/**
 * Loads the case's queue and post when the role may see it. A queue the role does not work is refused by name; a
 * case about restricted content answers as if it did not exist, so its existence tells nothing.
 */
export async function visibleCase({ prisma: tx }: Database, access: ContentAccess, caseId: string) {
  const c = await tx.case.findUnique({
    where: { id: caseId },
    select: { id: true, queue: true, postId: true, escalatedFrom: true },
  });
  if (!c) throw notFound("Case");
  assertMayWork(access, c.queue);
  if (restricts(access)) {
    const openedClosed = access.closed.includes(c.escalatedFrom ?? c.queue);
    if (openedClosed) throw notFound("Case");
    // A case in a queue the role works, about content kept from the role (a takedown request names it, or a
    // staff-only case is about it): refused, saying only that staff handle it, so the role can neither see nor
    // undo what was decided there.
    if (c.postId && !(await isPostVisible(tx, access, c.postId)))
      throw new DomainError("FORBIDDEN", CONTENT_KEPT_TO_STAFF);
  }
  return c;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which of these case ids name a case the role may not see: one query for any number of ids. */
export async function hiddenCaseIds(
  tx: Tx,
  access: ContentAccess,
  caseIds: readonly (string | null | undefined)[],
): Promise<Set<string>> {
  const ids = [...new Set(caseIds.filter((id): id is string => !!id && UUID.test(id)))];
  if (!restricts(access) || ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>(
    sql`SELECT c."id"::text AS "id" FROM "Case" c WHERE c."id" = ANY (${ids}::uuid[]) AND NOT ${visibleCaseSql(access, "c")}`,
  );
  return new Set(rows.map((r) => r.id.toLowerCase()));
}

/** Which of these decision ids name a decision the role may not see: one query for any number of ids. */
export async function hiddenDecisionIds(
  tx: Tx,
  access: ContentAccess,
  decisionIds: readonly (string | null | undefined)[],
): Promise<Set<string>> {
  const ids = [...new Set(decisionIds.filter((id): id is string => !!id && UUID.test(id)))];
  if (!restricts(access) || ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>(
    sql`SELECT d."id"::text AS "id" FROM "Decision" d WHERE d."id" = ANY (${ids}::uuid[]) AND NOT ${visibleDecisionSql(access, "d")}`,
  );
  return new Set(rows.map((r) => r.id.toLowerCase()));
}
