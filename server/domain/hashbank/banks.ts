// Named banks and what a match against each does, as admins configure them. Automatic take-down is the one
// action that needs two admins: one asks (with a reason), another approves or refuses; the one who asked cannot
// decide. Every change is audited with what it was before.
import type { Database } from "../../db/client.ts";
import type {
  CreateBankValues,
  DecideBankActionValues,
  SetPolicyBankValues,
  UpdateBankValues,
} from "../../contracts/hash-bank.ts";
import { DomainError } from "../../lib/errors.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { sql } from "../../db/sql.ts";
import { isUniqueViolation } from "../../lib/unique-violation.ts";

export interface BankSummary {
  id: string;
  name: string;
  kind: string;
  description: string;
  enabled: boolean;
  action: string;
  pendingAction: string | null;
  pendingActionBy: { id: string; displayName: string } | null;
  pendingActionAt: Date | null;
  pendingActionReason: string | null;
  retroScanDays: number;
  exactEntries: number;
  frameEntries: number;
  items: number;
  policies: { id: string; code: string }[];
  lastImport: { id: string; status: string; source: string; entries: number; createdAt: Date } | null;
  /** the newest retro-scan: new entries looked for among recent posts */
  retroScan: {
    id: string;
    status: string;
    postsScanned: number;
    postsTotal: number;
    matched: number;
    createdAt: Date;
    finishedAt: Date | null;
  } | null;
  /** retro-scans not finished yet */
  retroScansWaiting: number;
}

export async function listBanks(db: Database): Promise<BankSummary[]> {
  const [banks, counts] = await Promise.all([
    db.prisma.hashBank.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: {
        policies: { select: { id: true, code: true }, orderBy: { code: "asc" } },
        imports: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { id: true, status: true, source: true, entries: true, createdAt: true },
        },
        retroScans: {
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
          select: {
            id: true,
            status: true,
            postsScanned: true,
            postsTotal: true,
            matched: true,
            createdAt: true,
            finishedAt: true,
          },
        },
        _count: { select: { retroScans: { where: { status: { not: "done" } } } } },
      },
    }),
    db.prisma.$queryRaw<{ bankId: string; exact: number; frames: number; items: number }[]>(
      sql`SELECT "bankId"::text AS "bankId",
                 count(*) FILTER (WHERE "kind" = 'exact')::int AS "exact",
                 count(*) FILTER (WHERE "kind" = 'perceptual' AND NOT "legacy")::int AS "frames",
                 count(DISTINCT "itemId")::int AS "items"
            FROM "HashBankEntry" WHERE "active" GROUP BY 1`,
    ),
  ]);
  const byBank = new Map(counts.map((c) => [c.bankId, c]));
  const requesters = await db.prisma.staffUser.findMany({
    where: { id: { in: banks.flatMap((b) => (b.pendingActionById ? [b.pendingActionById] : [])) } },
    select: { id: true, displayName: true },
  });
  return banks.map((b) => ({
    id: b.id,
    name: b.name,
    kind: b.kind,
    description: b.description,
    enabled: b.enabled,
    action: b.action,
    pendingAction: b.pendingAction,
    pendingActionBy: requesters.find((r) => r.id === b.pendingActionById) ?? null,
    pendingActionAt: b.pendingActionAt,
    pendingActionReason: b.pendingActionReason,
    retroScanDays: b.retroScanDays,
    exactEntries: byBank.get(b.id)?.exact ?? 0,
    frameEntries: byBank.get(b.id)?.frames ?? 0,
    items: byBank.get(b.id)?.items ?? 0,
    policies: b.policies,
    lastImport: b.imports[0] ?? null,
    retroScan: b.retroScans[0] ?? null,
    retroScansWaiting: b._count.retroScans,
  }));
}

export async function createBank(db: Database, input: CreateBankValues, actor: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const bank = await tx.hashBank
      .create({
        data: {
          name: input.name,
          kind: input.kind,
          description: input.description,
          action: input.action,
          retroScanDays: input.retroScanDays,
          createdAt: now,
        },
      })
      .catch((err: unknown) => {
        throw uniqueName(err, input.name);
      });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "hash_bank.bank_create",
        subjectType: "hash_bank",
        subjectId: bank.id,
        details: { name: bank.name, kind: bank.kind, action: bank.action, retroScanDays: bank.retroScanDays },
      },
      now,
    );
    return bank;
  });
}

function uniqueName(err: unknown, name: string) {
  if (isUniqueViolation(err))
    return new DomainError("CONFLICT", `name: a bank named "${name}" exists already.`, { field: "name" });
  return err;
}

/** Changes a bank; asking for automatic take-down records the request for a second admin instead. */
export async function updateBank(db: Database, input: UpdateBankValues, actor: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const [bank] = await tx.$queryRaw<{ id: string }[]>(
      sql`SELECT "id" FROM "HashBank" WHERE "id" = ${input.bankId}::uuid FOR UPDATE`,
    );
    if (!bank) throw new DomainError("NOT_FOUND", "bankId: no such bank.", { field: "bankId" });
    const before = await tx.hashBank.findUniqueOrThrow({ where: { id: input.bankId } });
    if (input.action === "take_down" && before.kind === "safe")
      throw new DomainError("BAD_REQUEST", "action: a safe bank holds false positives; it only suppresses matches.", {
        field: "action",
      });
    const asksTakeDown = input.action === "take_down" && before.action !== "take_down";
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.retroScanDays !== undefined ? { retroScanDays: input.retroScanDays } : {}),
      ...(input.action !== undefined && !asksTakeDown
        ? {
            action: input.action,
            pendingAction: null,
            pendingActionById: null,
            pendingActionAt: null,
            pendingActionReason: null,
          }
        : {}),
      ...(asksTakeDown
        ? {
            pendingAction: "take_down" as const,
            pendingActionById: actor.id,
            pendingActionAt: now,
            pendingActionReason: input.reason,
          }
        : {}),
    };
    const after = await tx.hashBank.update({ where: { id: input.bankId }, data }).catch((err: unknown) => {
      throw uniqueName(err, input.name ?? "");
    });
    const changed = Object.fromEntries(
      (["name", "description", "enabled", "action", "retroScanDays", "pendingAction"] as const)
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: asksTakeDown ? "hash_bank.bank_action_request" : "hash_bank.bank_update",
        subjectType: "hash_bank",
        subjectId: after.id,
        details: { reason: input.reason, changed },
      },
      now,
    );
    return { ...after, awaitingApproval: asksTakeDown };
  });
}

/** A second admin approves or refuses a requested action change (four-eyes rule). */
export async function decideBankAction(db: Database, input: DecideBankActionValues, actor: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; pendingAction: string | null; pendingActionById: string | null; action: string }[]
    >(
      sql`SELECT "id", "pendingAction"::text AS "pendingAction", "pendingActionById"::text AS "pendingActionById", "action"::text AS "action"
            FROM "HashBank" WHERE "id" = ${input.bankId}::uuid FOR UPDATE`,
    );
    const bank = rows[0];
    if (!bank) throw new DomainError("NOT_FOUND", "bankId: no such bank.", { field: "bankId" });
    if (!bank.pendingAction)
      throw new DomainError("PRECONDITION_FAILED", "No change of action is waiting for approval on this bank.");
    if (bank.pendingActionById === actor.id)
      throw new DomainError(
        "FORBIDDEN",
        "You asked for this change; another admin must approve or refuse it (four-eyes rule).",
      );
    const after = await tx.hashBank.update({
      where: { id: bank.id },
      data: {
        ...(input.approve ? { action: bank.pendingAction as "take_down" } : {}),
        pendingAction: null,
        pendingActionById: null,
        pendingActionAt: null,
        pendingActionReason: null,
      },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: input.approve ? "hash_bank.bank_action_approve" : "hash_bank.bank_action_refuse",
        subjectType: "hash_bank",
        subjectId: bank.id,
        details: {
          reason: input.reason,
          requestedAction: bank.pendingAction,
          requestedBy: bank.pendingActionById,
          action: { from: bank.action, to: after.action },
        },
      },
      now,
    );
    return after;
  });
}

/** Which bank a take-down under a policy adds the content to. */
export async function setPolicyBank(db: Database, input: SetPolicyBankValues, actor: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const policy = await tx.policy.findUnique({
      where: { id: input.policyId },
      select: { id: true, hashBankId: true },
    });
    if (!policy) throw new DomainError("NOT_FOUND", "policyId: no such policy.", { field: "policyId" });
    if (input.bankId) {
      const bank = await tx.hashBank.findUnique({ where: { id: input.bankId }, select: { kind: true } });
      if (!bank) throw new DomainError("NOT_FOUND", "bankId: no such bank.", { field: "bankId" });
      if (bank.kind === "safe")
        throw new DomainError("BAD_REQUEST", "bankId: removed content cannot go into a safe bank.", {
          field: "bankId",
        });
    }
    await tx.policy.update({ where: { id: policy.id }, data: { hashBankId: input.bankId } });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "hash_bank.policy_bank",
        subjectType: "policy",
        subjectId: policy.id,
        details: { reason: input.reason, bankId: { from: policy.hashBankId, to: input.bankId } },
      },
      now,
    );
    return { policyId: policy.id, bankId: input.bankId };
  });
}

/** A bank's hash-list imports, newest first, with their progress and refused lines. */
export function listBankImports(db: Database, bankId: string) {
  return db.prisma.hashListImport.findMany({
    where: { bankId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      source: true,
      listDate: true,
      fileName: true,
      declaredType: true,
      status: true,
      lines: true,
      entries: true,
      planned: true,
      errors: true,
      errorCount: true,
      createdAt: true,
      finishedAt: true,
      createdBy: { select: { id: true, displayName: true } },
    },
  });
}
