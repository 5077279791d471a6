// What the Audit page shows about the chain: the last checks, the checkpoint outside the database and the head.
import type { Database } from "../../db/client.ts";
import { Prisma } from "../../db/generated/client.ts";
import { readAuditCheckpoint } from "./audit-checkpoint.ts";
import { auditSeal, type AuditSeal } from "./audit-seal.ts";
import { describeChainProblem } from "./audit-verification.ts";

const verificationSelect = {
  id: true,
  at: true,
  scope: true,
  actorType: true,
  held: true,
  checked: true,
  throughSeq: true,
  brokenAtSeq: true,
  problem: true,
  checkpointSeq: true,
  checkpointAt: true,
  actor: { select: { id: true, displayName: true } },
} satisfies Prisma.AuditVerificationSelect;

type VerificationRow = Prisma.AuditVerificationGetPayload<{ select: typeof verificationSelect }>;

function view(row: VerificationRow | null) {
  if (!row) return null;
  return {
    at: row.at,
    scope: row.scope,
    by: row.actor ? { id: row.actor.id, displayName: row.actor.displayName } : null,
    held: row.held,
    checked: row.checked,
    throughSeq: row.throughSeq.toString(),
    brokenAtSeq: row.brokenAtSeq?.toString() ?? null,
    problem: row.problem,
    summary: describeChainProblem(row.problem, row.brokenAtSeq),
    checkpointSeq: row.checkpointSeq?.toString() ?? null,
    checkpointAt: row.checkpointAt,
  };
}

export type AuditCheckView = NonNullable<ReturnType<typeof view>>;

export async function auditLogStatus(db: Database, seal: AuditSeal = auditSeal()) {
  const [lastCheck, lastFullCheck, head] = await Promise.all([
    db.prisma.auditVerification.findFirst({ orderBy: { id: "desc" }, select: verificationSelect }),
    db.prisma.auditVerification.findFirst({
      where: { scope: "full", actorType: "staff" },
      orderBy: { id: "desc" },
      select: verificationSelect,
    }),
    db.prisma.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true, at: true } }),
  ]);
  const read = seal.checkpointFile ? readAuditCheckpoint(seal.checkpointFile, seal.key) : null;
  const checkpoint =
    read === null
      ? { state: "off" as const, seq: null, at: null }
      : read.state === "valid"
        ? { state: "valid" as const, seq: read.checkpoint.seq.toString(), at: read.checkpoint.at }
        : { state: read.state, seq: null, at: null };
  return {
    lastCheck: view(lastCheck),
    /** the last whole-chain check an admin ran */
    lastFullCheck: view(lastFullCheck),
    checkpoint,
    head: head ? { seq: head.id.toString(), at: head.at } : null,
  };
}
