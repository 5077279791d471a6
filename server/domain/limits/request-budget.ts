// Token buckets kept in the database, so a budget holds however many requests arrive at once and on however many
// server processes. A request takes its token in one statement: the upsert locks the scope's row and checks the
// refilled balance against the newest committed value, so two concurrent requests can never both take the last
// token.
import type { Tx } from "../../db/tx.ts";
import { sql } from "../../db/sql.ts";

export interface BucketPolicy {
  /** tokens added per minute, continuously */
  perMinute: number;
  /** the most tokens the bucket holds: how many requests may come at once */
  burst: number;
}

export type TokenOutcome = { ok: true; left: number } | { ok: false; retryAfterSeconds: number };

// The balance a row would have now: what it held plus the refill since, up to the burst. A clock that steps back
// adds nothing.
const refilled = (now: Date, burst: number, perSecond: number) =>
  sql`LEAST(${burst}::float8, b."tokens" + GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamptz - b."refilledAt"))::float8) * ${perSecond}::float8)`;

export async function takeToken(tx: Tx, scope: string, policy: BucketPolicy, now: Date): Promise<TokenOutcome> {
  const perSecond = policy.perMinute / 60;
  const refilledNow = refilled(now, policy.burst, perSecond);
  const [row] = await tx.$queryRaw<{ left: number | null; before: number | null }[]>(
    sql`WITH taken AS (
       INSERT INTO "RequestBudget" AS b ("scope", "tokens", "refilledAt")
       VALUES (${scope}, ${policy.burst}::float8 - 1, ${now}::timestamptz)
       ON CONFLICT ("scope") DO UPDATE
          SET "tokens" = ${refilledNow} - 1, "refilledAt" = GREATEST(b."refilledAt", ${now}::timestamptz)
        WHERE ${refilledNow} >= 1
       RETURNING b."tokens"
     )
     SELECT (SELECT "tokens" FROM taken) AS "left",
            (SELECT ${refilledNow} FROM "RequestBudget" b WHERE b."scope" = ${scope}) AS "before"`,
  );
  if (row?.left !== null && row?.left !== undefined) return { ok: true, left: Number(row.left) };
  // The balance read beside the refused upsert may predate a concurrent taker; it only sizes the wait.
  const balance = Math.min(Number(row?.before ?? 0), 1);
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - balance) / perSecond)) };
}
