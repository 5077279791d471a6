// The audit key tests run with, and a way to tamper with the audit log as a superuser could.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../server/db/client.ts";
import { setAuditSeal } from "../../server/domain/audit/audit-seal.ts";

export const TEST_AUDIT_KEY_HEX = "49d52903c43dfbc2ec05d864393595339f5d4dfde04f6b5ba203e551910e6f81";
export const TEST_AUDIT_KEY = Buffer.from(TEST_AUDIT_KEY_HEX, "hex");

/** Every test process keys the audit chain with the test key; `checkpointFile` for tests of the checkpoint. */
export function useTestAuditSeal(checkpointFile: string | null = null): void {
  setAuditSeal({ key: TEST_AUDIT_KEY, checkpointFile });
}

/** A checkpoint file path in a fresh temporary folder, and a way to remove the folder. */
export function temporaryCheckpointFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-audit-"));
  return {
    file: path.join(dir, "audit-checkpoint.json"),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `change` with the append-only trigger disabled, as a superuser or the table's owner could: the chain, not
 * the trigger, must then reveal the change.
 */
export async function tamperWithAuditLog<T>(db: Database, change: () => Promise<T>): Promise<T> {
  await db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`);
  try {
    return await change();
  } finally {
    await db.sql.exec(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`);
  }
}
