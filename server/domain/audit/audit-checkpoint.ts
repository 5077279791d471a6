// The chain head written outside the database: the newest row's sequence number and hash, signed with the audit
// key. Whoever holds only the database can neither delete rows up to it nor rewrite the chain without the
// checkpointed row going missing or changing its hash, and cannot forge a checkpoint that would hide it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { canonical, sameDigest } from "./audit-hash.ts";
import type { ChainPoint } from "./audit-log.ts";

const FORMAT = "vigil-audit-checkpoint-1";

export interface AuditCheckpoint extends ChainPoint {
  at: Date;
  /** the last row written before the chain was keyed (0: none); every later row must be keyed */
  legacyThrough: bigint;
}

export type CheckpointRead =
  { state: "missing" } | { state: "invalid" } | { state: "valid"; checkpoint: AuditCheckpoint };

function signedFields(c: AuditCheckpoint) {
  return {
    format: FORMAT,
    seq: c.seq.toString(),
    hash: c.hash,
    at: c.at.toISOString(),
    legacyThrough: c.legacyThrough.toString(),
  };
}

function mac(key: Buffer, fields: ReturnType<typeof signedFields>): string {
  return crypto.createHmac("sha256", key).update("vigil-audit-checkpoint\n").update(canonical(fields)).digest("hex");
}

export function readAuditCheckpoint(file: string, key: Buffer): CheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const { format, seq, hash, at, legacyThrough } = parsed;
    if (
      format !== FORMAT ||
      typeof seq !== "string" ||
      !/^\d+$/.test(seq) ||
      typeof hash !== "string" ||
      !/^[0-9a-f]{64}$/.test(hash)
    )
      return { state: "invalid" };
    if (
      typeof at !== "string" ||
      Number.isNaN(Date.parse(at)) ||
      typeof legacyThrough !== "string" ||
      !/^\d+$/.test(legacyThrough)
    )
      return { state: "invalid" };
    const checkpoint: AuditCheckpoint = {
      seq: BigInt(seq),
      hash,
      at: new Date(at),
      legacyThrough: BigInt(legacyThrough),
    };
    if (typeof parsed.mac !== "string" || !sameDigest(parsed.mac, mac(key, signedFields(checkpoint))))
      return { state: "invalid" };
    return { state: "valid", checkpoint };
  } catch {
    return { state: "invalid" };
  }
}

/** Written to a temporary file beside it and renamed over it, so a crash leaves the old checkpoint or the new one. */
export function writeAuditCheckpoint(file: string, key: Buffer, checkpoint: AuditCheckpoint): void {
  const fields = signedFields(checkpoint);
  const body = `${JSON.stringify({ ...fields, mac: mac(key, fields) }, null, 2)}\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
