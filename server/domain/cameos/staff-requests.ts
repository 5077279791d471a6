// A staff request on a cameo, answered with the action it made and its progress. Small cascades run within the
// request; larger ones, and any waiting for a second staff member, are left to the background worker.
import type { z } from "zod/mini";
import type {
  ApproveActionInput,
  DisableCameoInput,
  RejectActionInput,
  ReinstateInput,
  RevokeGrantInput,
} from "../../contracts/cameos.ts";
import type { Database } from "../../db/client.ts";
import type { StaffActor } from "../audit/staff-actor.ts";
import {
  approveCameoAction,
  rejectCameoAction,
  requestCameoDisable,
  requestGrantRevocation,
  requestReinstatement,
} from "./actions.ts";
import { actionSelect, getCameoAction, withOwnerNotices } from "./registry.ts";
import { runCameoAction } from "./run-action.ts";

/** Cascades this small run within the request; larger ones are left to the background worker, which reports progress. */
const INLINE_CASCADE_LIMIT = 500;

type Clock = () => Date;

async function runIfSmall(db: Database, action: { id: string; needsApproval: boolean; postCount: number }, now: Clock) {
  if (!action.needsApproval && action.postCount <= INLINE_CASCADE_LIMIT) await runCameoAction(db, action.id, { now });
  return getCameoAction(db, action.id);
}

/** Revoke one grant and take down or hold the grantee's posts with the cameo, as one batch. */
export async function revokeCameoGrant(
  db: Database,
  input: z.input<typeof RevokeGrantInput>,
  staff: StaffActor,
  now: Clock,
) {
  return runIfSmall(db, await requestGrantRevocation(db, input, staff, now()), now);
}

/** Disable a cameo and act on every post it appears in. Always waits for a second staff member's approval. */
export async function disableCameo(
  db: Database,
  input: z.input<typeof DisableCameoInput>,
  staff: StaffActor,
  now: Clock,
) {
  return runIfSmall(db, await requestCameoDisable(db, input, staff, now()), now);
}

/** Reverse a completed revocation or disable. */
export async function reinstateCameoAction(
  db: Database,
  input: z.input<typeof ReinstateInput>,
  staff: StaffActor,
  now: Clock,
) {
  return runIfSmall(db, await requestReinstatement(db, input, staff, now()), now);
}

/** A second staff member's approval; the cascade then runs as any other would. */
export async function approvePendingCameoAction(
  db: Database,
  input: z.input<typeof ApproveActionInput>,
  staff: StaffActor,
  now: Clock,
) {
  const approved = await approveCameoAction(db, input, staff, now());
  const action = await db.prisma.cameoAction.findUniqueOrThrow({
    where: { id: approved.id },
    select: { id: true, postCount: true },
  });
  return runIfSmall(db, { ...action, needsApproval: false }, now);
}

/** Reject a pending action, or withdraw one's own request. Nothing changes on the cameo or its posts. */
export async function rejectPendingCameoAction(
  db: Database,
  input: z.input<typeof RejectActionInput>,
  staff: StaffActor,
  now: Date,
) {
  await rejectCameoAction(db, input, staff, now);
  return getCameoAction(db, input.actionId);
}

/** Actions waiting for a second staff member (four-eyes rule), oldest first. */
export async function listPendingCameoApprovals(db: Database) {
  const rows = await db.prisma.cameoAction.findMany({
    where: { status: "pending_approval" },
    orderBy: { requestedAt: "asc" },
    take: 200,
    select: actionSelect,
  });
  return withOwnerNotices(db.prisma, rows);
}
