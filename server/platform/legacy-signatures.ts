// Counting requests still signed with the retiring v1 scheme, per key, in the database (so every server process
// adds to one count), and reporting them in /healthz so operators can tell when to set
// VIGIL_PLATFORM_SIGNATURE_V1=refuse.
import type { Tx } from "../db/tx.ts";
import type { SignatureScheme } from "./signature.ts";
import { sql } from "../db/sql.ts";

export async function recordLegacySignature(
  tx: Tx,
  keyId: string,
  scheme: Exclude<SignatureScheme, "v2">,
  now: Date,
): Promise<void> {
  await tx.$executeRaw(
    sql`INSERT INTO "PlatformSignatureUse" ("keyId", "scheme", "requests", "firstAt", "lastAt")
     VALUES (${keyId}, ${scheme}, 1, ${now}::timestamptz, ${now}::timestamptz)
     ON CONFLICT ("keyId", "scheme") DO UPDATE
        SET "requests" = "PlatformSignatureUse"."requests" + 1, "lastAt" = GREATEST("PlatformSignatureUse"."lastAt", EXCLUDED."lastAt")`,
  );
}

export interface LegacySignatureReport {
  /** whether requests signed with v1 alone are accepted */
  v1: "accept" | "refuse";
  v1Requests: number;
  lastV1At: string | null;
}

export async function legacySignatureReport(tx: Tx, v1: "accept" | "refuse"): Promise<LegacySignatureReport> {
  const [row] = await tx.$queryRaw<{ requests: bigint | number | null; lastAt: Date | null }[]>(
    sql`SELECT coalesce(sum("requests"), 0)::bigint AS "requests", max("lastAt") AS "lastAt" FROM "PlatformSignatureUse" WHERE "scheme" = 'v1'`,
  );
  return { v1, v1Requests: Number(row?.requests ?? 0), lastV1At: row?.lastAt ? row.lastAt.toISOString() : null };
}
