// Reversals need the authority of what they reverse. Every decision records the authority it was taken with
// (automated < moderator < staff, and legal: a takedown request or court order). Undoing or loosening a
// restriction — restoring a post, holding a taken-down one, reinstating an account or a cameo, shortening a
// suspension — is checked here against every restriction on that subject still in force, across all cases:
// a legal restriction yields only to staff working that request or deciding an appeal against it; any other
// to a person of at least its rank. Every path that reverses asks this module, and the case view shows what
// it answers before the reviewer tries.
import type { ActionType, DecisionAuthority, StaffRole, TakedownType } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import type { CaseAction } from "../../contracts/decisions.ts";
import { DomainError } from "../../lib/errors.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { sql } from "../../db/sql.ts";

export type PersonAuthority = Extract<DecisionAuthority, "moderator" | "staff">;

const RANK: Record<Exclude<DecisionAuthority, "legal">, number> = { automated: 0, moderator: 1, staff: 2 };

/** Admins act with staff authority: their role adds running the team, not a higher say over content. */
export function authorityOfRole(role: StaffRole): PersonAuthority {
  return role === "moderator" ? "moderator" : "staff";
}

export async function roleOfStaff(tx: Tx, staffId: string): Promise<StaffRole> {
  const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffId }, select: { role: true } });
  return staff.role;
}

/** A restriction still in force, as a reversal sees it. */
export interface Restriction {
  id: string;
  type: ActionType;
  authority: DecisionAuthority;
  /** the request the decision was taken on (directly, or through the case the request opened) */
  takedownRequestId: string | null;
  requestType: TakedownType | null;
  suspendedUntil: Date | null;
}

/** Who is asking to reverse, and through which flow. */
export interface Reverser {
  /** null: the system itself, completing a legal process (a counter-notice's restore when due) */
  role: StaffRole | null;
  /** the takedown requests this flow belongs to: their own legal decisions may be reversed here */
  requestIds?: readonly string[];
  /** the decisions appealed in this flow: staff deciding the appeal may reverse them, legal ones included */
  appealedDecisionIds?: readonly string[];
}

export type ReversalKind = "restore" | "hold" | "reinstate" | "shorten";

function mayReverse(r: Restriction, by: Reverser): boolean {
  const isStaff = by.role !== null && authorityOfRole(by.role) === "staff";
  if (r.authority === "legal") {
    const ownRequest = r.takedownRequestId !== null && (by.requestIds ?? []).includes(r.takedownRequestId);
    const appealed = (by.appealedDecisionIds ?? []).includes(r.id);
    return (ownRequest && (by.role === null || isStaff)) || (appealed && isStaff);
  }
  if (by.role === null) return false;
  return RANK[authorityOfRole(by.role)] >= RANK[r.authority];
}

const RESTRICTED: Partial<Record<ActionType, string>> = {
  take_down_post: "This post was taken down",
  hold_post: "This post was held",
  suspend_account: "This account was suspended",
  ban_account: "This account was banned",
  revoke_cameo_grant: "This cameo grant was revoked",
  disable_cameo: "This cameo was disabled",
};

const UNDO: Record<ReversalKind, string> = {
  restore: "restore it",
  hold: "change it to held",
  reinstate: "reinstate it",
  shorten: "lift or shorten it",
};

const REQUEST: Record<TakedownType, string> = {
  take_it_down: "a TAKE IT DOWN request",
  dmca: "a DMCA notice",
  dsa_notice: "a DSA notice",
  likeness: "a likeness request",
  court_order: "a court order",
};

function describeRefusal(r: Restriction, kind: ReversalKind): string {
  const what = RESTRICTED[r.type] ?? "This was restricted";
  const undo = UNDO[kind];
  if (r.authority === "legal") {
    return `${what} on ${r.requestType ? REQUEST[r.requestType] : "a legal request"}; only staff can ${undo}, through the request or an appeal.`;
  }
  if (r.authority === "staff") return `${what} by staff; only staff can ${undo}.`;
  if (r.authority === "moderator") return `${what} by a moderator; only a moderator or staff can ${undo}.`;
  return `${what} automatically; only a moderator or staff can ${undo}.`;
}

/** Why `by` may not reverse these restrictions (the weightiest one named), or null when it may. */
export function reversalRefusal(restrictions: readonly Restriction[], by: Reverser, kind: ReversalKind): string | null {
  const blocking = restrictions.filter((r) => !mayReverse(r, by));
  if (blocking.length === 0) return null;
  const weightiest =
    blocking.find((r) => r.authority === "legal") ?? blocking.find((r) => r.authority === "staff") ?? blocking[0]!;
  return describeRefusal(weightiest, kind);
}

export function assertMayReverse(
  restrictions: readonly Restriction[],
  by: Reverser,
  kind: ReversalKind,
  field = "action",
): void {
  const refusal = reversalRefusal(restrictions, by, kind);
  if (refusal) throw new DomainError("FORBIDDEN", refusal, { field });
}

const restrictionSelect = {
  id: true,
  type: true,
  authority: true,
  takedownRequestId: true,
  suspendedUntil: true,
  takedownRequest: { select: { type: true } },
  case: { select: { takedowns: { select: { id: true, type: true }, take: 1, orderBy: { receivedAt: "desc" } } } },
} as const;

type RestrictionRow = {
  id: string;
  type: ActionType;
  authority: DecisionAuthority;
  takedownRequestId: string | null;
  suspendedUntil: Date | null;
  takedownRequest: { type: TakedownType } | null;
  case: { takedowns: { id: string; type: TakedownType }[] } | null;
};

function toRestriction(d: RestrictionRow): Restriction {
  const viaCase = d.case?.takedowns[0] ?? null;
  return {
    id: d.id,
    type: d.type,
    authority: d.authority,
    takedownRequestId: d.takedownRequestId ?? viaCase?.id ?? null,
    requestType: d.takedownRequest?.type ?? viaCase?.type ?? null,
    suspendedUntil: d.suspendedUntil,
  };
}

/**
 * The post's restrictions in force, newest first: takedowns and holds not reversed and not ended by a later
 * restore. A restore from a case or a request makes the post public and so ends everything before it; a cameo
 * reinstatement returns the post to what the cameo action found and ends only the decision it names.
 */
export async function postRestrictionsInForce(tx: Tx, postId: string): Promise<Restriction[]> {
  const lastFullRestore = await tx.decision.findFirst({
    where: {
      postId,
      type: "restore_post",
      OR: [{ caseId: { not: null } }, { takedownRequestId: { not: null } }, { reversesId: null }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true },
  });
  const rows = await tx.decision.findMany({
    where: {
      postId,
      type: { in: ["take_down_post", "hold_post"] },
      reversedBy: { none: {} },
      ...(lastFullRestore ? { createdAt: { gt: lastFullRestore.createdAt } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: restrictionSelect,
  });
  return rows.map(toRestriction);
}

/** The account's suspensions and bans in force, newest first: not reversed, not ended, not before a reinstatement. */
export async function accountRestrictionsInForce(tx: Tx, accountId: string, now: Date): Promise<Restriction[]> {
  const lastReinstatement = await tx.decision.findFirst({
    where: { accountId, type: "reinstate_account" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true },
  });
  const rows = await tx.decision.findMany({
    where: {
      accountId,
      type: { in: ["suspend_account", "ban_account"] },
      reversedBy: { none: {} },
      OR: [{ type: "ban_account" }, { suspendedUntil: null }, { suspendedUntil: { gt: now } }],
      ...(lastReinstatement ? { createdAt: { gt: lastReinstatement.createdAt } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: restrictionSelect,
  });
  return rows.map(toRestriction);
}

export async function restrictionOfDecision(tx: Tx, decisionId: string): Promise<Restriction | null> {
  const row = await tx.decision.findUnique({ where: { id: decisionId }, select: restrictionSelect });
  return row ? toRestriction(row) : null;
}

/**
 * The reviewer deciding a case, as a reversal sees them: their role (read now, not from the session), the takedown
 * requests that opened the case and the decisions appealed on it. One query: it runs for every case decision.
 */
export async function reverserForCase(
  tx: Tx,
  caseId: string,
  staffId: string,
): Promise<Required<Reverser> & { role: StaffRole }> {
  const [row] = await tx.$queryRaw<{ role: StaffRole; requestIds: string[]; appealedDecisionIds: string[] }[]>(
    sql`SELECT s."role"::text AS "role",
            ARRAY(SELECT t."id"::text FROM "TakedownRequest" t WHERE t."caseId" = ${caseId}::uuid) AS "requestIds",
            ARRAY(SELECT a."decisionId"::text FROM "Appeal" a WHERE a."caseId" = ${caseId}::uuid) AS "appealedDecisionIds"
       FROM "StaffUser" s WHERE s."id" = ${staffId}::uuid`,
  );
  if (!row) throw new DomainError("UNAUTHORIZED", "Sign in to continue.");
  return row;
}

export interface CaseActionReversal {
  kind: ReversalKind;
  /** the restrictions the action undoes or loosens, newest first; the first is the one it names as reversed */
  restrictions: Restriction[];
}

/**
 * What a case action would loosen, or null when it loosens nothing: restoring a held or taken-down post; holding
 * a taken-down one; a suspension over a ban or over a suspension that ends later.
 */
export async function reversedByCaseAction(
  tx: Tx,
  action: CaseAction,
  subject: { post: { id: string; visibility: string } | null; accountId: string | null },
  newSuspensionEnd: Date | null,
  now: Date,
): Promise<CaseActionReversal | null> {
  const { post, accountId } = subject;
  let found: CaseActionReversal | null = null;
  if (action === "restore_post" && post && (post.visibility === "taken_down" || post.visibility === "held")) {
    found = { kind: "restore", restrictions: await postRestrictionsInForce(tx, post.id) };
  } else if (action === "hold_post" && post?.visibility === "taken_down") {
    found = {
      kind: "hold",
      restrictions: (await postRestrictionsInForce(tx, post.id)).filter((r) => r.type === "take_down_post"),
    };
  } else if (action === "suspend_account" && accountId && newSuspensionEnd) {
    const outlasting = (await accountRestrictionsInForce(tx, accountId, now)).filter(
      (r) => r.type === "ban_account" || r.suspendedUntil === null || r.suspendedUntil > newSuspensionEnd,
    );
    found = { kind: "shorten", restrictions: outlasting };
  }
  return found && found.restrictions.length > 0 ? found : null;
}

/**
 * The case actions the viewer could choose but would be refused, with the reason, for the case view to show as
 * unavailable. A suspension's length is not known before it is chosen, so only post actions are listed.
 */
export async function refusedCaseActions(
  tx: Tx,
  c: { id: string; post: { id: string; visibility: string } | null },
  viewer: { id: string },
  now: Date,
): Promise<Partial<Record<CaseAction, string>>> {
  if (!c.post || (c.post.visibility !== "taken_down" && c.post.visibility !== "held")) return {};
  const flow = await reverserForCase(tx, c.id, viewer.id);
  const refusals: Partial<Record<CaseAction, string>> = {};
  for (const action of ["restore_post", "hold_post"] as const) {
    const reversal = await reversedByCaseAction(tx, action, { post: c.post, accountId: null }, null, now);
    const refusal = reversal ? reversalRefusal(reversal.restrictions, flow, reversal.kind) : null;
    if (refusal) refusals[action] = refusal;
  }
  return refusals;
}

/**
 * A legitimate restore of a post a request took down: the request no longer reads "actioned" (it reads
 * "restored", as after a counter-notice), and a counter-notice still waiting for that post has nothing left to do.
 */
export async function markRequestsRestored(
  tx: Tx,
  reversed: readonly Restriction[],
  postId: string,
  decisionId: string,
  actor: StaffActor | null,
  now: Date,
): Promise<string[]> {
  const requestIds = [
    ...new Set(reversed.filter((r) => r.authority === "legal" && r.takedownRequestId).map((r) => r.takedownRequestId!)),
  ];
  if (requestIds.length === 0) return [];
  const open = await tx.takedownRequest.findMany({
    where: { id: { in: requestIds }, status: { in: ["actioned", "counter_noticed"] } },
    select: { id: true, status: true },
  });
  if (open.length === 0) return [];
  await tx.takedownRequest.updateMany({ where: { id: { in: open.map((r) => r.id) } }, data: { status: "restored" } });
  await tx.counterNotice.updateMany({
    where: { requestId: { in: open.map((r) => r.id) }, postId, status: "forwarded" },
    data: { status: "restored", restoredAt: now },
  });
  await appendAudit(
    tx,
    open.map((r) => ({
      ...(actor ? staffAuditActor(actor) : { actorType: "system" as const }),
      action: "takedown.restored",
      subjectType: "takedown_request",
      subjectId: r.id,
      details: { postId, decisionId, previousStatus: r.status },
    })),
    now,
  );
  return open.map((r) => r.id);
}
