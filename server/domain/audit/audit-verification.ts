// Checking the audit chain and holding it against the checkpoint outside the database. Each server's checkpoint
// loop checks the rows added since the last checkpoint (cheap) and only then moves the checkpoint to the new head,
// so a truncated or rewritten chain is never checkpointed over; an admin's check walks every row. Each check is
// recorded so the Audit page can say when the chain last held.
import type { Database } from "../../db/client.ts";
import type { AuditVerificationScope } from "../../db/generated/enums.ts";
import { appendAudit, verifyAuditChain, type ChainCheck, type ChainProblem } from "./audit-log.ts";
import {
  readAuditCheckpoint,
  writeAuditCheckpoint,
  type AuditCheckpoint,
  type CheckpointRead,
} from "./audit-checkpoint.ts";
import { auditSeal, type AuditSeal } from "./audit-seal.ts";
import { KEYED_HASH_VERSION } from "./audit-hash.ts";
import { staffAuditActor, type StaffActor } from "./staff-actor.ts";

/** Held checks of the loop are kept this long; broken ones and admins' checks are kept. */
const KEEP_LOOP_CHECKS_MS = 7 * 24 * 3_600_000;

export interface AuditVerificationOutcome {
  scope: AuditVerificationScope;
  held: boolean;
  checked: number;
  throughSeq: bigint;
  brokenAtSeq: bigint | null;
  problem: ChainProblem | null;
  /** the checkpoint the chain was held against */
  checkpoint: AuditCheckpoint | null;
}

export function describeChainProblem(problem: string | null, brokenAtSeq: bigint | null): string | null {
  const at = brokenAtSeq === null ? "" : `#${brokenAtSeq}`;
  switch (problem) {
    case null:
      return null;
    case "content_changed":
      return `Row ${at} was changed after it was written: its hash no longer matches its content.`;
    case "link_broken":
      return `Row ${at} does not follow the row before it: a row was removed or inserted.`;
    case "unkeyed_row":
      return `Row ${at} is not keyed with the audit key, though rows before it are: the chain was rewritten from there.`;
    case "checkpoint_row_missing":
      return `Row ${at}, the checkpointed head of the chain, is missing: the newest rows were deleted.`;
    case "checkpoint_hash_differs":
      return `Row ${at} differs from the checkpoint taken of it: the chain was rewritten at or before it.`;
    case "checkpoint_invalid":
      return "The checkpoint file is not signed with the audit key: it was altered or replaced.";
    default:
      return `The chain does not hold at ${at || "an unknown row"}.`;
  }
}

function readCheckpoint(seal: AuditSeal): CheckpointRead {
  return seal.checkpointFile ? readAuditCheckpoint(seal.checkpointFile, seal.key) : { state: "missing" };
}

function outcomeOf(
  scope: AuditVerificationScope,
  check: ChainCheck,
  checkpoint: AuditCheckpoint | null,
): AuditVerificationOutcome {
  return {
    scope,
    held: check.ok,
    checked: check.checked,
    throughSeq: check.head.seq,
    brokenAtSeq: check.brokenAtId ?? null,
    problem: check.problem ?? null,
    checkpoint,
  };
}

/** Walks every row from the first, holding the chain against the checkpoint when there is one. */
async function checkWholeChain(db: Database, seal: AuditSeal): Promise<AuditVerificationOutcome> {
  const read = readCheckpoint(seal);
  const checkpoint = read.state === "valid" ? read.checkpoint : null;
  const check = await verifyAuditChain(db.prisma, {
    key: seal.key,
    mustContain: checkpoint ?? undefined,
    legacyThrough: checkpoint?.legacyThrough ?? null,
  });
  if (check.ok && read.state === "invalid")
    return outcomeOf("full", { ...check, ok: false, problem: "checkpoint_invalid" }, null);
  return outcomeOf("full", check, checkpoint);
}

function verificationRow(outcome: AuditVerificationOutcome, at: Date, actor: StaffActor | null) {
  return {
    at,
    scope: outcome.scope,
    actorType: actor ? ("staff" as const) : ("system" as const),
    actorId: actor?.id ?? null,
    held: outcome.held,
    checked: outcome.checked,
    throughSeq: outcome.throughSeq,
    brokenAtSeq: outcome.brokenAtSeq,
    problem: outcome.problem,
    checkpointSeq: outcome.checkpoint?.seq ?? null,
    checkpointAt: outcome.checkpoint?.at ?? null,
  };
}

/** An admin's check of the whole chain: recorded, and audited in the same transaction. */
export async function verifyAuditLog(
  db: Database,
  opts: { now: Date; actor: StaffActor; seal?: AuditSeal },
): Promise<AuditVerificationOutcome> {
  const outcome = await checkWholeChain(db, opts.seal ?? auditSeal());
  await db.prisma.$transaction(async (tx) => {
    await tx.auditVerification.create({ data: verificationRow(outcome, opts.now, opts.actor) });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(opts.actor),
        action: "audit.verified",
        subjectType: "audit_log",
        details: {
          held: outcome.held,
          checked: outcome.checked,
          throughSeq: outcome.throughSeq.toString(),
          brokenAtSeq: outcome.brokenAtSeq?.toString() ?? null,
          problem: outcome.problem,
          checkpointSeq: outcome.checkpoint?.seq.toString() ?? null,
        },
      },
      opts.now,
    );
  });
  return outcome;
}

export interface CheckpointStep extends AuditVerificationOutcome {
  /** the checkpoint this step wrote; null when the chain did not hold (the last good one is kept) */
  written: AuditCheckpoint | null;
}

/**
 * One step of the checkpoint loop: checks the rows after the last checkpoint (all rows, the first time), and if
 * the chain holds writes the new head as the checkpoint. Recorded as a check by the server.
 */
export async function checkpointAuditHead(
  db: Database,
  opts: { now: Date; seal?: AuditSeal },
): Promise<CheckpointStep> {
  const seal = opts.seal ?? auditSeal();
  const file = seal.checkpointFile;
  if (!file) throw new Error("No audit checkpoint file is configured.");
  const read = readAuditCheckpoint(file, seal.key);
  let check: ChainCheck | null = null;
  let previous: AuditCheckpoint | null = null;
  let legacyThrough = 0n;
  if (read.state === "valid") {
    previous = read.checkpoint;
    legacyThrough = previous.legacyThrough;
    check = await verifyAuditChain(db.prisma, { key: seal.key, after: previous, legacyThrough });
  } else if (read.state === "missing") {
    // The first checkpoint fixes where the unkeyed rows written before the chain was keyed end.
    const lastUnkeyed = await db.prisma.auditLog.aggregate({
      _max: { id: true },
      where: { hashVersion: { not: KEYED_HASH_VERSION } },
    });
    legacyThrough = lastUnkeyed._max.id ?? 0n;
    check = await verifyAuditChain(db.prisma, { key: seal.key, legacyThrough });
  }
  const outcome: AuditVerificationOutcome = check
    ? outcomeOf(previous ? "since_checkpoint" : "full", check, previous)
    : {
        scope: "since_checkpoint",
        held: false,
        checked: 0,
        throughSeq: 0n,
        brokenAtSeq: null,
        problem: "checkpoint_invalid",
        checkpoint: null,
      };

  let written: AuditCheckpoint | null = null;
  if (check?.ok) {
    // Another server sharing the file may have checkpointed further meanwhile: never move the checkpoint back.
    const current = readAuditCheckpoint(file, seal.key);
    if (!(current.state === "valid" && current.checkpoint.seq > check.head.seq)) {
      written = { ...check.head, at: opts.now, legacyThrough };
      writeAuditCheckpoint(file, seal.key, written);
    }
  }
  await db.prisma.auditVerification.create({ data: verificationRow(outcome, opts.now, null) });
  await db.prisma.auditVerification.deleteMany({
    where: { actorType: "system", held: true, at: { lt: new Date(opts.now.getTime() - KEEP_LOOP_CHECKS_MS) } },
  });
  return { ...outcome, written };
}
