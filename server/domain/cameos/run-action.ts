// Executing an approved cameo action: first the change to the grant or cameo itself (one decision, one outbox event
// such as cameo.grant.revoked), then the cascade over its posts in chunks, each chunk one transaction with its
// decisions, audit rows, outbox events and the cursor. A crash between chunks leaves a resumable action, never a
// half-written chunk; another server process resuming it waits on the action's row lock.
import type { Database } from "../../db/client.ts";
import type { PostVisibility } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import { POST_VISIBILITY_AFTER, visibilityAfter } from "../../contracts/rules/visibility.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { cameoOwnerNotice } from "../notices/templates.ts";
import { eligibleVisibilities, type NewAction } from "./actions.ts";
import { authorityOfRole, roleOfStaff } from "../decisions/reversal-authority.ts";
import { recordDecisions } from "../decisions/record.ts";
import { execRows, sql } from "../../db/sql.ts";

export const DEFAULT_CHUNK_SIZE = 2_000;

interface ActionRow extends NewAction {
  id: string;
  status: string;
  batchId: string;
  processedCount: number;
  cursor: string | null;
  requestedById: string;
  approvedById: string | null;
  decisionId: string | null;
}

async function lockAction(tx: Tx, id: string): Promise<ActionRow | null> {
  const [row] = await tx.$queryRaw<ActionRow[]>(
    sql`SELECT "id"::text AS "id", "kind"::text AS "kind", "status"::text AS "status", "cameoId", "grantId", "mode"::text AS "mode",
            "reversesId"::text AS "reversesId", "policyId"::text AS "policyId", "reason", "complaintSignalId"::text AS "complaintSignalId",
            "batchId"::text AS "batchId", "postCount", "processedCount", "cursor", "requestedById"::text AS "requestedById",
            "approvedById"::text AS "approvedById", "decisionId"::text AS "decisionId"
       FROM "CameoAction" WHERE "id" = ${id}::uuid FOR UPDATE`,
  );
  return row ?? null;
}

type Policy = {
  id: string;
  code: string;
  name: string;
  dsaGround: "illegal_content" | "incompatible_content";
  dsaCategory: string;
  legalReference: string | null;
};

async function policyOf(tx: Tx, action: ActionRow): Promise<Policy | null> {
  if (!action.policyId) return null;
  return tx.policy.findUnique({
    where: { id: action.policyId },
    select: { id: true, code: true, name: true, dsaGround: true, dsaCategory: true, legalReference: true },
  });
}

/** The reversed action, for a reinstatement. */
async function reversedOf(tx: Tx, action: ActionRow) {
  if (!action.reversesId) return null;
  return tx.cameoAction.findUniqueOrThrow({
    where: { id: action.reversesId },
    select: { id: true, kind: true, mode: true, decisionId: true },
  });
}

/** The decision on the grant or cameo itself, made once when execution starts. */
async function startAction(tx: Tx, action: ActionRow, now: Date) {
  const policy = await policyOf(tx, action);
  const reversed = await reversedOf(tx, action);
  const cameo = await tx.cameo.findUniqueOrThrow({
    where: { id: action.cameoId },
    select: { id: true, ownerId: true },
  });
  const grant = action.grantId
    ? await tx.cameoGrant.findUniqueOrThrow({ where: { id: action.grantId }, select: { id: true, granteeId: true } })
    : null;

  let type: "revoke_cameo_grant" | "disable_cameo" | "reinstate_cameo";
  if (action.kind === "revoke_grant") {
    type = "revoke_cameo_grant";
    await tx.cameoGrant.update({ where: { id: grant!.id }, data: { status: "revoked", revokedAt: now } });
  } else if (action.kind === "disable_cameo") {
    type = "disable_cameo";
    await tx.cameo.update({ where: { id: cameo.id }, data: { status: "disabled" } });
  } else {
    type = "reinstate_cameo";
    if (reversed?.kind === "revoke_grant")
      await tx.cameoGrant.update({ where: { id: grant!.id }, data: { status: "active", revokedAt: null } });
    else await tx.cameo.update({ where: { id: cameo.id }, data: { status: "active" } });
  }
  const authority = authorityOfRole(await roleOfStaff(tx, action.requestedById));
  const [decisionId] = await recordDecisions(
    tx,
    [
      {
        type,
        authority,
        subjectType: "cameo",
        cameoId: cameo.id,
        cameoGrantId: grant?.id ?? null,
        accountId: grant?.granteeId ?? cameo.ownerId,
        actorId: action.requestedById,
        policy,
        reason: action.reason,
        dsaGround: type === "reinstate_cameo" ? null : (policy?.dsaGround ?? null),
        dsaCategory: type === "reinstate_cameo" ? null : (policy?.dsaCategory ?? null),
        legalReference: policy?.legalReference ?? null,
        territorialScope: ["WORLD"],
        batchId: action.batchId,
        reversesId: reversed?.decisionId ?? null,
        audit: {
          actorType: "staff",
          actorId: action.requestedById,
          subjectType: grant ? "cameo_grant" : "cameo",
          subjectId: grant?.id ?? cameo.id,
          batchId: action.batchId,
          details: {
            actionId: action.id,
            approvedById: action.approvedById,
            reason: action.reason,
            policy: policy?.code ?? null,
          },
        },
      },
    ],
    now,
  );
  await tx.cameoAction.update({ where: { id: action.id }, data: { status: "executing", startedAt: now, decisionId } });
}

interface Target {
  id: string;
  visibility: PostVisibility;
  creatorId: string;
  /** reinstatement: what the reversed action found and the decision it made */
  previousVisibility?: PostVisibility;
  reversedDecisionId?: string;
  lastDecisionId?: string | null;
}

async function nextTargets(tx: Tx, action: ActionRow, granteeId: string | null, size: number): Promise<Target[]> {
  if (action.kind === "reinstate") {
    return tx.$queryRaw<Target[]>(
      sql`SELECT p."id", p."visibility"::text AS "visibility", p."creatorId", cap."previousVisibility"::text AS "previousVisibility",
              cap."decisionId"::text AS "reversedDecisionId",
              (SELECT d."id"::text FROM "Decision" d WHERE d."postId" = p."id" ORDER BY d."createdAt" DESC, d."id" DESC LIMIT 1) AS "lastDecisionId"
         FROM "CameoActionPost" cap JOIN "Post" p ON p."id" = cap."postId"
        WHERE cap."actionId" = ${action.reversesId}::uuid AND (${action.cursor}::text IS NULL OR cap."postId" > ${action.cursor})
        ORDER BY cap."postId" LIMIT ${size} FOR UPDATE OF p`,
    );
  }
  return tx.$queryRaw<Target[]>(
    sql`SELECT p."id", p."visibility"::text AS "visibility", p."creatorId"
       FROM "CameoAppearance" ca JOIN "Post" p ON p."id" = ca."postId"
      WHERE ca."cameoId" = ${action.cameoId} AND (${granteeId}::text IS NULL OR p."creatorId" = ${granteeId}) AND p."visibility"::text = ANY(${eligibleVisibilities(action.mode!)}::text[])
        AND (${action.cursor}::text IS NULL OR p."id" > ${action.cursor})
      ORDER BY p."id" LIMIT ${size} FOR UPDATE OF p`,
  );
}

const ACTION_FOR_MODE = { take_down: "take_down_post", hold: "hold_post" } as const;
const VISIBILITY_FOR_MODE = {
  take_down: POST_VISIBILITY_AFTER.take_down_post,
  hold: POST_VISIBILITY_AFTER.hold_post,
} as const;

/** One chunk of the cascade. Returns how many posts it looked at (0: the cascade is done). */
async function runChunk(tx: Tx, action: ActionRow, size: number, now: Date): Promise<number> {
  const grant = action.grantId
    ? await tx.cameoGrant.findUnique({ where: { id: action.grantId }, select: { granteeId: true } })
    : null;
  const granteeId = action.kind === "revoke_grant" ? grant!.granteeId : null;
  const reversed = await reversedOf(tx, action);
  // A reinstatement of a revocation touches only the grantee's posts, which is what the reversed action recorded.
  const targets = await nextTargets(tx, action, granteeId, size);
  if (targets.length === 0) return 0;

  const reversedMode = reversed?.mode ?? null;
  const policy = await policyOf(tx, action);
  // Reinstatement restores a post only when the reversed action's decision is still the last word on it: a post
  // taken down since for another reason stays down.
  const acting =
    action.kind === "reinstate"
      ? targets.filter(
          (t) =>
            reversedMode &&
            t.visibility === VISIBILITY_FOR_MODE[reversedMode] &&
            t.lastDecisionId === t.reversedDecisionId,
        )
      : targets;
  const type = action.kind === "reinstate" ? "restore_post" : ACTION_FOR_MODE[action.mode!];
  const decisions = acting.map((t) => ({
    id: uuidv7(now.getTime()),
    postId: t.id,
    creatorId: t.creatorId,
    from: t.visibility,
    to: action.kind === "reinstate" ? t.previousVisibility! : VISIBILITY_FOR_MODE[action.mode!],
    reversesId: t.reversedDecisionId ?? null,
  }));
  const isRestriction = action.kind !== "reinstate";
  const authority = authorityOfRole(await roleOfStaff(tx, action.requestedById));

  await recordDecisions(
    tx,
    decisions.map((d) => ({
      id: d.id,
      type,
      subjectType: "post",
      postId: d.postId,
      accountId: d.creatorId,
      cameoId: action.cameoId,
      cameoGrantId: action.grantId,
      actorId: action.requestedById,
      policy,
      reason: action.reason,
      dsaGround: isRestriction ? (policy?.dsaGround ?? null) : null,
      dsaCategory: isRestriction ? (policy?.dsaCategory ?? null) : null,
      visibilityDecision: isRestriction ? visibilityAfter(ACTION_FOR_MODE[action.mode!]) : null,
      territorialScope: ["WORLD"],
      legalReference: policy?.legalReference ?? null,
      batchId: action.batchId,
      reversesId: d.reversesId,
      authority,
      uploaderId: d.creatorId,
      changesHashBank: false,
      audit: {
        actorType: "staff",
        actorId: action.requestedById,
        subjectType: "post",
        subjectId: d.postId,
        batchId: action.batchId,
        details: { actionId: action.id, cameoId: action.cameoId, reversesId: d.reversesId },
      },
    })),
    now,
  );
  await execRows(
    tx,
    decisions,
    (json) =>
      sql`UPDATE "Post" p SET "visibility" = x."to"::"PostVisibility", "updatedAt" = ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("postId" text, "to" text) WHERE p."id" = x."postId"`,
  );
  if (isRestriction) {
    await execRows(
      tx,
      decisions,
      (json) =>
        sql`INSERT INTO "CameoActionPost" ("actionId", "postId", "previousVisibility", "decisionId")
       SELECT ${action.id}::uuid, x."postId", x."from"::"PostVisibility", x."id"::uuid FROM jsonb_to_recordset(${json}) AS x("postId" text, "from" text, "id" text)`,
    );
  }

  await tx.$executeRaw(
    sql`UPDATE "CameoAction" SET "cursor" = ${targets[targets.length - 1]!.id}, "processedCount" = "processedCount" + ${targets.length} WHERE "id" = ${action.id}::uuid`,
  );
  return targets.length;
}

/** The end of a cascade: the owner is told, and the complaint that prompted it is resolved. */
async function completeAction(tx: Tx, action: ActionRow, now: Date) {
  const reversed = await reversedOf(tx, action);
  const changed =
    action.kind === "reinstate"
      ? await tx.decision.count({ where: { batchId: action.batchId, type: "restore_post" } })
      : await tx.cameoActionPost.count({ where: { actionId: action.id } });
  await tx.cameoAction.update({ where: { id: action.id }, data: { status: "completed", completedAt: now } });

  const cameo = await tx.cameo.findUniqueOrThrow({
    where: { id: action.cameoId },
    select: { owner: { select: { email: true, handle: true } } },
  });
  const grant = action.grantId
    ? await tx.cameoGrant.findUnique({
        where: { id: action.grantId },
        select: { grantee: { select: { handle: true } } },
      })
    : null;
  const isGrant = action.kind === "revoke_grant" || (action.kind === "reinstate" && reversed?.kind === "revoke_grant");
  const what = action.kind === "reinstate" ? (isGrant ? "reinstate_grant" : "reinstate_cameo") : action.kind;
  let ownerNotified = false;
  if (cameo.owner.email) {
    const notice = cameoOwnerNotice({
      what,
      granteeHandle: grant?.grantee.handle ?? null,
      posts: changed,
      mode: action.kind === "reinstate" ? null : action.mode,
      reason: action.reason,
      reference: action.batchId,
    });
    await tx.emailNotice.create({
      data: {
        kind: "cameo_owner",
        to: cameo.owner.email,
        ...notice,
        decisionId: action.decisionId,
        createdAt: now,
        nextAttemptAt: now,
      },
    });
    ownerNotified = true;
  }
  if (action.complaintSignalId) {
    const signal = await tx.signal.findUnique({ where: { id: action.complaintSignalId }, select: { caseId: true } });
    if (signal) {
      await tx.case.updateMany({
        where: { id: signal.caseId, status: { not: "resolved" } },
        data: {
          status: "resolved",
          resolvedById: action.requestedById,
          resolvedAt: now,
          lastChangedById: action.requestedById,
          lastChangedAt: now,
          version: { increment: 1 },
          claimedById: null,
          claimedAt: null,
          leaseUntil: null,
        },
      });
    }
  }
  await appendAudit(
    tx,
    {
      actorType: "system",
      action: "cameo_action.completed",
      subjectType: "cameo",
      subjectId: action.cameoId,
      batchId: action.batchId,
      details: { actionId: action.id, postsChanged: changed, ownerNotified },
    },
    now,
  );
}

export interface RunOptions {
  chunkSize?: number;
  now?: () => Date;
  onProgress?: (processed: number, total: number) => void;
}

/** Runs an approved (or resumes an executing) action to the end. Returns false when there was nothing to run. */
export async function runCameoAction(db: Database, actionId: string, opts: RunOptions = {}): Promise<boolean> {
  const size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const clock = opts.now ?? (() => new Date());
  const started = await db.prisma.$transaction(async (tx) => {
    const action = await lockAction(tx, actionId);
    if (!action || (action.status !== "approved" && action.status !== "executing")) return false;
    if (action.status === "approved") await startAction(tx, action, clock());
    return true;
  });
  if (!started) return false;
  for (;;) {
    const progress = await db.prisma.$transaction(
      async (tx) => {
        const action = await lockAction(tx, actionId);
        if (!action || action.status !== "executing") return null;
        const n = await runChunk(tx, action, size, clock());
        if (n === 0) {
          await completeAction(tx, action, clock());
          return null;
        }
        return { processed: action.processedCount + n, total: action.postCount };
      },
      { timeout: 120_000 },
    );
    if (!progress) return true;
    opts.onProgress?.(progress.processed, progress.total);
  }
}

/** Actions approved or interrupted mid-cascade, oldest first: what a worker should run next. */
export async function runnableCameoActions(db: Database, limit = 10): Promise<string[]> {
  const rows = await db.prisma.cameoAction.findMany({
    where: { status: { in: ["approved", "executing"] } },
    orderBy: { requestedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
