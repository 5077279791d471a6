// What seals this process's audit log: the key the chain is keyed with and the file its head is checkpointed to,
// both outside the database. On the embedded database without VIGIL_AUDIT_KEY a key is created once in the data
// folder (as the demo platform key is); on PostgreSQL the key must be configured, because a key kept beside the
// database would not stop whoever holds the database.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { AuditConfig } from "../../config.ts";
import type { DatabaseTarget } from "../../db/client.ts";

export const AUDIT_KEY_FILE = "audit-key.txt";
export const AUDIT_CHECKPOINT_FILE = "audit-checkpoint.json";
const MIN_KEY_BYTES = 32;

export interface AuditSeal {
  key: Buffer;
  /** where the chain head is checkpointed; null for an in-memory database, which has nothing to outlive */
  checkpointFile: string | null;
}

/**
 * A key of at least 32 bytes: 64 or more hex digits and base64 of 32 or more bytes are decoded, any other
 * string of at least 32 characters is used as it is. The message never repeats the value.
 */
export function parseAuditKey(value: string): Buffer {
  const v = value.trim();
  if (/^(?:[0-9a-f]{2}){32,}$/i.test(v)) return Buffer.from(v, "hex");
  if (v.length >= 44 && v.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(v)) {
    const bytes = Buffer.from(v, "base64");
    if (bytes.length >= MIN_KEY_BYTES) return bytes;
  }
  if ([...v].length >= MIN_KEY_BYTES) return Buffer.from(v, "utf8");
  throw new Error(
    `must be at least ${MIN_KEY_BYTES} characters, or hex or base64 of at least ${MIN_KEY_BYTES} bytes (for example \`openssl rand -hex 32\`)`,
  );
}

export interface ResolvedAuditSeal extends AuditSeal {
  /** set when the key was created or read from the data folder */
  keyFile: string | null;
}

export function resolveAuditSeal(audit: AuditConfig, database: DatabaseTarget): ResolvedAuditSeal {
  if (database.kind === "postgresql") {
    if (!audit.key) {
      throw new Error(
        "Invalid configuration:\n  VIGIL_AUDIT_KEY: must be set on PostgreSQL. The audit chain is keyed with a secret kept outside the database, " +
          "so that whoever can write to the database cannot rewrite it unnoticed (at least 32 characters, or `openssl rand -hex 32`).",
      );
    }
    return {
      key: audit.key,
      checkpointFile: audit.checkpointFile ?? path.join(audit.dataDir, AUDIT_CHECKPOINT_FILE),
      keyFile: null,
    };
  }
  if (!database.dataDir) {
    return { key: audit.key ?? crypto.randomBytes(MIN_KEY_BYTES), checkpointFile: audit.checkpointFile, keyFile: null };
  }
  const checkpointFile = audit.checkpointFile ?? path.join(database.dataDir, AUDIT_CHECKPOINT_FILE);
  if (audit.key) return { key: audit.key, checkpointFile, keyFile: null };
  const keyFile = path.join(database.dataDir, AUDIT_KEY_FILE);
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(database.dataDir, { recursive: true });
    try {
      // never over an existing key: rows keyed with it would no longer verify
      fs.writeFileSync(keyFile, `${crypto.randomBytes(MIN_KEY_BYTES).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  try {
    return { key: parseAuditKey(fs.readFileSync(keyFile, "utf8")), checkpointFile, keyFile };
  } catch (err) {
    throw new Error(`The audit key in the data folder (${AUDIT_KEY_FILE}) ${(err as Error).message}`, { cause: err });
  }
}

let processSeal: AuditSeal | null = null;

/** Set once at start-up (server, scripts, test setup); every audit append of the process uses it. */
export function setAuditSeal(seal: AuditSeal): void {
  processSeal = { key: seal.key, checkpointFile: seal.checkpointFile };
}

export function auditSeal(): AuditSeal {
  if (!processSeal)
    throw new Error(
      "The audit key is not configured: resolve the audit seal at start-up before writing to the audit log.",
    );
  return processSeal;
}
