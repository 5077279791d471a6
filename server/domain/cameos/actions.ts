// Requesting, approving and rejecting cameo actions. A request counts the posts the cascade will touch; disabling a
// cameo, or a cascade over FOUR_EYES_POST_THRESHOLD posts, waits for a second staff member (four-eyes rule).
// Execution lives in run-action.ts.
import crypto from "node:crypto";
import type * as z from "zod/mini";
import type { Database } from "../../db/client.ts";
import type { CameoActionKind, CascadeMode } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import {
  ApproveActionInput,
  DisableCameoInput,
  FOUR_EYES_POST_THRESHOLD,
  RejectActionInput,
  ReinstateInput,
  RevokeGrantInput,
} from "../../contracts/cameos.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { assertMayReverse, restrictionOfDecision, roleOfStaff } from "../decisions/reversal-authority.ts";
import { sql } from "../../db/sql.ts";

/** Which posts a cascade may change: a takedown also removes held posts; a hold only hides public ones. */
export function eligibleVisibilities(mode: CascadeMode): string[] {
  return mode === "take_down" ? ["public", "held"] : ["public"];
}

/** The post set of a revocation or disable: the grantee's posts with the cameo, or every post with it. */
export async function countCascadeTargets(
  tx: Tx,
  cameoId: string,
  granteeId: string | null,
  mode: CascadeMode,
): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>(
    sql`SELECT count(*)::int AS n FROM "CameoAppearance" ca JOIN "Post" p ON p."id" = ca."postId"
      WHERE ca."cameoId" = ${cameoId} AND (${granteeId}::text IS NULL OR p."creatorId" = ${granteeId}) AND p."visibility"::text = ANY(${eligibleVisibilities(mode)}::text[])`,
  );
  return row?.n ?? 0;
}

/** What a request decides about an action; the stored row adds its state and progress. */
export interface NewAction {
  kind: CameoActionKind;
  cameoId: string;
  grantId: string | null;
  mode: CascadeMode | null;
  reversesId: string | null;
  policyId: string | null;
  reason: string;
  complaintSignalId: string | null;
  postCount: number;
}

async function createAction(tx: Tx, a: NewAction, staff: StaffActor, now: Date) {
  const needsApproval = a.kind === "disable_cameo" || a.postCount > FOUR_EYES_POST_THRESHOLD;
  const batchId = crypto.randomUUID();
  const rows = await tx.$queryRaw<{ id: string }[]>(
    sql`INSERT INTO "CameoAction" ("id", "kind", "status", "cameoId", "grantId", "mode", "reversesId", "policyId", "reason",
                                "complaintSignalId", "batchId", "postCount", "needsApproval", "requestedById", "requestedAt")
     VALUES (${crypto.randomUUID()}::uuid, ${a.kind}::"CameoActionKind", ${needsApproval ? "pending_approval" : "approved"}::"CameoActionStatus",
             ${a.cameoId}, ${a.grantId}, ${a.mode}::"CascadeMode", ${a.reversesId}::uuid, ${a.policyId}::uuid, ${a.reason}, ${a.complaintSignalId}::uuid,
             ${batchId}::uuid, ${a.postCount}, ${needsApproval}, ${staff.id}::uuid, ${now}::timestamptz)
     ON CONFLICT DO NOTHING RETURNING "id"`,
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new DomainError(
      "CONFLICT",
      a.kind === "revoke_grant"
        ? "A revocation of this grant is already waiting or running; open it instead."
        : a.kind === "disable_cameo"
          ? "A disable of this cameo is already waiting or running; open it instead."
          : "This action was already reversed, or its reversal is waiting for approval.",
    );
  }
  await appendAudit(
    tx,
    {
      ...staffAuditActor(staff),
      action: "cameo_action.requested",
      subjectType: "cameo",
      subjectId: a.cameoId,
      batchId,
      details: {
        actionId: id,
        kind: a.kind,
        grantId: a.grantId,
        mode: a.mode,
        postCount: a.postCount,
        needsApproval,
        reversesId: a.reversesId,
        reason: a.reason,
        complaintSignalId: a.complaintSignalId,
      },
    },
    now,
  );
  return { id, needsApproval, postCount: a.postCount, batchId };
}

async function activePolicy(tx: Tx, policyId: string) {
  const policy = await tx.policy.findFirst({ where: { id: policyId, active: true }, select: { id: true } });
  if (!policy)
    throw new DomainError("BAD_REQUEST", "policyId: choose a policy from the catalogue.", { field: "policyId" });
}

/** A complaint attached as the reason must be a likeness complaint whose complainant staff verified. */
async function verifiedComplaint(tx: Tx, signalId: string | undefined): Promise<string | null> {
  if (!signalId) return null;
  const signal = await tx.signal.findUnique({
    where: { id: signalId },
    select: { kind: true, review: { select: { verification: true } } },
  });
  if (!signal || signal.kind !== "likeness_complaint")
    throw new DomainError("BAD_REQUEST", "complaintSignalId: not a likeness complaint.", {
      field: "complaintSignalId",
    });
  if (signal.review?.verification !== "verified") {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Verify the complainant's identity before acting on their complaint.",
      { field: "complaintSignalId" },
    );
  }
  return signalId;
}

export async function requestGrantRevocation(
  db: Database,
  raw: z.input<typeof RevokeGrantInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(RevokeGrantInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const grant = await tx.cameoGrant.findUnique({
      where: { id: input.grantId },
      select: { id: true, cameoId: true, granteeId: true, status: true },
    });
    if (!grant) throw notFound("Cameo grant");
    if (grant.status !== "active")
      throw new DomainError("PRECONDITION_FAILED", "This grant is already revoked.", { field: "grantId" });
    await activePolicy(tx, input.policyId);
    const complaintSignalId = await verifiedComplaint(tx, input.complaintSignalId);
    const postCount = await countCascadeTargets(tx, grant.cameoId, grant.granteeId, input.mode);
    return createAction(
      tx,
      {
        kind: "revoke_grant",
        cameoId: grant.cameoId,
        grantId: grant.id,
        mode: input.mode,
        reversesId: null,
        policyId: input.policyId,
        reason: input.reason,
        complaintSignalId,
        postCount,
      },
      staff,
      now,
    );
  });
}

export async function requestCameoDisable(
  db: Database,
  raw: z.input<typeof DisableCameoInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(DisableCameoInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const cameo = await tx.cameo.findUnique({ where: { id: input.cameoId }, select: { id: true, status: true } });
    if (!cameo) throw notFound("Cameo");
    if (cameo.status !== "active")
      throw new DomainError("PRECONDITION_FAILED", "This cameo is already disabled.", { field: "cameoId" });
    await activePolicy(tx, input.policyId);
    const complaintSignalId = await verifiedComplaint(tx, input.complaintSignalId);
    const postCount = await countCascadeTargets(tx, cameo.id, null, input.mode);
    return createAction(
      tx,
      {
        kind: "disable_cameo",
        cameoId: cameo.id,
        grantId: null,
        mode: input.mode,
        reversesId: null,
        policyId: input.policyId,
        reason: input.reason,
        complaintSignalId,
        postCount,
      },
      staff,
      now,
    );
  });
}

/** Reverses a completed revocation or disable: exactly the posts it changed, nothing else. */
export async function requestReinstatement(
  db: Database,
  raw: z.input<typeof ReinstateInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(ReinstateInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const action = await tx.cameoAction.findUnique({
      where: { id: input.actionId },
      select: {
        id: true,
        kind: true,
        status: true,
        cameoId: true,
        grantId: true,
        policyId: true,
        decisionId: true,
        reversedBy: { where: { status: { not: "rejected" } }, select: { id: true } },
      },
    });
    if (!action) throw notFound("Cameo action");
    if (action.kind === "reinstate")
      throw new DomainError("PRECONDITION_FAILED", "A reinstatement cannot itself be reversed; revoke again instead.", {
        field: "actionId",
      });
    if (action.status !== "completed")
      throw new DomainError("PRECONDITION_FAILED", "Only a completed action can be reversed.", { field: "actionId" });
    if (action.reversedBy.length > 0)
      throw new DomainError("CONFLICT", "This action was already reversed.", { field: "actionId" });
    const reversed = action.decisionId ? await restrictionOfDecision(tx, action.decisionId) : null;
    if (reversed) assertMayReverse([reversed], { role: await roleOfStaff(tx, staff.id) }, "reinstate");
    const postCount = await tx.cameoActionPost.count({ where: { actionId: action.id } });
    return createAction(
      tx,
      {
        kind: "reinstate",
        cameoId: action.cameoId,
        grantId: action.grantId,
        mode: null,
        reversesId: action.id,
        policyId: action.policyId,
        reason: input.reason,
        complaintSignalId: null,
        postCount,
      },
      staff,
      now,
    );
  });
}

async function lockPendingAction(tx: Tx, actionId: string) {
  const [row] = await tx.$queryRaw<
    { id: string; status: string; requestedById: string; cameoId: string; batchId: string }[]
  >(
    sql`SELECT "id", "status"::text AS "status", "requestedById"::text AS "requestedById", "cameoId", "batchId"::text AS "batchId"
       FROM "CameoAction" WHERE "id" = ${actionId}::uuid FOR UPDATE`,
  );
  if (!row) throw notFound("Cameo action");
  if (row.status !== "pending_approval")
    throw new DomainError(
      "PRECONDITION_FAILED",
      `This action is not waiting for approval (it is ${row.status.replace("_", " ")}).`,
      { field: "actionId" },
    );
  return row;
}

export async function approveCameoAction(
  db: Database,
  raw: z.input<typeof ApproveActionInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(ApproveActionInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const action = await lockPendingAction(tx, input.actionId);
    if (action.requestedById === staff.id) {
      throw new DomainError(
        "FORBIDDEN",
        "You requested this action; another staff member must approve it (four-eyes rule).",
      );
    }
    await tx.cameoAction.update({
      where: { id: action.id },
      data: { status: "approved", approvedById: staff.id, approvedAt: now },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "cameo_action.approved",
        subjectType: "cameo",
        subjectId: action.cameoId,
        batchId: action.batchId,
        details: { actionId: action.id },
      },
      now,
    );
    return { id: action.id };
  });
}

/** Rejecting (or, by the requester, withdrawing) a pending action: nothing is changed on the cameo or its posts. */
export async function rejectCameoAction(
  db: Database,
  raw: z.input<typeof RejectActionInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(RejectActionInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const action = await lockPendingAction(tx, input.actionId);
    await tx.cameoAction.update({
      where: { id: action.id },
      data: { status: "rejected", rejectionReason: input.reason, completedAt: now },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "cameo_action.rejected",
        subjectType: "cameo",
        subjectId: action.cameoId,
        batchId: action.batchId,
        details: { actionId: action.id, reason: input.reason, withdrawn: action.requestedById === staff.id },
      },
      now,
    );
    return { id: action.id };
  });
}
