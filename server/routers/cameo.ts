import { router, staffActorOf, staffProcedure } from "../trpc.ts";
import {
  ApproveActionInput,
  CameoActionRef,
  CameoListInput,
  CameoPostsInput,
  CameoRef,
  DisableCameoInput,
  PendingApprovalsInput,
  RejectActionInput,
  ReinstateInput,
  RevokeGrantInput,
} from "../contracts/cameos.ts";
import { getCameoAction, getCameoDetail, listCameoPosts } from "../domain/cameos/registry.ts";
import { listCameos } from "../domain/cameos/cameo-list.ts";
import {
  approvePendingCameoAction,
  disableCameo,
  listPendingCameoApprovals,
  reinstateCameoAction,
  rejectPendingCameoAction,
  revokeCameoGrant,
} from "../domain/cameos/staff-requests.ts";
import { accessOf } from "../domain/access/queue-access.ts";

export const cameoRouter = router({
  /** The cameo registry: find a cameo by its owner's handle or by its id. */
  list: staffProcedure
    .input(CameoListInput)
    .query(async ({ ctx, input }) => listCameos(ctx.db, input, await accessOf(ctx))),

  /** One cameo: owner's permission and restrictions, grants with dates and post counts, and staff actions on it. */
  detail: staffProcedure
    .input(CameoRef)
    .query(async ({ ctx, input }) => getCameoDetail(ctx.db, input.cameoId, await accessOf(ctx))),

  /** Every post the cameo appears in, optionally one account's. */
  posts: staffProcedure
    .input(CameoPostsInput)
    .query(async ({ ctx, input }) => listCameoPosts(ctx.db, input, await accessOf(ctx))),

  /** One action with its progress: poll it while the cascade runs. */
  action: staffProcedure.input(CameoActionRef).query(({ ctx, input }) => getCameoAction(ctx.db, input.actionId)),

  /** Actions waiting for a second staff member (four-eyes rule), oldest first. */
  pendingApprovals: staffProcedure.input(PendingApprovalsInput).query(({ ctx }) => listPendingCameoApprovals(ctx.db)),

  /** Revoke one grant and take down or hold the grantee's posts with the cameo, as one batch. */
  revokeGrant: staffProcedure
    .input(RevokeGrantInput)
    .mutation(({ ctx, input }) => revokeCameoGrant(ctx.db, input, staffActorOf(ctx), ctx.now)),

  /** Disable a cameo and act on every post it appears in. Always waits for a second staff member's approval. */
  disable: staffProcedure
    .input(DisableCameoInput)
    .mutation(({ ctx, input }) => disableCameo(ctx.db, input, staffActorOf(ctx), ctx.now)),

  /** Reverse a completed revocation or disable: restores exactly the posts it changed that nothing else has changed since. */
  reinstate: staffProcedure
    .input(ReinstateInput)
    .mutation(({ ctx, input }) => reinstateCameoAction(ctx.db, input, staffActorOf(ctx), ctx.now)),

  approveAction: staffProcedure
    .input(ApproveActionInput)
    .mutation(({ ctx, input }) => approvePendingCameoAction(ctx.db, input, staffActorOf(ctx), ctx.now)),

  /** Reject a pending action, or withdraw one's own request. Nothing changes on the cameo or its posts. */
  rejectAction: staffProcedure
    .input(RejectActionInput)
    .mutation(({ ctx, input }) => rejectPendingCameoAction(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
