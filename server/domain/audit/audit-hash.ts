// The hash of one audit row. Version 2 (every row written since the chain was keyed) is HMAC-SHA256 with the
// audit key, which lives outside the database: whoever can only write to the database cannot compute it, so an
// edited row cannot be hidden by recomputing the rows after it. Version 1 is the plain SHA-256 the log used
// before; it only verifies the rows written back then.
import crypto from "node:crypto";
import type { ActorType } from "../../db/generated/enums.ts";

export const GENESIS_HASH = "0".repeat(64);

export type AuditHashVersion = 1 | 2;
export const KEYED_HASH_VERSION = 2;

/** The fields a row's hash covers. */
export interface HashedAuditRow {
  at: Date;
  actorType: ActorType;
  actorId?: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  caseId?: string | null;
  batchId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

function rowBody(row: HashedAuditRow): string {
  return canonical({
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId ?? null,
    action: row.action,
    subjectType: row.subjectType ?? null,
    subjectId: row.subjectId ?? null,
    caseId: row.caseId ?? null,
    batchId: row.batchId ?? null,
    requestId: row.requestId ?? null,
    ip: row.ip ?? null,
    details: row.details ?? {},
  });
}

/** Version 1: unkeyed, for the rows written before the chain was keyed. */
export function legacyAuditHash(prevHash: string, row: HashedAuditRow): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(rowBody(row)).digest("hex");
}

/** Version 2: keyed with the audit key. */
export function auditHash(key: Buffer, prevHash: string, row: HashedAuditRow): string {
  return crypto
    .createHmac("sha256", key)
    .update("vigil-audit-v2\n")
    .update(prevHash)
    .update("\n")
    .update(rowBody(row))
    .digest("hex");
}

export function auditHashOf(version: number, key: Buffer, prevHash: string, row: HashedAuditRow): string | null {
  if (version === 1) return legacyAuditHash(prevHash, row);
  if (version === 2) return auditHash(key, prevHash, row);
  return null;
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
