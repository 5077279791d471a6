// The cameo registry: one cameo with its owner's settings, its grants, the posts it appears in, and the actions
// staff took on it. Grants carry per-grantee post counts from one grouped query, not one query per grant.
import * as z from "zod/mini";
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { CameoPostsInput } from "../../contracts/cameos.ts";
import { notFound } from "../../lib/errors.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import { parseInput } from "../../lib/validation.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visiblePostSql, visiblePostWhere } from "../access/content-visibility.ts";
import { sql } from "../../db/sql.ts";

const handleSelect = { id: true, handle: true, displayName: true, status: true } satisfies Prisma.AccountSelect;

/** What every view of a cameo shows: its state and the owner's settings. */
export const cameoSettingsSelect = {
  id: true,
  status: true,
  permission: true,
  restrictions: true,
  verifiedAt: true,
} satisfies Prisma.CameoSelect;

export const actionSelect = {
  id: true,
  kind: true,
  status: true,
  mode: true,
  grantId: true,
  reason: true,
  postCount: true,
  processedCount: true,
  needsApproval: true,
  batchId: true,
  requestedAt: true,
  approvedAt: true,
  startedAt: true,
  completedAt: true,
  rejectionReason: true,
  reversesId: true,
  complaintSignalId: true,
  cameoId: true,
  requestedBy: { select: { id: true, displayName: true } },
  approvedBy: { select: { id: true, displayName: true } },
  policy: { select: { code: true, name: true } },
  grant: { select: { grantee: { select: { handle: true } } } },
  cameo: { select: { owner: { select: { handle: true } } } },
  reversedBy: { where: { status: { not: "rejected" } }, select: { id: true, status: true } },
  decisionId: true,
} satisfies Prisma.CameoActionSelect;

type ActionRow = Prisma.CameoActionGetPayload<{ select: typeof actionSelect }>;

/** Actions with the email that told the cameo's owner, when one was sent: one query for any number of actions. */
export async function withOwnerNotices(tx: Tx, actions: ActionRow[]) {
  const ids = actions.map((a) => a.decisionId).filter((id): id is string => id !== null);
  const notices = ids.length
    ? await tx.emailNotice.findMany({
        where: { decisionId: { in: ids }, kind: "cameo_owner" },
        select: { decisionId: true, status: true, sentAt: true, createdAt: true },
      })
    : [];
  const byDecision = new Map(notices.map((n) => [n.decisionId, n]));
  return actions.map((a) => {
    const n = a.decisionId ? byDecision.get(a.decisionId) : undefined;
    // Whether and when, never the address: the owner's contact is personal data staff do not need here.
    return { ...a, ownerNotice: n ? { status: n.status, sentAt: n.sentAt, queuedAt: n.createdAt } : null };
  });
}

export async function getCameoAction({ prisma: tx }: Database, actionId: string) {
  const action = await tx.cameoAction.findUnique({ where: { id: actionId }, select: actionSelect });
  if (!action) throw notFound("Cameo action");
  return (await withOwnerNotices(tx, [action]))[0]!;
}

/** Appearances in posts kept from the caller are not counted. */
export const visibleAppearancesCount = (
  access: ContentAccess,
): true | Prisma.CameoCountOutputTypeCountAppearancesArgs =>
  access.closed.length ? { where: { post: visiblePostWhere(access) } } : true;

export async function getCameoDetail({ prisma: tx }: Database, cameoId: string, access: ContentAccess) {
  const cameo = await tx.cameo.findUnique({
    where: { id: cameoId },
    select: {
      ...cameoSettingsSelect,
      verificationMethod: true,
      createdAt: true,
      owner: { select: { ...handleSelect, email: true } },
      grants: {
        orderBy: [{ status: "asc" }, { createdAt: "desc" }],
        take: 500,
        select: { id: true, status: true, createdAt: true, revokedAt: true, grantee: { select: handleSelect } },
      },
      _count: { select: { appearances: visibleAppearancesCount(access) } },
    },
  });
  if (!cameo) throw notFound("Cameo");
  const [byCreator, actions] = await Promise.all([
    tx.$queryRaw<{ creatorId: string; total: number; visible: number }[]>(
      sql`SELECT p."creatorId", count(*)::int AS "total", count(*) FILTER (WHERE p."visibility" = 'public')::int AS "visible"
         FROM "CameoAppearance" ca JOIN "Post" p ON p."id" = ca."postId"
        WHERE ca."cameoId" = ${cameo.id} AND ${visiblePostSql(access, `p."id"`)}
        GROUP BY p."creatorId"`,
    ),
    tx.cameoAction.findMany({
      where: { cameoId: cameo.id },
      orderBy: { requestedAt: "desc" },
      take: 100,
      select: actionSelect,
    }),
  ]);
  const counts = new Map(byCreator.map((r) => [r.creatorId, r]));
  const { owner, ...rest } = cameo;
  return {
    ...rest,
    owner: {
      id: owner.id,
      handle: owner.handle,
      displayName: owner.displayName,
      status: owner.status,
      hasEmail: owner.email !== null,
    },
    ownPosts: counts.get(owner.id)?.total ?? 0,
    grants: cameo.grants.map((g) => ({
      ...g,
      posts: counts.get(g.grantee.id)?.total ?? 0,
      publicPosts: counts.get(g.grantee.id)?.visible ?? 0,
    })),
    actions: await withOwnerNotices(tx, actions),
  };
}
export type CameoDetail = Awaited<ReturnType<typeof getCameoDetail>>;

/** Every post the cameo appears in that the caller may see, newest first, keyset-paginated. */
export async function listCameoPosts(
  { prisma: tx }: Database,
  raw: z.input<typeof CameoPostsInput>,
  access: ContentAccess,
) {
  const input = parseInput(CameoPostsInput, raw);
  const and: Prisma.PostWhereInput[] = [
    { appearances: { some: { cameoId: input.cameoId } } },
    visiblePostWhere(access),
  ];
  if (input.creatorId) and.push({ creatorId: input.creatorId });
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const when = new Date(String(at));
    and.push({ OR: [{ createdAt: { lt: when } }, { createdAt: when, id: { lt: String(id) } }] });
  }
  const rows = await tx.post.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      prompt: true,
      posterUrl: true,
      visibility: true,
      createdAt: true,
      creator: { select: { id: true, handle: true } },
    },
  });
  return pageOf(rows, input.limit, (r) => [r.createdAt.toISOString(), r.id]);
}
