// Append-only, tamper-evident audit log: every row's hash covers its content and the previous row's hash, keyed
// with the audit key (see audit-hash.ts), so an edited or deleted row breaks the chain and cannot be re-chained
// without the key; the database refuses UPDATE, DELETE and TRUNCATE on the table. Appends take a
// transaction-scoped advisory lock to keep the chain linear across server processes; call these inside the same
// transaction as the state change they record.
import type { Tx } from "../../db/tx.ts";
import {
  auditHash,
  auditHashOf,
  GENESIS_HASH,
  KEYED_HASH_VERSION,
  sameDigest,
  type HashedAuditRow,
} from "./audit-hash.ts";
import { auditSeal } from "./audit-seal.ts";
import { jsonRows, raw, sql } from "../../db/sql.ts";

export { GENESIS_HASH } from "./audit-hash.ts";

/** One audit row as a caller writes it; the time comes with the append. */
export type AuditEntry = Omit<HashedAuditRow, "at">;

const AUDIT_CHAIN_LOCK = 7_326_002;

export async function appendAudit(tx: Tx, entries: AuditEntry | AuditEntry[], at: Date = new Date()): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const { key } = auditSeal();
  await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = list.map((entry) => {
    const hash = auditHash(key, prevHash, { ...entry, at });
    const row = {
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      caseId: entry.caseId ?? null,
      batchId: entry.batchId ?? null,
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
      prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  // One statement with one JSON parameter: much faster than Prisma's createMany for the thousands of rows a
  // batch ingest or a bulk decision writes.
  for (let i = 0; i < rows.length; i += 5_000) {
    await tx.$executeRaw(
      sql`INSERT INTO "AuditLog" ("at", "actorType", "actorId", "action", "subjectType", "subjectId", "caseId", "batchId",
                               "requestId", "ip", "details", "prevHash", "hash", "hashVersion")
       SELECT ${at}::timestamptz, x."actorType"::"ActorType", x."actorId"::uuid, x."action", x."subjectType",
              x."subjectId", x."caseId"::uuid, x."batchId"::uuid, x."requestId", x."ip", x."details", x."prevHash", x."hash",
              ${raw(String(KEYED_HASH_VERSION))}
         FROM ROWS FROM (jsonb_to_recordset(${jsonRows(rows.slice(i, i + 5_000))}) AS ("actorType" text, "actorId" text, "action" text,
              "subjectType" text, "subjectId" text, "caseId" text, "batchId" text, "requestId" text, "ip" text,
              "details" jsonb, "prevHash" text, "hash" text)) WITH ORDINALITY AS x
        ORDER BY x."ordinality"`,
    );
  }
}

/** A row of the chain by its sequence number (the row id) and hash; seq 0 is the empty log. */
export interface ChainPoint {
  seq: bigint;
  hash: string;
}

export const EMPTY_CHAIN: ChainPoint = { seq: 0n, hash: GENESIS_HASH };

export type ChainProblem =
  /** the row's hash does not match its content */
  | "content_changed"
  /** the row does not link to the row before it: a row was removed or inserted */
  | "link_broken"
  /** an unkeyed row where only keyed ones may be */
  | "unkeyed_row"
  /** the checkpointed row is gone: the newest rows were deleted */
  | "checkpoint_row_missing"
  /** the checkpointed row has another hash: the chain was rewritten */
  | "checkpoint_hash_differs"
  /** the checkpoint file is not signed with the audit key */
  | "checkpoint_invalid";

export interface ChainCheck {
  ok: boolean;
  /** rows whose hash was recomputed */
  checked: number;
  /** the newest row reached while the chain held */
  head: ChainPoint;
  /** the first row that does not hold */
  brokenAtId?: bigint;
  problem?: ChainProblem;
}

export interface ChainWalk {
  /** default: this process's audit key */
  key?: Buffer;
  /** start after this row, which must still be in the log with this hash (the last checkpoint) */
  after?: ChainPoint;
  /** a row the chain must contain with this hash (the checkpoint a walk from the first row is held against) */
  mustContain?: ChainPoint;
  /** the last unkeyed row, fixed by the first checkpoint: every later row must be keyed */
  legacyThrough?: bigint | null;
  pageSize?: number;
}

/** Walks the chain in id order, from the first row or from a checkpoint; reads in pages so large logs fit. */
export async function verifyAuditChain(tx: Tx, walk: ChainWalk = {}): Promise<ChainCheck> {
  const key = walk.key ?? auditSeal().key;
  const pageSize = walk.pageSize ?? 2_000;
  const must = walk.mustContain && walk.mustContain.seq > 0n ? walk.mustContain : null;
  let head = EMPTY_CHAIN;
  let checked = 0;
  let keyedSeen = false;
  let metCheckpoint = false;
  const broken = (id: bigint, problem: ChainProblem): ChainCheck => ({
    ok: false,
    checked,
    head,
    brokenAtId: id,
    problem,
  });

  if (walk.after && walk.after.seq > 0n) {
    const anchor = await tx.auditLog.findUnique({
      where: { id: walk.after.seq },
      select: { hash: true, hashVersion: true },
    });
    if (!anchor) return broken(walk.after.seq, "checkpoint_row_missing");
    if (!sameDigest(anchor.hash, walk.after.hash)) return broken(walk.after.seq, "checkpoint_hash_differs");
    head = walk.after;
    keyedSeen = anchor.hashVersion === KEYED_HASH_VERSION;
  }
  for (;;) {
    const rows = await tx.auditLog.findMany({
      where: { id: { gt: head.seq } },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (must && !metCheckpoint && row.id > must.seq) return broken(must.seq, "checkpoint_row_missing");
      const unkeyedTooLate = keyedSeen || (walk.legacyThrough != null && row.id > walk.legacyThrough);
      if (row.hashVersion !== KEYED_HASH_VERSION && unkeyedTooLate) return broken(row.id, "unkeyed_row");
      if (row.prevHash !== head.hash) return broken(row.id, "link_broken");
      const expected = auditHashOf(row.hashVersion, key, head.hash, {
        ...row,
        details: row.details as Record<string, unknown>,
      });
      if (!expected || !sameDigest(row.hash, expected)) return broken(row.id, "content_changed");
      if (must && row.id === must.seq) {
        if (!sameDigest(row.hash, must.hash)) return broken(row.id, "checkpoint_hash_differs");
        metCheckpoint = true;
      }
      keyedSeen ||= row.hashVersion === KEYED_HASH_VERSION;
      head = { seq: row.id, hash: row.hash };
      checked++;
    }
  }
  if (must && !metCheckpoint) return broken(must.seq, "checkpoint_row_missing");
  return { ok: true, checked, head };
}
