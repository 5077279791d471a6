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
import { execRows, raw, sql } from "../../db/sql.ts";
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
  const fresh = drafts
    .filter((d) => !d.id)
    .map(() => uuidv7())
    .sort();
  let next = 0;
  const written = drafts.map((d) => ({ ...d, id: d.id ?? fresh[next++]! }));
  for (const d of written) {
    if (DECISION_EFFECTS[d.type].restrictive && (!d.dsaGround || !d.dsaCategory)) {
      throw new Error(`decision ${d.id} (${d.type}) restricts someone and needs a statement of reasons`);
    }
  }

  await insertDecisionRows(tx, written.map(decisionRow), now);

  const banked = written.filter((d) => d.postId && d.changesHashBank !== false);
  const removed = banked.filter((d) => DECISION_EFFECTS[d.type].hashBank === "add");
  if (removed.length)
    await addToHashBank(
      tx,
      removed.map((d) => ({ postId: d.postId!, decisionId: d.id, policyId: d.policy?.id ?? null })),
      now,
    );
  for (const d of banked.filter((d) => DECISION_EFFECTS[d.type].hashBank === "retire")) {
    await retireFromHashBank(
      tx,
      [d.postId!],
      `${d.hashBankNote ?? "Restored"} by decision ${d.id}`,
      now,
      d.actorId ?? null,
    );
  }

  await appendAudit(
    tx,
    written.map((d) => ({
      ...d.audit,
      action: `decision.${d.type}`,
      details: { decisionId: d.id, ...d.audit.details },
    })),
    now,
  );
  await enqueueOutbox(
    tx,
    written.map(platformEvent).filter((e): e is OutboxInput => e !== null),
    now,
  );
  await queueStatementsToUploaders(
    tx,
    written
      .filter((d) => DECISION_EFFECTS[d.type].uploaderNotice && d.uploaderId && d.policy)
      .map((d): RestrictionForUploader => ({
        decisionId: d.id,
        action: d.type,
        accountId: d.uploaderId!,
        postId: d.postId ?? null,
        policy: d.policy!,
        reason: d.reason,
        automated: d.automatedDecision ?? false,
        decidedAt: now,
        suspendedUntil: d.suspendedUntil ?? null,
        takedownRequestId: d.takedownRequestId ?? null,
      })),
  );
  return written.map((d) => d.id);
}

// [column, its type in the JSON rows, the value written from its JSON value v]
const COLUMNS: [string, string, (v: string) => string][] = [
  ["id", "text", (v) => `${v}::uuid`],
  ["type", "text", (v) => `${v}::"ActionType"`],
  ["subjectType", "text", (v) => `${v}::"SubjectType"`],
  ["postId", "text", (v) => v],
  ["accountId", "text", (v) => v],
  ["cameoId", "text", (v) => v],
  ["cameoGrantId", "text", (v) => v],
  ["caseId", "text", (v) => `${v}::uuid`],
  ["takedownRequestId", "text", (v) => `${v}::uuid`],
  ["actorId", "text", (v) => `${v}::uuid`],
  ["policyId", "text", (v) => `${v}::uuid`],
  ["reason", "text", (v) => v],
  ["dsaGround", "text", (v) => `${v}::"DsaDecisionGround"`],
  ["dsaCategory", "text", (v) => v],
  ["visibilityDecision", "text", (v) => v],
  ["automatedDetection", "boolean", (v) => `COALESCE(${v}, false)`],
  ["automatedDecision", "boolean", (v) => `COALESCE(${v}, false)`],
  ["territorialScope", "text[]", (v) => `COALESCE(${v}, ARRAY[]::text[])`],
  ["legalReference", "text", (v) => v],
  ["suspendedUntil", "text", (v) => `${v}::timestamptz`],
  ["strikeDelta", "int", (v) => `COALESCE(${v}, 0)`],
  ["batchId", "text", (v) => `${v}::uuid`],
  ["idempotencyKey", "text", (v) => v],
  ["reversesId", "text", (v) => `${v}::uuid`],
  ["authority", "text", (v) => `${v}::"DecisionAuthority"`],
];
const CREATED_AT: (typeof COLUMNS)[number] = ["createdAt", "text", (v) => `${v}::timestamptz`];

/**
 * One statement for any number of rows. A value every row shares travels once, in the shared record, and the rows
 * carry only the columns that differ between them (at least the id): a cascade's decisions differ in a few.
 */
async function insertDecisionRows(tx: Tx, rows: Record<string, unknown>[], now: Date) {
  const shared: Record<string, unknown> = { createdAt: now.toISOString() };
  const varying = COLUMNS.filter(([c]) => {
    const first = JSON.stringify(rows[0]![c]);
    if (c === "id" || rows.some((r) => JSON.stringify(r[c]) !== first)) return true;
    shared[c] = rows[0]![c];
    return false;
  });
  const common = [...COLUMNS.filter((col) => !varying.includes(col)), CREATED_AT];
  const recordType = (cols: typeof COLUMNS) => cols.map(([c, t]) => `"${c}" ${t}`).join(", ");
  // Column names and casts come from COLUMNS above (code, not input); every value travels in the two parameters.
  const columns = raw([...varying, ...common].map(([c]) => `"${c}"`).join(", "));
  const values = raw(
    [...varying.map(([c, , value]) => value(`x."${c}"`)), ...common.map(([c, , value]) => value(`s."${c}"`))].join(
      ", ",
    ),
  );
  await execRows(
    tx,
    rows.map((r) => Object.fromEntries(varying.map(([c]) => [c, r[c]]))),
    (json) =>
      sql`INSERT INTO "Decision" (${columns})
     SELECT ${values}
       FROM jsonb_to_recordset(${json}) AS x(${raw(recordType(varying))})
            CROSS JOIN jsonb_to_record(${JSON.stringify(shared)}::jsonb) AS s(${raw(recordType(common))})`,
  );
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
    automatedDetection: d.automatedDetection,
    automatedDecision: d.automatedDecision,
  });
}
