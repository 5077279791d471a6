// The one place decisions are written. Given drafts, it writes the decision rows, one audit row each, the
// platform's outbox event, the uploader's statement of reasons and the hash-bank change, as DECISION_EFFECTS says
// for each type, with one statement per kind of row however many drafts there are. Callers keep their own
// preconditions, locks and state changes, and call this inside the same transaction.
import type { Tx } from "../../db/tx.ts";
import type { ActionType, DecisionAuthority, DsaDecisionGround, SubjectType } from "../../db/generated/enums.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { enqueueOutbox, type OutboxInput } from "../outbox/outbox.ts";
import { outboxEventForDecision } from "../outbox/decision-events.ts";
import { queueStatementsToUploaders, type RestrictionForUploader } from "../notices/uploader.ts";
import { addToHashBank, retireFromHashBank } from "../hashbank/bank.ts";
import { execRows, utc } from "../ingest/sql.ts";
import { DECISION_EFFECTS } from "./effects.ts";

export interface DecisionPolicy {
  id: string;
  code: string;
  name: string;
  dsaGround: DsaDecisionGround;
  legalReference: string | null;
}

export interface DecisionDraft {
  /** set when the caller needs the id before the decision is written; otherwise made here */
  id?: string;
  type: ActionType;
  subjectType: SubjectType;
  postId?: string | null;
  accountId?: string | null;
  cameoId?: string | null;
  cameoGrantId?: string | null;
  caseId?: string | null;
  takedownRequestId?: string | null;
  /** null for automated decisions */
  actorId?: string | null;
  policy?: DecisionPolicy | null;
  reason: string;
  dsaGround?: DsaDecisionGround | null;
  dsaCategory?: string | null;
  visibilityDecision?: string | null;
  automatedDetection?: boolean;
  automatedDecision?: boolean;
  territorialScope?: string[];
  legalReference?: string | null;
  suspendedUntil?: Date | null;
  strikeDelta?: number;
  batchId?: string | null;
  idempotencyKey?: string | null;
  reversesId?: string | null;
  authority: DecisionAuthority;
  /** the account a restriction's statement of reasons goes to (a post's creator, the account acted on) */
  uploaderId?: string | null;
  /**
   * false leaves the hash bank alone: a cameo cascade removes and restores posts for the cameo's consent, not for
   * what they show, so copies elsewhere must not be matched against them
   */
  changesHashBank?: boolean;
  /** how a restoration's retired hash-bank entries say why, before " by decision <id>" */
  hashBankNote?: string;
  /** the decision's audit row; its action is `decision.<type>` and its details start with the decision id */
  audit: Omit<AuditEntry, "action">;
}

/** Writes the drafts and their effects; returns the decision ids in draft order. */
export async function recordDecisions(tx: Tx, drafts: DecisionDraft[], now: Date): Promise<string[]> {
  if (drafts.length === 0) return [];
  // Made like Prisma's uuid(7) default, from the wall clock, and sorted so drafts written together keep their order.
  const fresh = drafts.filter((d) => !d.id).map(() => uuidv7()).sort();
  let next = 0;
  const written = drafts.map((d) => ({ ...d, id: d.id ?? fresh[next++]! }));
  for (const d of written) {
    if (DECISION_EFFECTS[d.type].restrictive && (!d.dsaGround || !d.dsaCategory)) {
      throw new Error(`decision ${d.id} (${d.type}) restricts someone and needs a statement of reasons`);
    }
  }

  await execRows(
    tx,
    `INSERT INTO "Decision" ("id", "type", "subjectType", "postId", "accountId", "cameoId", "cameoGrantId", "caseId", "takedownRequestId",
                             "actorId", "policyId", "reason", "dsaGround", "dsaCategory", "visibilityDecision", "automatedDetection",
                             "automatedDecision", "territorialScope", "legalReference", "suspendedUntil", "strikeDelta", "batchId",
                             "idempotencyKey", "reversesId", "authority", "createdAt")
     SELECT x."id"::uuid, x."type"::"ActionType", x."subjectType"::"SubjectType", x."postId", x."accountId", x."cameoId", x."cameoGrantId",
            x."caseId"::uuid, x."takedownRequestId"::uuid, x."actorId"::uuid, x."policyId"::uuid, x."reason", x."dsaGround"::"DsaDecisionGround",
            x."dsaCategory", x."visibilityDecision", COALESCE(x."automatedDetection", false), COALESCE(x."automatedDecision", false),
            COALESCE(x."territorialScope", ARRAY[]::text[]), x."legalReference", ${utc('x."suspendedUntil"')}, COALESCE(x."strikeDelta", 0),
            x."batchId"::uuid, x."idempotencyKey", x."reversesId"::uuid, x."authority"::"DecisionAuthority", ${utc("$2")}
       FROM jsonb_to_recordset($1::jsonb) AS x("id" text, "type" text, "subjectType" text, "postId" text, "accountId" text, "cameoId" text,
            "cameoGrantId" text, "caseId" text, "takedownRequestId" text, "actorId" text, "policyId" text, "reason" text, "dsaGround" text,
            "dsaCategory" text, "visibilityDecision" text, "automatedDetection" boolean, "automatedDecision" boolean, "territorialScope" text[],
            "legalReference" text, "suspendedUntil" text, "strikeDelta" int, "batchId" text, "idempotencyKey" text, "reversesId" text,
            "authority" text)`,
    written.map(decisionRow),
    now.toISOString(),
  );

  const banked = written.filter((d) => d.postId && d.changesHashBank !== false);
  const removed = banked.filter((d) => DECISION_EFFECTS[d.type].hashBank === "add");
  if (removed.length) await addToHashBank(tx, removed.map((d) => ({ postId: d.postId!, decisionId: d.id, policyId: d.policy?.id ?? null })), now);
  for (const d of banked.filter((d) => DECISION_EFFECTS[d.type].hashBank === "retire")) {
    await retireFromHashBank(tx, [d.postId!], `${d.hashBankNote ?? "Restored"} by decision ${d.id}`, now, d.actorId ?? null);
  }

  await appendAudit(
    tx,
    written.map((d) => ({ ...d.audit, action: `decision.${d.type}`, details: { decisionId: d.id, ...d.audit.details } })),
    now,
  );
  await enqueueOutbox(tx, written.map(platformEvent).filter((e): e is OutboxInput => e !== null), now);
  await queueStatementsToUploaders(
    tx,
    written
      .filter((d) => DECISION_EFFECTS[d.type].uploaderNotice && d.uploaderId && d.policy)
      .map(
        (d): RestrictionForUploader => ({
          decisionId: d.id,
          action: d.type,
          accountId: d.uploaderId!,
          postId: d.postId ?? null,
          policy: d.policy!,
          reason: d.reason,
          automated: false,
          decidedAt: now,
          suspendedUntil: d.suspendedUntil ?? null,
          takedownRequestId: d.takedownRequestId ?? null,
        }),
      ),
  );
  return written.map((d) => d.id);
}

/** The row as JSON; absent fields read as NULL (or the column's default) in the insert. */
function decisionRow(d: DecisionDraft & { id: string }) {
  return {
    id: d.id,
    type: d.type,
    subjectType: d.subjectType,
    postId: d.postId ?? undefined,
    accountId: d.accountId ?? undefined,
    cameoId: d.cameoId ?? undefined,
    cameoGrantId: d.cameoGrantId ?? undefined,
    caseId: d.caseId ?? undefined,
    takedownRequestId: d.takedownRequestId ?? undefined,
    actorId: d.actorId ?? undefined,
    policyId: d.policy?.id,
    reason: d.reason,
    dsaGround: d.dsaGround ?? undefined,
    dsaCategory: d.dsaCategory ?? undefined,
    visibilityDecision: d.visibilityDecision ?? undefined,
    automatedDetection: d.automatedDetection,
    automatedDecision: d.automatedDecision,
    territorialScope: d.territorialScope,
    legalReference: d.legalReference ?? undefined,
    suspendedUntil: d.suspendedUntil?.toISOString(),
    strikeDelta: d.strikeDelta,
    batchId: d.batchId ?? undefined,
    idempotencyKey: d.idempotencyKey ?? undefined,
    reversesId: d.reversesId ?? undefined,
    authority: d.authority,
  };
}

// A post's decision names the post; the grant is the platform's subject only for decisions about the cameo itself.
function platformEvent(d: DecisionDraft & { id: string }): OutboxInput | null {
  return outboxEventForDecision({
    id: d.id,
    type: d.type,
    postId: d.postId,
    accountId: d.accountId,
    cameoId: d.cameoId,
    cameoGrantId: d.subjectType === "cameo" ? d.cameoGrantId : null,
    policyCode: d.policy?.code ?? null,
    reason: d.reason,
    dsaGround: d.dsaGround,
    dsaCategory: d.dsaCategory,
    territorialScope: d.territorialScope,
    suspendedUntil: d.suspendedUntil,
    batchId: d.batchId,
  });
}
