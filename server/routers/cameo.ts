import { z } from "zod";
import { router, staffActorOf, staffProcedure, type AuthedContext } from "../trpc.ts";
import { decodeCursor, pageOf } from "../lib/keyset.ts";
import type { Prisma } from "../db/generated/client.ts";
import { ApproveActionInput, DisableCameoInput, RejectActionInput, ReinstateInput, RevokeGrantInput } from "../contracts/cameos.ts";
import {
  approveCameoAction,
  rejectCameoAction,
  requestCameoDisable,
  requestGrantRevocation,
  requestReinstatement,
} from "../domain/cameos/actions.ts";
import { runCameoAction } from "../domain/cameos/run-action.ts";
import {
  actionSelect,
  CameoPostsInput,
  cameoSettingsSelect,
  getCameoAction,
  getCameoDetail,
  listCameoPosts,
  visibleAppearancesCount,
  withOwnerNotices,
} from "../domain/cameos/registry.ts";
import { accessOf } from "../domain/access/queue-access.ts";

const CameoListInput = z.object({
  /** an owner's handle (prefix, with or without @) or a cameo id */
  query: z.string().trim().min(1).max(64).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Cascades this small run within the request; larger ones are left to the background worker, which reports progress. */
const INLINE_CASCADE_LIMIT = 500;

async function runIfSmall(ctx: AuthedContext, action: { id: string; needsApproval: boolean; postCount: number }) {
  if (!action.needsApproval && action.postCount <= INLINE_CASCADE_LIMIT) await runCameoAction(ctx.db, action.id, { now: ctx.now });
  return getCameoAction(ctx.db.prisma, action.id);
}

export const cameoRouter = router({
  /** The cameo registry: find a cameo by its owner's handle or by its id. */
  list: staffProcedure.input(CameoListInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    const and: Prisma.CameoWhereInput[] = [];
    if (input.query) {
      const q = input.query.replace(/^@/, "");
      and.push({ OR: [{ id: q }, { owner: { handle: { startsWith: q } } }] });
    }
    if (input.status) and.push({ status: input.status });
    if (input.cursor) and.push({ id: { gt: String(decodeCursor(input.cursor, 1)[0]) } });
    const rows = await ctx.db.prisma.cameo.findMany({
      where: { AND: and },
      orderBy: { id: "asc" },
      take: input.limit + 1,
      select: {
        ...cameoSettingsSelect,
        owner: { select: { id: true, handle: true, displayName: true } },
        _count: { select: { grants: true, appearances: visibleAppearancesCount(access) } },
      },
    });
    return pageOf(rows, input.limit, (r) => [r.id]);
  }),

  /** One cameo: owner's permission and restrictions, grants with dates and post counts, and staff actions on it. */
  detail: staffProcedure.input(z.object({ cameoId: z.string().min(1).max(200) })).query(async ({ ctx, input }) => getCameoDetail(ctx.db.prisma, input.cameoId, await accessOf(ctx))),

  /** Every post the cameo appears in, optionally one account's. */
  posts: staffProcedure.input(CameoPostsInput).query(async ({ ctx, input }) => listCameoPosts(ctx.db.prisma, input, await accessOf(ctx))),

  /** One action with its progress: poll it while the cascade runs. */
  action: staffProcedure.input(z.object({ actionId: z.uuid() })).query(({ ctx, input }) => getCameoAction(ctx.db.prisma, input.actionId)),

  /** Actions waiting for a second staff member (four-eyes rule), oldest first. */
  pendingApprovals: staffProcedure.input(z.object({})).query(({ ctx }) =>
    ctx.db.prisma.cameoAction.findMany({ where: { status: "pending_approval" }, orderBy: { requestedAt: "asc" }, take: 200, select: actionSelect }).then((rows) => withOwnerNotices(ctx.db.prisma, rows)),
  ),

  /** Revoke one grant and take down or hold the grantee's posts with the cameo, as one batch. */
  revokeGrant: staffProcedure.input(RevokeGrantInput).mutation(async ({ ctx, input }) => runIfSmall(ctx, await requestGrantRevocation(ctx.db, input, staffActorOf(ctx), ctx.now()))),

  /** Disable a cameo and act on every post it appears in. Always waits for a second staff member's approval. */
  disable: staffProcedure.input(DisableCameoInput).mutation(async ({ ctx, input }) => runIfSmall(ctx, await requestCameoDisable(ctx.db, input, staffActorOf(ctx), ctx.now()))),

  /** Reverse a completed revocation or disable: restores exactly the posts it changed that nothing else has changed since. */
  reinstate: staffProcedure.input(ReinstateInput).mutation(async ({ ctx, input }) => runIfSmall(ctx, await requestReinstatement(ctx.db, input, staffActorOf(ctx), ctx.now()))),

  approveAction: staffProcedure.input(ApproveActionInput).mutation(async ({ ctx, input }) => {
    const approved = await approveCameoAction(ctx.db, input, staffActorOf(ctx), ctx.now());
    const action = await ctx.db.prisma.cameoAction.findUniqueOrThrow({ where: { id: approved.id }, select: { id: true, postCount: true } });
    return runIfSmall(ctx, { ...action, needsApproval: false });
  }),

  /** Reject a pending action, or withdraw one's own request. Nothing changes on the cameo or its posts. */
  rejectAction: staffProcedure.input(RejectActionInput).mutation(async ({ ctx, input }) => {
    await rejectCameoAction(ctx.db, input, staffActorOf(ctx), ctx.now());
    return getCameoAction(ctx.db.prisma, input.actionId);
  }),
});
