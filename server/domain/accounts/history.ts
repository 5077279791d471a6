// An account's posts and the decisions about it or its posts, newest first, in keyset pages; what is kept from the
// caller's access is left out of the pages, not blanked in them.
import type { AccountPageInput } from "../../contracts/accounts.ts";
import type { Database } from "../../db/client.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { restrictsContent, visibleDecisionSql, visiblePostWhere } from "../access/content-visibility.ts";
import { empty, raw, sql } from "../../db/sql.ts";

function after(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  const [at, id] = decodeCursor(cursor, 2);
  return [String(at), String(id)];
}

export async function listAccountPosts({ prisma: tx }: Database, input: AccountPageInput, access: ContentAccess) {
  const from = after(input.cursor);
  const rows = await tx.post.findMany({
    where: {
      AND: [
        { creatorId: input.accountId },
        from
          ? { OR: [{ createdAt: { lt: new Date(from[0]) } }, { createdAt: new Date(from[0]), id: { lt: from[1] } }] }
          : {},
        visiblePostWhere(access),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      prompt: true,
      posterUrl: true,
      visibility: true,
      viewCount: true,
      remixCount: true,
      createdAt: true,
      _count: { select: { cases: true } },
    },
  });
  return pageOf(rows, input.limit, (p) => [p.createdAt.toISOString(), p.id]);
}

export interface AccountDecisionRow {
  id: string;
  type: string;
  subjectType: string;
  postId: string | null;
  cameoId: string | null;
  caseId: string | null;
  reason: string;
  suspendedUntil: Date | null;
  strikeDelta: number;
  batchId: string | null;
  reversesId: string | null;
  createdAt: Date;
  policyCode: string | null;
  policyName: string | null;
  actorName: string | null;
}

// Two index scans (decisions naming the account, decisions on its posts) merged by time; an OR across the join
// would scan every decision.
export async function listAccountDecisions({ prisma: tx }: Database, input: AccountPageInput, access: ContentAccess) {
  const from = after(input.cursor);
  const visible = visibleDecisionSql(access, "d");
  const restricted = restrictsContent(access);
  const keyset = sql`${from ? sql`AND (d."createdAt", d."id") < (${from[0]}::timestamptz, ${from[1]}::uuid)` : empty}${restricted ? sql` AND ${visible}` : empty}`;
  const columns =
    raw(`d."id", d."type"::text AS "type", d."subjectType"::text AS "subjectType", d."postId", d."cameoId", d."caseId", d."reason",
                   d."suspendedUntil", d."strikeDelta", d."batchId", d."reversesId", d."createdAt", d."policyId", d."actorId"`);
  // A decision reversing one kept from the caller is shown without naming it.
  const reverses = restricted
    ? sql`(SELECT r."id" FROM "Decision" r WHERE r."id" = x."reversesId" AND ${visibleDecisionSql(access, "r")})`
    : sql`x."reversesId"`;
  const limit = input.limit + 1;
  const rows = await tx.$queryRaw<(AccountDecisionRow & { policyId: string | null; actorId: string | null })[]>(
    sql`SELECT x."id", x."type", x."subjectType", x."postId", x."cameoId", x."caseId", x."reason", x."suspendedUntil", x."strikeDelta",
            x."batchId", ${reverses} AS "reversesId", x."createdAt", x."policyId", x."actorId",
            pol."code" AS "policyCode", pol."name" AS "policyName", s."displayName" AS "actorName"
       FROM (
         (SELECT ${columns} FROM "Decision" d
           WHERE d."accountId" = ${input.accountId} ${keyset}
           ORDER BY d."createdAt" DESC, d."id" DESC LIMIT ${limit})
         UNION ALL
         (SELECT ${columns} FROM "Decision" d JOIN "Post" p ON p."id" = d."postId"
           WHERE p."creatorId" = ${input.accountId} AND d."accountId" IS DISTINCT FROM ${input.accountId} ${keyset}
           ORDER BY d."createdAt" DESC, d."id" DESC LIMIT ${limit})
       ) x
       LEFT JOIN "Policy" pol ON pol."id" = x."policyId"
       LEFT JOIN "StaffUser" s ON s."id" = x."actorId"
      ORDER BY x."createdAt" DESC, x."id" DESC
      LIMIT ${limit}`,
  );
  const items = rows.map(({ policyId: _p, actorId: _a, ...r }) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    suspendedUntil: r.suspendedUntil ? new Date(r.suspendedUntil) : null,
  }));
  return pageOf(items, input.limit, (d) => [d.createdAt.toISOString(), d.id]);
}
