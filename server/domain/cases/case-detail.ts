// Everything a reviewer needs to judge one case, in one call: the evidence, who is in it, where it came from,
// the creator's record, what was decided before, and why the case ranks where it does.
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";
import { postMediaView } from "../media/post-media-view.ts";
import { HASH_BANK_MODEL } from "../hashbank/scan.ts";
import { refusedCaseActions } from "../decisions/reversal-authority.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { restrictedPostIds, visibleDecisionWhere, visiblePostWhere } from "../access/content-visibility.ts";

const handleSelect = { id: true, handle: true, displayName: true } satisfies Prisma.AccountSelect;
const relatedPostSelect = {
  id: true,
  prompt: true,
  posterUrl: true,
  visibility: true,
  createdAt: true,
  creator: { select: handleSelect },
} satisfies Prisma.PostSelect;
const decisionSelect = {
  id: true,
  type: true,
  reason: true,
  createdAt: true,
  batchId: true,
  caseId: true,
  suspendedUntil: true,
  strikeDelta: true,
  actor: { select: { id: true, displayName: true } },
  policy: { select: { code: true, name: true } },
} satisfies Prisma.DecisionSelect;

/**
 * The case as `access` may see it: the caller checked the case itself (visibleCase); related posts, decisions and
 * hash matches that point at content kept from the caller are left out. `actionRefusals` names the actions the
 * viewer's role would be refused here, and why.
 */
export async function getCaseDetail(
  { prisma: tx }: Database,
  caseId: string,
  access: ContentAccess,
  viewer: { id: string },
  now: Date,
) {
  const c = await tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      queue: true,
      status: true,
      subjectType: true,
      subjectKey: true,
      postId: true,
      accountId: true,
      cameoId: true,
      priority: true,
      priorityComponents: true,
      deadlineAt: true,
      category: true,
      maxScore: true,
      hasCameo: true,
      signalCount: true,
      reporterCount: true,
      version: true,
      createdAt: true,
      leaseUntil: true,
      lastChangedAt: true,
      escalatedFrom: true,
      claimedBy: { select: { id: true, displayName: true } },
      lastChangedBy: { select: { id: true, displayName: true } },
      notes: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { displayName: true } } },
      },
      appeals: {
        select: {
          id: true,
          text: true,
          status: true,
          filedAt: true,
          appellant: { select: handleSelect },
          decision: { select: decisionSelect },
        },
      },
      takedowns: {
        select: { id: true, reference: true, type: true, status: true, dueAt: true, missingElements: true },
      },
    },
  });
  if (!c) throw notFound("Case");

  const [post, signals] = await Promise.all([
    c.postId
      ? tx.post.findUnique({
          where: { id: c.postId },
          select: {
            id: true,
            prompt: true,
            transcript: true,
            durationMs: true,
            posterUrl: true,
            videoUrl: true,
            visibility: true,
            hasC2pa: true,
            hasWatermark: true,
            viewCount: true,
            remixCount: true,
            contentHash: true,
            createdAt: true,
            creatorId: true,
            remixOfId: true,
            keyframes: { orderBy: { index: "asc" }, select: { index: true, atMs: true, imageUrl: true } },
            remixOf: { select: relatedPostSelect },
            remixes: {
              where: visiblePostWhere(access),
              take: 12,
              orderBy: { createdAt: "asc" },
              select: relatedPostSelect,
            },
            appearances: {
              select: {
                cameo: {
                  select: {
                    id: true,
                    status: true,
                    permission: true,
                    restrictions: true,
                    verifiedAt: true,
                    owner: { select: handleSelect },
                  },
                },
              },
            },
          },
        })
      : null,
    tx.signal.findMany({
      where: { caseId },
      orderBy: { occurredAt: "desc" },
      take: 200,
      select: {
        id: true,
        kind: true,
        category: true,
        model: true,
        score: true,
        frames: true,
        reason: true,
        text: true,
        occurredAt: true,
        reporter: { select: { ...handleSelect, reportsFiled: true, reportsActioned: true } },
        takedownRequest: { select: { reference: true, type: true } },
        // Read only to describe hash bank matches; other payloads (complaint evidence) stay on the server.
        payload: true,
      },
    }),
  ]);

  const creatorId = post?.creatorId ?? c.accountId;
  const [creator, siblings, grants, subjectDecisions, creatorDecisions, actionRefusals] = await Promise.all([
    creatorId
      ? tx.account.findUnique({
          where: { id: creatorId },
          select: {
            ...handleSelect,
            country: true,
            status: true,
            strikeCount: true,
            suspendedUntil: true,
            createdAt: true,
            reportsFiled: true,
            reportsActioned: true,
          },
        })
      : null,
    post?.remixOfId
      ? tx.post.findMany({
          where: { AND: [{ remixOfId: post.remixOfId, id: { not: post.id } }, visiblePostWhere(access)] },
          take: 12,
          orderBy: { createdAt: "asc" },
          select: relatedPostSelect,
        })
      : [],
    // Whether the creator was allowed to use each cameo that appears in the post.
    post && creatorId && post.appearances.length
      ? tx.cameoGrant.findMany({
          where: { granteeId: creatorId, cameoId: { in: post.appearances.map((a) => a.cameo.id) } },
          select: { cameoId: true, status: true, createdAt: true, revokedAt: true },
        })
      : [],
    tx.decision.findMany({
      where: {
        AND: [
          {
            OR: [
              ...(c.postId ? [{ postId: c.postId }] : []),
              ...(c.cameoId ? [{ cameoId: c.cameoId }] : []),
              { caseId },
            ],
          },
          visibleDecisionWhere(access),
        ],
      },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: decisionSelect,
    }),
    creatorId
      ? tx.decision.findMany({
          where: { AND: [{ OR: [{ accountId: creatorId }, { post: { creatorId } }] }, visibleDecisionWhere(access)] },
          orderBy: { createdAt: "desc" },
          take: 20,
          select: { ...decisionSelect, postId: true },
        })
      : [],
    refusedCaseActions(tx, { id: c.id, post }, viewer, now),
  ]);

  const hashMatches = signals.map((s) => (s.model === HASH_BANK_MODEL ? hashMatchOf(s.payload) : null));
  const media = post ? await postMediaView(tx, post) : null;
  const restricted = await restrictedPostIds(tx, access, [
    post?.remixOfId,
    ...hashMatches.map((m) => m?.matchedPostId),
  ]);
  const grantByCameo = new Map(grants.map((g) => [g.cameoId, g]));
  // A remix of content kept from the caller is shown on its own: not what it remixes, nor its fellow remixes.
  const parentHidden = !!post?.remixOfId && restricted.has(post.remixOfId);
  return {
    ...c,
    post: post
      ? {
          ...post,
          ...(parentHidden ? { remixOfId: null, remixOf: null } : {}),
          siblings: parentHidden ? [] : siblings,
          media: media!,
          appearances: post.appearances.map(({ cameo }) => ({
            ...cameo,
            isOwnCameo: cameo.owner.id === creatorId,
            grant: grantByCameo.get(cameo.id) ?? null,
          })),
        }
      : null,
    signals: signals.map(({ payload: _payload, ...signal }, i) => ({
      ...signal,
      hashMatch: withoutRestricted(hashMatches[i] ?? null, restricted),
    })),
    creator,
    decisions: subjectDecisions,
    creatorDecisions,
    actionRefusals,
  };
}
export type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;

/** A match with a removed post kept from the caller says how close it was, not what it matched. */
function withoutRestricted(match: ReturnType<typeof hashMatchOf> | null, restricted: Set<string>) {
  if (!match?.matchedPostId || !restricted.has(match.matchedPostId)) return match;
  return { ...match, matchedPostId: null, decisionId: null, policyCode: null };
}

/** What a hash bank signal matched: the removed post, the decision and policy behind it, and how close it is. */
function hashMatchOf(payload: unknown) {
  const p = (payload && typeof payload === "object" ? payload : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    matchKind: p.matchKind === "exact" ? ("exact" as const) : ("perceptual" as const),
    distance: typeof p.distance === "number" ? p.distance : null,
    queryPct: typeof p.queryPct === "number" ? p.queryPct : null,
    comparisonPct: typeof p.comparisonPct === "number" ? p.comparisonPct : null,
    matchedPostId: text(p.matchedPostId),
    decisionId: text(p.decisionId),
    policyCode: text(p.policyCode),
  };
}
