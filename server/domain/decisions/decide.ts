// Deciding a case: the state change, the decision record (with its statement of reasons), one audit record and,
// when the platform must act, one outbox event — all in one transaction. A decision on a case that changed since
// the reviewer opened it is refused with who changed it, never silently applied over their change.
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Tx } from "../../db/tx.ts";
import type { DecideCaseInput, DecisionFields } from "../../contracts/decisions.ts";
import { caseActionRefusal, isAccountCaseAction } from "../../contracts/rules/case-actions.ts";
import { isPostAction, POST_VISIBILITY_AFTER } from "../../contracts/rules/visibility.ts";
import { DomainError } from "../../lib/errors.ts";
import { heldByOtherError, lockCase, type Reviewer } from "../cases/claims.ts";
import { staffAuditActor } from "../audit/staff-actor.ts";
import { uuidv7 } from "../../lib/ids.ts";
import {
  assertMayReverse,
  authorityOfRole,
  markRequestsRestored,
  reversedByCaseAction,
  reverserForCase,
} from "./reversal-authority.ts";
import { recordDecisions } from "./record.ts";
import { sql } from "../../db/sql.ts";

export interface DecisionOutcome {
  decisionId: string;
  caseId: string;
  action: DecisionFields["action"];
  /** set when the creator's strikes reached the policy's threshold: the reviewer is offered a suspension */
  proposeSuspension: { accountId: string; handle: string; strikes: number; threshold: number } | null;
  /** true when an earlier submit with the same idempotency key already made this decision */
  replayed: boolean;
}

function ago(from: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** Decisions that uphold what reporters said: they raise those reporters' accuracy. */
const UPHOLDS_REPORTS = new Set<DecisionFields["action"]>([
  "take_down_post",
  "hold_post",
  "warn_account",
  "add_strike",
  "suspend_account",
]);

export async function decideCase(
  db: Database,
  input: DecideCaseInput & { batchId?: string | null },
  reviewer: Reviewer,
  now: Date,
): Promise<DecisionOutcome> {
  return db.prisma.$transaction((tx) => decideInTx(tx, input, reviewer, now), { timeout: 30_000 });
}

async function decideInTx(
  tx: Tx,
  input: DecideCaseInput & { batchId?: string | null },
  reviewer: Reviewer,
  now: Date,
): Promise<DecisionOutcome> {
  if (input.idempotencyKey) {
    const earlier = await tx.decision.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true, caseId: true, type: true },
    });
    if (earlier)
      return {
        decisionId: earlier.id,
        caseId: earlier.caseId!,
        action: input.action,
        proposeSuspension: null,
        replayed: true,
      };
  }
  const c = await lockCase(tx, input.caseId);
  const changedBy = c.lastChangedBy?.displayName ?? "the platform (new signals)";
  if (c.status === "resolved") {
    throw new DomainError(
      "CONFLICT",
      `This case was already resolved by ${changedBy} ${ago(c.lastChangedAt, now)} — reload to see the decision.`,
    );
  }
  if (c.version !== input.expectedVersion) {
    throw new DomainError(
      "CONFLICT",
      `This case was changed by ${changedBy} ${ago(c.lastChangedAt, now)} — reload to see the change before deciding.`,
    );
  }
  if (c.status === "claimed" && c.claimedById && c.claimedById !== reviewer.id && c.leaseUntil && c.leaseUntil > now) {
    throw heldByOtherError(c.claimedBy?.displayName ?? "Another reviewer", c.leaseUntil, now);
  }
  // An appeal is decided by someone other than the reviewer whose decision is appealed (DSA Art. 20).
  const ownAppeal = await tx.appeal.findFirst({
    where: { caseId: c.id, decision: { actorId: reviewer.id } },
    select: { id: true },
  });
  if (ownAppeal)
    throw new DomainError("FORBIDDEN", "This appeal is against your own decision; another reviewer must decide it.");
  const policy = await tx.policy.findFirst({ where: { id: input.policyId, active: true } });
  if (!policy)
    throw new DomainError("BAD_REQUEST", "policyId: choose a policy from the catalogue.", { field: "policyId" });
  if (input.action === "suspend_account" && !input.suspendDays) {
    throw new DomainError("BAD_REQUEST", "suspendDays: say for how many days the account is suspended.", {
      field: "suspendDays",
    });
  }

  const post = c.postId
    ? await tx.post.findUnique({
        where: { id: c.postId },
        select: { id: true, visibility: true, creatorId: true, contentHash: true },
      })
    : null;
  const accountId = c.accountId ?? post?.creatorId ?? null;
  const refusal = caseActionRefusal(input.action, { queue: c.queue, post, hasAccount: accountId !== null });
  if (refusal) throw new DomainError("PRECONDITION_FAILED", refusal, { field: "action" });
  const newVisibility = isPostAction(input.action) ? POST_VISIBILITY_AFTER[input.action] : undefined;
  const accountAction = isAccountCaseAction(input.action);
  const suspendedUntil =
    input.action === "suspend_account" ? new Date(now.getTime() + input.suspendDays! * 86_400_000) : null;

  // Whatever this loosens — on this case or any other — must have been decided with no more authority than the reviewer's.
  const flow = await reverserForCase(tx, c.id, reviewer.id);
  const reversal = await reversedByCaseAction(tx, input.action, { post, accountId }, suspendedUntil, now);
  if (reversal) assertMayReverse(reversal.restrictions, flow, reversal.kind);
  // Content decisions on the case a takedown request opened carry the request's legal weight.
  const authority = !accountAction && flow.requestIds.length > 0 ? "legal" : authorityOfRole(flow.role);

  // The state change.
  let strikeDelta = 0;
  if (newVisibility && post) await tx.post.update({ where: { id: post.id }, data: { visibility: newVisibility } });
  if (input.action === "take_down_post" || input.action === "add_strike" || input.action === "suspend_account")
    strikeDelta = policy.strikeWeight;
  let account: { id: string; handle: string; strikeCount: number } | null = null;
  if (accountId && (strikeDelta > 0 || suspendedUntil)) {
    account = await tx.account.update({
      where: { id: accountId },
      data: {
        strikeCount: { increment: strikeDelta },
        ...(suspendedUntil ? { status: "suspended", suspendedUntil } : {}),
      },
      select: { id: true, handle: true, strikeCount: true },
    });
  }

  const s = input.statement;
  const decisionId = uuidv7();
  const subjectType = newVisibility || !accountAction ? c.subjectType : "account";
  const decisionPostId = accountAction ? null : c.postId;
  const decisionAccountId = accountAction ? accountId : c.accountId;
  const reversesId = reversal?.restrictions[0]?.id ?? null;
  // Written before the decision so its audit row can name the requests it restored.
  const restoredRequests =
    input.action === "restore_post" && post && reversal
      ? await markRequestsRestored(tx, reversal.restrictions, post.id, decisionId, reviewer, now)
      : [];
  await recordDecisions(
    tx,
    [
      {
        id: decisionId,
        type: input.action,
        subjectType,
        postId: decisionPostId,
        accountId: decisionAccountId,
        cameoId: c.cameoId,
        caseId: c.id,
        actorId: reviewer.id,
        policy,
        reason: input.reason,
        dsaGround: s.dsaGround,
        dsaCategory: s.dsaCategory,
        visibilityDecision: s.visibility,
        automatedDetection: s.automatedDetection,
        automatedDecision: s.automatedDecision,
        territorialScope: s.territorialScope,
        legalReference: s.legalReference ?? policy.legalReference,
        suspendedUntil,
        strikeDelta,
        batchId: input.batchId ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        reversesId,
        authority,
        uploaderId: accountId,
        audit: {
          ...staffAuditActor(reviewer),
          subjectType,
          subjectId: decisionPostId ?? decisionAccountId ?? c.cameoId,
          caseId: c.id,
          batchId: input.batchId ?? null,
          details: {
            policy: policy.code,
            reason: input.reason,
            caseVersion: c.version,
            strikeDelta,
            suspendedUntil: suspendedUntil?.toISOString() ?? null,
            authority,
            reverses: reversesId,
            restoredRequests,
          },
        },
      },
    ],
    now,
  );

  await closeCase(tx, c, input.action, reviewer, now);
  // On an appeal case, restoring overturns the appealed decision and anything else upholds it.
  if (c.queue === "appeal" && input.action !== "escalate") {
    await tx.appeal.updateMany({
      where: { caseId: c.id, status: "open" },
      data: {
        status: input.action === "restore_post" ? "overturned" : "upheld",
        decidedAt: now,
        decidedById: reviewer.id,
      },
    });
  }
  if (UPHOLDS_REPORTS.has(input.action)) await creditReporters(tx, c.id);

  const proposeSuspension =
    account && input.action !== "suspend_account" && account.strikeCount >= policy.strikeThreshold
      ? {
          accountId: account.id,
          handle: account.handle,
          strikes: account.strikeCount,
          threshold: policy.strikeThreshold,
        }
      : null;
  return { decisionId, caseId: c.id, action: input.action, proposeSuspension, replayed: false };
}

/** Resolves the case, or moves it to the escalated queue for staff. */
async function closeCase(
  tx: Tx,
  c: Awaited<ReturnType<typeof lockCase>>,
  action: DecisionFields["action"],
  reviewer: Reviewer,
  now: Date,
) {
  const common: Prisma.CaseUpdateInput = {
    version: { increment: 1 },
    lastChangedBy: { connect: { id: reviewer.id } },
    lastChangedAt: now,
    claimedBy: { disconnect: true },
    claimedAt: null,
    leaseUntil: null,
  };
  if (action === "escalate") {
    const existing = await tx.case.findFirst({
      where: { subjectKey: c.subjectKey, queue: "escalated", status: { not: "resolved" } },
      select: { id: true },
    });
    if (!existing && c.queue !== "escalated") {
      await tx.case.update({
        where: { id: c.id },
        data: { ...common, queue: "escalated", status: "open", escalatedFrom: c.queue },
      });
      return;
    }
    // The subject is already with staff: this case joins that review by being closed with a pointer to it.
    if (existing)
      await tx.caseNote.create({
        data: {
          caseId: existing.id,
          authorId: reviewer.id,
          body: `Escalated again from the ${c.queue} queue.`,
          createdAt: now,
        },
      });
  }
  await tx.case.update({
    where: { id: c.id },
    data: { ...common, status: "resolved", resolvedBy: { connect: { id: reviewer.id } }, resolvedAt: now },
  });
}

async function creditReporters(tx: Tx, caseId: string) {
  await tx.$executeRaw(
    sql`UPDATE "Account" a SET "reportsActioned" = LEAST(a."reportsFiled", a."reportsActioned" + 1)
      WHERE a."id" IN (SELECT DISTINCT s."reporterId" FROM "Signal" s
                        WHERE s."caseId" = ${caseId}::uuid AND s."reporterId" IS NOT NULL AND s."kind" <> 'appeal')`,
  );
}
