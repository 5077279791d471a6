// The case queue list: server-side filters, three sorts, keyset pagination on indexed columns.
import { z } from "zod";
import { CaseStatus, QueueKind } from "../../db/generated/enums.ts";
import { CaseListInput } from "../../contracts/cases.ts";
import type { Database } from "../../db/client.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { restrictsContent, visibleCaseSubjectSql } from "../access/content-visibility.ts";
import { empty, join, raw, sql, type Sql } from "../../db/sql.ts";

export const DEFAULT_LIST_STATUSES: CaseStatus[] = ["open", "claimed", "escalated"];

export interface CaseListRow {
  id: string;
  queue: QueueKind;
  status: CaseStatus;
  subjectType: "post" | "account" | "cameo";
  subjectKey: string;
  postId: string | null;
  priority: number;
  category: string | null;
  maxScore: number | null;
  hasCameo: boolean;
  signalCount: number;
  reporterCount: number;
  creatorHandle: string | null;
  prompt: string | null;
  deadlineAt: Date | null;
  createdAt: Date;
  leaseUntil: Date | null;
  version: number;
  claimedBy: { id: string; displayName: string } | null;
  post: { posterUrl: string; visibility: string } | null;
}

type SqlRow = Omit<CaseListRow, "claimedBy" | "post"> & {
  claimedById: string | null;
  claimedByName: string | null;
  posterUrl: string | null;
  postVisibility: string | null;
};

/** Filters other than queue and status, which split the query into index-ordered parts (see listCases). */
function filters(input: z.output<typeof CaseListInput>): Sql[] {
  const where: Sql[] = [];
  if (input.category) where.push(sql`c."category" = ${input.category}`);
  if (input.minScore !== undefined) where.push(sql`c."maxScore" >= ${input.minScore}::float8`);
  if (input.hasCameo !== undefined) where.push(sql`c."hasCameo" = ${input.hasCameo}::boolean`);
  if (input.minReporters !== undefined) where.push(sql`c."reporterCount" >= ${input.minReporters}::int`);
  if (input.creatorHandle) where.push(sql`c."creatorHandle" = ${input.creatorHandle.replace(/^@/, "")}`);
  // The user's text is matched literally: % and _ are escaped.
  if (input.promptContains)
    where.push(sql`c."prompt" ILIKE ${`%${input.promptContains.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  if (input.assigneeId) where.push(sql`c."claimedById" = ${input.assigneeId}::uuid`);
  if (input.createdFrom) where.push(sql`c."createdAt" >= ${input.createdFrom.toISOString()}::timestamptz`);
  if (input.createdTo) where.push(sql`c."createdAt" < ${input.createdTo.toISOString()}::timestamptz`);
  return where;
}

// Only what a list row shows: the case's larger columns (priority parts, notes) stay out of the scans.
const PART_COLUMNS = raw(
  [
    "id",
    "queue",
    "status",
    "subjectType",
    "subjectKey",
    "postId",
    "priority",
    "category",
    "maxScore",
    "hasCameo",
    "signalCount",
    "reporterCount",
    "creatorHandle",
    "prompt",
    "deadlineAt",
    "createdAt",
    "leaseUntil",
    "version",
    "claimedById",
  ]
    .map((c) => `c."${c}"`)
    .join(", "),
);

// Each sort is an index order plus the keyset condition that continues after a cursor. Sort keys and ids run in
// the same direction so the condition is a row comparison, which the index answers with a range scan: page 1,000
// costs what page 1 costs.
const SORTS = {
  priority: {
    orderBy: raw(`c."priority" DESC, c."id" DESC`),
    cursorOf: (r: CaseListRow) => [r.priority, r.id],
    after: ([p, id]: unknown[]) => [sql`(c."priority", c."id") < (${Number(p)}::float8, ${String(id)}::uuid)`],
  },
  oldest: {
    orderBy: raw(`c."createdAt" ASC, c."id" ASC`),
    cursorOf: (r: CaseListRow) => [r.createdAt.toISOString(), r.id],
    after: ([at, id]: unknown[]) => [sql`(c."createdAt", c."id") > (${String(at)}::timestamptz, ${String(id)}::uuid)`],
  },
  deadline: {
    orderBy: raw(`c."deadlineAt" ASC NULLS LAST, c."id" ASC`),
    cursorOf: (r: CaseListRow) => [r.deadlineAt?.toISOString() ?? null, r.id],
    // Cases without a deadline come last; after a dated cursor they are a second range of their own.
    after: ([at, id]: unknown[]) =>
      at === null
        ? [sql`(c."deadlineAt" IS NULL AND c."id" > ${String(id)}::uuid)`]
        : [
            sql`(c."deadlineAt", c."id") > (${String(at)}::timestamptz, ${String(id)}::uuid)`,
            sql`c."deadlineAt" IS NULL`,
          ],
  },
} as const;

/**
 * One page of cases. Written in SQL rather than through Prisma: it is the hottest query of the console, and
 * one round trip with the joins keeps it within a small factor of the bare index scan.
 * `access` limits an unfiltered list to the queues the caller may work, and every list to cases whose content
 * the caller may see.
 */
export async function listCases(db: Pick<Database, "sql">, rawInput: CaseListInput, access: ContentAccess) {
  const input = CaseListInput.parse(rawInput);
  const sort = SORTS[input.sort];
  const where = filters(input);
  if (restrictsContent(access)) where.push(visibleCaseSubjectSql(access, "c"));
  const ranges = input.cursor ? sort.after(decodeCursor(input.cursor, 2)) : [sql`TRUE`];
  const limit = input.limit + 1;

  // The index is (queue, status, sort key): it yields rows in order only for one queue and one status. So each
  // (queue, status) pair gets its own index-ordered, limited scan and the pieces are merged — a page costs the
  // same at any depth and for any number of statuses, instead of sorting every matching case.
  const queues = (input.queue ? [input.queue] : access.workable).filter((queue) => access.workable.includes(queue));
  const statuses = input.status ?? DEFAULT_LIST_STATUSES;
  const common = where.length ? sql` AND ${join(where, " AND ")}` : empty;
  const parts = queues.flatMap((queue) =>
    statuses.flatMap((status) => {
      const fixed = sql`c."queue" = ${queue}::"QueueKind" AND c."status" = ${status}::"CaseStatus"`;
      return ranges.map(
        (range) =>
          sql`(SELECT ${PART_COLUMNS} FROM "Case" c WHERE ${fixed} AND ${range}${common} ORDER BY ${sort.orderBy} LIMIT ${limit}::int)`,
      );
    }),
  );
  if (parts.length === 0) return { items: [], nextCursor: null };

  // Straight to the driver: Prisma's raw-query layer costs more than the query itself on a page this size.
  const rows = await db.sql.query<SqlRow>(
    sql`SELECT c."id"::text AS "id", c."queue"::text AS "queue", c."status"::text AS "status", c."subjectType"::text AS "subjectType",
            c."subjectKey", c."postId", c."priority", c."category", c."maxScore", c."hasCameo", c."signalCount", c."reporterCount",
            c."creatorHandle", c."prompt", c."deadlineAt", c."createdAt", c."leaseUntil", c."version",
            s."id"::text AS "claimedById", s."displayName" AS "claimedByName", p."posterUrl", p."visibility"::text AS "postVisibility"
       FROM (${join(parts, " UNION ALL ")}) c
       LEFT JOIN "StaffUser" s ON s."id" = c."claimedById"
       LEFT JOIN "Post" p ON p."id" = c."postId"
      ORDER BY ${sort.orderBy}
      LIMIT ${limit}::int`,
  );
  // Field by field: rest-and-spread over the driver's row objects costs more than the query on a page this size.
  const items: CaseListRow[] = rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    status: r.status,
    subjectType: r.subjectType,
    subjectKey: r.subjectKey,
    postId: r.postId,
    priority: r.priority,
    category: r.category,
    maxScore: r.maxScore,
    hasCameo: r.hasCameo,
    signalCount: r.signalCount,
    reporterCount: r.reporterCount,
    creatorHandle: r.creatorHandle,
    prompt: r.prompt,
    deadlineAt: r.deadlineAt,
    createdAt: r.createdAt,
    leaseUntil: r.leaseUntil,
    version: r.version,
    claimedBy: r.claimedById ? { id: r.claimedById, displayName: r.claimedByName ?? "" } : null,
    post: r.posterUrl ? { posterUrl: r.posterUrl, visibility: r.postVisibility ?? "public" } : null,
  }));
  return pageOf(items, input.limit, sort.cursorOf);
}
