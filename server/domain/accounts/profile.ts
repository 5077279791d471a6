// One account as a reviewer needs it: who they are, their standing (status, strikes, reporter accuracy), where
// they came from (the invite code and who issued it), what they posted by visibility, the cases open about them or
// their posts, and their cameos — as the caller's access allows: posts, cases and decisions kept from the caller
// are neither listed nor counted.
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { notFound } from "../../lib/errors.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visibleCaseSql, visibleDecisionWhere, visiblePostWhere } from "../access/content-visibility.ts";
import { sql } from "../../db/sql.ts";

const OPEN_CASES_SHOWN = 20;

export const accountProfileSelect = {
  id: true,
  handle: true,
  displayName: true,
  country: true,
  status: true,
  suspendedUntil: true,
  strikeCount: true,
  reportsFiled: true,
  reportsActioned: true,
  createdAt: true,
  invitedByCode: {
    select: {
      code: true,
      wave: { select: { id: true, name: true } },
      issuerAccount: { select: { id: true, handle: true } },
    },
  },
  cameos: { select: { id: true, status: true, permission: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.AccountSelect;

export async function getAccountProfile({ prisma: tx }: Database, accountId: string, access: ContentAccess) {
  const account = await tx.account.findUnique({ where: { id: accountId }, select: accountProfileSelect });
  if (!account) throw notFound("Account");
  const [visibility, openCases, invitees, activeGrants, standing] = await Promise.all([
    tx.post.groupBy({
      by: ["visibility"],
      where: { AND: [{ creatorId: accountId }, visiblePostWhere(access)] },
      _count: { _all: true },
    }),
    tx.$queryRaw<
      {
        id: string;
        queue: string;
        status: string;
        subjectType: string;
        postId: string | null;
        deadlineAt: Date | null;
        createdAt: Date;
      }[]
    >(
      sql`SELECT c."id", c."queue"::text AS "queue", c."status"::text AS "status", c."subjectType"::text AS "subjectType", c."postId", c."deadlineAt", c."createdAt"
         FROM "Case" c
        WHERE c."status" <> 'resolved'
          AND (c."accountId" = ${accountId} OR c."postId" IN (SELECT p."id" FROM "Post" p WHERE p."creatorId" = ${accountId}))
          AND ${visibleCaseSql(access, "c")}
        ORDER BY c."deadlineAt" ASC NULLS LAST, c."createdAt" ASC
        LIMIT ${OPEN_CASES_SHOWN + 1}`,
    ),
    tx.account.count({ where: { invitedByCode: { issuerAccountId: accountId } } }),
    tx.cameoGrant.count({ where: { granteeId: accountId, status: "active" } }),
    currentRestriction(tx, accountId, account.status, access),
  ]);
  return {
    ...account,
    posts: Object.fromEntries(visibility.map((v) => [v.visibility, v._count._all])) as Partial<
      Record<"public" | "held" | "taken_down" | "deleted", number>
    >,
    openCases: openCases.slice(0, OPEN_CASES_SHOWN).map((c) => ({
      ...c,
      deadlineAt: c.deadlineAt ? new Date(c.deadlineAt) : null,
      createdAt: new Date(c.createdAt),
    })),
    hasMoreOpenCases: openCases.length > OPEN_CASES_SHOWN,
    invitees,
    activeGrants,
    restriction: standing,
  };
}

/**
 * The suspension or ban in force, with who decided it and why; null for an account in good standing, or when the
 * decision is kept from `access` (the status still says suspended or banned).
 */
export async function currentRestriction(tx: Tx, accountId: string, status: string, access: ContentAccess) {
  if (status !== "suspended" && status !== "banned") return null;
  const decision = await tx.decision.findFirst({
    where: { accountId, type: { in: ["suspend_account", "ban_account"] }, reversedBy: { none: {} } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      type: true,
      reason: true,
      suspendedUntil: true,
      createdAt: true,
      policy: { select: { code: true, name: true } },
      actor: { select: { id: true, displayName: true } },
    },
  });
  if (!decision || access.closed.length === 0) return decision;
  const visible = await tx.decision.count({ where: { AND: [{ id: decision.id }, visibleDecisionWhere(access)] } });
  return visible ? decision : null;
}
