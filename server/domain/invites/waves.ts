// Invite waves: created as drafts, then opened, paused, resumed and closed by admins. Every change writes one
// audit row in the same transaction.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import type { InviteWaveStatus } from "../../db/generated/enums.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import {
  CreateWaveInput,
  SetWaveStatusInput,
  UpdateWaveInput,
  WAVE_TRANSITIONS,
  type WaveFields,
} from "../../contracts/invites.ts";

const STATUS_WORDS: Record<InviteWaveStatus, string> = {
  draft: "a draft",
  active: "active",
  paused: "paused",
  closed: "closed",
};

function futureExpiry(raw: string | null | undefined, now: Date): Date | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const at = new Date(raw);
  if (at.getTime() <= now.getTime()) {
    throw new DomainError("BAD_REQUEST", "expiresAt: must be in the future.", { field: "expiresAt" });
  }
  return at;
}

const unique = <T>(items: T[] | undefined) => (items ? [...new Set(items)] : undefined);

function waveData(input: Partial<WaveFields>, now: Date) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.purpose !== undefined ? { purpose: input.purpose || null } : {}),
    ...(input.targetSize !== undefined ? { targetSize: input.targetSize } : {}),
    ...(input.usesPerCode !== undefined ? { usesPerCode: input.usesPerCode } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: futureExpiry(input.expiresAt, now) } : {}),
    ...(input.regions !== undefined ? { regions: unique(input.regions) } : {}),
    ...(input.platforms !== undefined ? { platforms: unique(input.platforms) } : {}),
    ...(input.allotment !== undefined ? { allotment: input.allotment } : {}),
  };
}

export async function createWave(db: Database, raw: unknown, staff: StaffActor, now: Date) {
  const input = parseInput(CreateWaveInput, raw);
  const data = waveData(input, now);
  return db.prisma.$transaction(async (tx) => {
    const wave = await tx.inviteWave.create({
      data: {
        ...data,
        name: input.name,
        targetSize: input.targetSize,
        status: "draft",
        createdById: staff.id,
        createdAt: now,
      },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "invite_wave.create",
        subjectType: "invite_wave",
        subjectId: wave.id,
        details: { ...input },
      },
      now,
    );
    return wave;
  });
}

/**
 * Changes a wave's settings. Regions and platforms apply to its codes at redemption, so they can be tightened at
 * any time; the wave's expiry is checked at redemption too, but codes also keep the expiry they were issued with,
 * so an earlier expiry stops them and a later one does not revive them. Uses per code and allotment are copied
 * onto codes when they are issued, so they only affect later ones.
 */
export async function updateWave(db: Database, raw: unknown, staff: StaffActor, now: Date) {
  const { waveId, ...input } = parseInput(UpdateWaveInput, raw);
  const data = waveData(input, now);
  return db.prisma.$transaction(async (tx) => {
    const wave = await lockWave(tx, waveId);
    if (wave.status === "closed")
      throw new DomainError("PRECONDITION_FAILED", "This wave is closed; its settings can no longer change.");
    if (Object.keys(data).length === 0) return wave;
    const updated = await tx.inviteWave.update({ where: { id: waveId }, data });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "invite_wave.update",
        subjectType: "invite_wave",
        subjectId: waveId,
        details: { ...input },
      },
      now,
    );
    return updated;
  });
}

export async function setWaveStatus(db: Database, raw: unknown, staff: StaffActor, now: Date) {
  const input = parseInput(SetWaveStatusInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const wave = await lockWave(tx, input.waveId);
    if (wave.status === input.status) return wave;
    if (!WAVE_TRANSITIONS[wave.status].includes(input.status)) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        `status: this wave is ${STATUS_WORDS[wave.status]} and cannot become ${input.status}` +
          (wave.status === "closed" ? "; a closed wave stays closed." : "."),
        { field: "status" },
      );
    }
    const updated = await tx.inviteWave.update({ where: { id: wave.id }, data: { status: input.status } });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "invite_wave.status",
        subjectType: "invite_wave",
        subjectId: wave.id,
        details: { from: wave.status, to: input.status, reason: input.reason ?? null },
      },
      now,
    );
    return updated;
  });
}

/** The wave, locked for the rest of the transaction so status changes and batch starts serialise. */
export async function lockWave(tx: Tx, waveId: string) {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "InviteWave" WHERE "id" = ${waveId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("Invite wave");
  return tx.inviteWave.findUniqueOrThrow({ where: { id: waveId } });
}

export async function getWave({ prisma: tx }: Database, waveId: string) {
  const wave = await tx.inviteWave.findUnique({
    where: { id: waveId },
    include: {
      createdBy: { select: { id: true, displayName: true } },
      batches: { orderBy: { createdAt: "desc" }, take: 100, select: BATCH_SELECT },
    },
  });
  if (!wave) throw notFound("Invite wave");
  const [totals] = await tx.$queryRaw<
    { codes: bigint; active: bigint; revoked: bigint; used: bigint; redeemed: bigint; capacity: bigint }[]
  >`
    SELECT count(*) AS codes,
           count(*) FILTER (WHERE "status" = 'active') AS active,
           count(*) FILTER (WHERE "status" = 'revoked') AS revoked,
           count(*) FILTER (WHERE "useCount" > 0) AS used,
           coalesce(sum("useCount"), 0) AS redeemed,
           coalesce(sum("maxUses") FILTER (WHERE "status" = 'active'), 0) AS capacity
      FROM "InviteCode" WHERE "waveId" = ${waveId}::uuid`;
  const { batches, ...rest } = wave;
  return {
    ...rest,
    batches: batches.map(batchView),
    totals: {
      codes: Number(totals?.codes ?? 0),
      activeCodes: Number(totals?.active ?? 0),
      revokedCodes: Number(totals?.revoked ?? 0),
      usedCodes: Number(totals?.used ?? 0),
      redeemed: Number(totals?.redeemed ?? 0),
      /** uses still possible on active codes, counting used ones */
      capacity: Number(totals?.capacity ?? 0),
    },
    allowedTransitions: [...WAVE_TRANSITIONS[wave.status]],
  };
}

export const BATCH_SELECT = {
  id: true,
  waveId: true,
  size: true,
  issuedCount: true,
  status: true,
  createdAt: true,
  completedAt: true,
  failedReason: true,
  createdBy: { select: { id: true, displayName: true } },
} as const;

export function batchView<T extends { size: number; issuedCount: number }>(b: T) {
  return { ...b, progress: b.size === 0 ? 1 : b.issuedCount / b.size };
}
