// Issuing a batch of codes. Small batches are issued within the request; large ones in chunks in the background.
// Each chunk inserts its codes and advances InviteBatch.issuedCount in one transaction, and only while the total
// stays within the batch's size, so issuedCount always equals the codes written (the progress bar reads it),
// parallel writers and processes never issue a code too many, and a crash loses at most uncommitted chunks: the
// worker resumes batches still 'issuing' after a restart.
import crypto from "node:crypto";
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { DomainError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/logger.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { IssueBatchInput } from "../../contracts/invites.ts";
import { generateCodes } from "./code-format.ts";
import { BATCH_SELECT, batchView, lockWave } from "./waves.ts";
import { sql, type Sql } from "../../db/sql.ts";

/** Batches up to this size are issued before the request answers. */
export const SYNC_ISSUE_LIMIT = 10_000;
export const ISSUE_CHUNK = 25_000;

/** `count` UUIDv7s for one instant from one draw of random bytes (creation order, like Prisma's uuid(7)). */
export function uuidv7Batch(count: number, nowMs: number): string[] {
  const bytes = crypto.randomBytes(16 * count);
  for (let o = 0; o < bytes.length; o += 16) {
    bytes.writeUIntBE(nowMs, o, 6);
    bytes[o + 6] = (bytes[o + 6]! & 0x0f) | 0x70;
    bytes[o + 8] = (bytes[o + 8]! & 0x3f) | 0x80;
  }
  const hex = bytes.toString("hex");
  const ids: string[] = [];
  for (let h = 0; h < hex.length; h += 32) {
    ids.push(
      `${hex.slice(h, h + 8)}-${hex.slice(h + 8, h + 12)}-${hex.slice(h + 12, h + 16)}-${hex.slice(h + 16, h + 20)}-${hex.slice(h + 20, h + 32)}`,
    );
  }
  // In index order, so a bulk insert appends to the primary key's rightmost pages instead of splitting them.
  return ids.sort();
}

export interface NewCodes {
  waveId: string;
  batchId: string | null;
  issuerAccountId: string | null;
  maxUses: number;
  expiresAt: Date | null;
}

/**
 * Inserts `count` fresh codes in one statement; returns the codes written. A collision with an existing code
 * (one in 31¹¹ per pair) is skipped by the unique index, so the result may be shorter: callers top up.
 */
export async function insertCodes(tx: Tx, count: number, spec: NewCodes, now: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ code: string }[]>(sql`${insertCodesSql(count, spec, now)} RETURNING "code"`);
  return rows.map((r) => r.code);
}

/** Same as insertCodes, but only counts: no codes travel back (the bulk path). */
async function insertCodesCounted(tx: Tx, count: number, spec: NewCodes, now: Date): Promise<number> {
  return tx.$executeRaw(insertCodesSql(count, spec, now));
}

/** Fresh codes and ids (one comma-joined text parameter each) with what every code of the chunk shares. */
function insertCodesSql(count: number, spec: NewCodes, now: Date): Sql {
  const ids = uuidv7Batch(count, now.getTime()).join(",");
  const codes = generateCodes(count).join(",");
  return sql`INSERT INTO "InviteCode" ("id", "code", "waveId", "batchId", "issuerAccountId", "maxUses", "useCount", "expiresAt", "status", "createdAt")
     SELECT t.id, t.code, ${spec.waveId}::uuid, ${spec.batchId}::uuid, ${spec.issuerAccountId}, ${spec.maxUses}::int, 0, ${spec.expiresAt}::timestamptz, 'active', ${now}::timestamptz
       FROM unnest(string_to_array(${ids}, ',')::uuid[], string_to_array(${codes}, ',')) AS t(id, code)
     ON CONFLICT ("code") DO NOTHING`;
}

/** Records a new batch (status 'issuing', nothing issued yet) with its audit row. Codes follow in chunks. */
export async function createBatch(db: Database, raw: unknown, staff: StaffActor, now: Date) {
  const input = parseInput(IssueBatchInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const wave = await lockWave(tx, input.waveId);
    if (wave.status === "closed") {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "waveId: this wave is closed; open a new wave to issue more codes.",
        { field: "waveId" },
      );
    }
    const batch = await tx.inviteBatch.create({
      data: { waveId: wave.id, size: input.count, status: "issuing", createdById: staff.id, createdAt: now },
      select: { id: true },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "invite_batch.issue",
        subjectType: "invite_batch",
        subjectId: batch.id,
        details: { waveId: wave.id, count: input.count },
      },
      now,
    );
    return batch;
  });
}

export type ChunkResult =
  { state: "issued"; issuedCount: number; done: boolean } | { state: "contended" } | { state: "finished" };

class Overshoot extends Error {}

/**
 * Issues the next chunk of a batch. Chunks of one batch may run in parallel (several connections, several
 * processes): each inserts its codes without holding a lock, then advances issuedCount under the batch's row
 * lock only if the batch is still issuing and the total stays within its size; otherwise the chunk rolls back
 * ("contended") and the caller reads the batch again. Revoking or failing the batch meanwhile rolls it back too.
 */
export async function issueNextChunk(
  db: Database,
  batchId: string,
  now: Date,
  chunk = ISSUE_CHUNK,
  share = 1,
): Promise<ChunkResult> {
  try {
    return await db.prisma.$transaction(
      async (tx) => {
        const [batch] = await tx.$queryRaw<
          {
            size: number;
            issuedCount: number;
            status: string;
            waveId: string;
            usesPerCode: number;
            expiresAt: Date | null;
            waveStatus: string;
          }[]
        >`SELECT b."size", b."issuedCount", b."status"::text AS "status", b."waveId", w."usesPerCode", w."expiresAt", w."status"::text AS "waveStatus"
            FROM "InviteBatch" b JOIN "InviteWave" w ON w."id" = b."waveId"
           WHERE b."id" = ${batchId}::uuid`;
        if (!batch || batch.status !== "issuing") return { state: "finished" as const };
        if (batch.waveStatus === "closed") {
          await tx.inviteBatch.updateMany({
            where: { id: batchId, status: "issuing" },
            data: { status: "failed", failedReason: "The wave was closed while the batch was being issued." },
          });
          return { state: "finished" as const };
        }
        const remaining = batch.size - batch.issuedCount;
        // Near the end, parallel workers split what is left instead of all reaching for the same codes.
        const want = Math.min(chunk, Math.max(1, Math.ceil(remaining / share)), remaining);
        const written =
          want > 0
            ? await insertCodesCounted(
                tx,
                want,
                {
                  waveId: batch.waveId,
                  batchId,
                  issuerAccountId: null,
                  maxUses: batch.usesPerCode,
                  expiresAt: batch.expiresAt,
                },
                now,
              )
            : 0;
        const [after] = await tx.$queryRaw<{ issuedCount: number; size: number }[]>(
          sql`UPDATE "InviteBatch" SET "issuedCount" = "issuedCount" + ${written},
                  "status" = CASE WHEN "issuedCount" + ${written} >= "size" THEN 'complete'::"InviteBatchStatus" ELSE "status" END,
                  "completedAt" = CASE WHEN "issuedCount" + ${written} >= "size" THEN ${now}::timestamptz ELSE "completedAt" END
            WHERE "id" = ${batchId}::uuid AND "status" = 'issuing' AND "issuedCount" + ${written} <= "size"
           RETURNING "issuedCount", "size"`,
        );
        if (!after) throw new Overshoot();
        return { state: "issued" as const, issuedCount: after.issuedCount, done: after.issuedCount >= after.size };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (err instanceof Overshoot) return { state: "contended" };
    throw err;
  }
}

/** Parallel chunk writers per batch and process: PostgreSQL inserts from several connections at once. */
export const ISSUE_PARALLELISM = 3;

const running = new WeakMap<Database, Map<string, Promise<void>>>();

/** Issues a batch to the end, chunk by chunk; one run per batch per process. Returns when done or stopped. */
export function runBatch(
  db: Database,
  batchId: string,
  opts: { now: () => Date; log?: Logger; chunk?: number; parallel?: number; shouldStop?: () => boolean },
): Promise<void> {
  let mine = running.get(db);
  if (!mine) running.set(db, (mine = new Map()));
  const existing = mine.get(batchId);
  if (existing) return existing;
  const parallel = Math.max(1, opts.parallel ?? (db.kind === "postgresql" ? ISSUE_PARALLELISM : 1));
  const worker = async () => {
    for (;;) {
      if (opts.shouldStop?.()) return;
      const r = await issueNextChunk(db, batchId, opts.now(), opts.chunk, parallel);
      if (r.state === "finished" || (r.state === "issued" && r.done)) return;
    }
  };
  const loop = (async () => {
    try {
      await Promise.all(Array.from({ length: parallel }, worker));
    } catch (err) {
      // The batch stays 'issuing'; the worker picks it up again on its next pass.
      opts.log?.error({ err, batchId }, "issuing invite codes failed; will resume");
    } finally {
      mine.delete(batchId);
    }
  })();
  mine.set(batchId, loop);
  return loop;
}

/** Creates a batch and issues it: within the call when small, else in the background. */
export async function issueBatch(
  db: Database,
  raw: unknown,
  staff: StaffActor,
  opts: { now: () => Date; log?: Logger },
) {
  const { id } = await createBatch(db, raw, staff, opts.now());
  const batch = await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id }, select: { size: true } });
  const run = runBatch(db, id, opts);
  if (batch.size <= SYNC_ISSUE_LIMIT) await run;
  return getBatch(db, id);
}

export async function getBatch({ prisma: tx }: Database, batchId: string) {
  const batch = await tx.inviteBatch.findUnique({ where: { id: batchId }, select: BATCH_SELECT });
  if (!batch) throw new DomainError("NOT_FOUND", "Invite batch was not found.");
  return batchView(batch);
}
