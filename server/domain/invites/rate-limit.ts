// A sliding window against guessing invite codes: refused redemptions are counted per account and per signing
// key, in the database so every app server shares the count. Successful redemptions are not counted, so honest
// traffic never spends the budget.
import type { Tx } from "../../db/tx.ts";
import { sql, type Sql } from "../../db/sql.ts";

export interface WindowLimit {
  limit: number;
  windowSeconds: number;
}

export interface GuessLimits {
  perAccount: WindowLimit;
  /** the platform signs every user's redemption with its key, so this one is much larger */
  perKey: WindowLimit;
}

export const DEFAULT_GUESS_LIMITS: GuessLimits = {
  perAccount: { limit: 10, windowSeconds: 60 * 60 },
  perKey: { limit: 3_000, windowSeconds: 10 * 60 },
};

/** Refusals older than this are no longer in any window. */
const KEEP_SECONDS = 24 * 60 * 60;

export const accountScope = (accountId: string) => `account:${accountId}`;
export const keyScope = (keyId: string) => `key:${keyId}`;

/**
 * Seconds until the caller may try again (0 = now). A scope is over its limit when its `limit`-th most recent
 * refusal is still inside the window; the wait ends when that refusal leaves it.
 */
/** Runs one SQL statement and returns its rows: Prisma, or on PostgreSQL the pool itself for the hot path. */
export type RunQuery = <T>(statement: Sql) => Promise<T[]>;

export const prismaQuery =
  (tx: Tx): RunQuery =>
  <T>(statement: Sql) =>
    tx.$queryRaw<T[]>(statement);

export async function guessWaitSeconds(
  tx: Tx,
  scopes: { account: string; key: string },
  limits: GuessLimits,
  now: Date,
): Promise<number> {
  return (await redeemPrecheck(prismaQuery(tx), scopes, limits, now)).waitSeconds;
}

/** The wait, and whether Vigil knows the account: one round trip before every redemption. */
export async function redeemPrecheck(
  run: RunQuery,
  scopes: { account: string; key: string },
  limits: GuessLimits,
  now: Date,
): Promise<{ waitSeconds: number; accountKnown: boolean }> {
  const [row] = await run<{ a: Date | null; k: Date | null; known: boolean }>(
    sql`SELECT ${guessWindowSql(scopes, limits, now)}, EXISTS (SELECT 1 FROM "Account" WHERE "id" = ${scopes.account}) AS known`,
  );
  return { waitSeconds: waitSeconds(row?.a, row?.k, limits, now), accountKnown: row?.known === true };
}

/** Two columns, a and k: the refusal whose leaving the window frees the account, resp. the key (null = not limited). */
export function guessWindowSql(scopes: { account: string; key: string }, limits: GuessLimits, now: Date): Sql {
  const limitingRefusal = (scope: string, limit: WindowLimit) =>
    sql`(SELECT "at" FROM "InviteRedeemFailure" WHERE "scope" = ${scope} AND "at" > ${new Date(now.getTime() - limit.windowSeconds * 1000)}::timestamptz
          ORDER BY "at" DESC OFFSET ${limit.limit - 1} LIMIT 1)`;
  return sql`${limitingRefusal(accountScope(scopes.account), limits.perAccount)} AS a,
          ${limitingRefusal(keyScope(scopes.key), limits.perKey)} AS k`;
}

export function waitSeconds(
  a: Date | null | undefined,
  k: Date | null | undefined,
  limits: GuessLimits,
  now: Date,
): number {
  const wait = (at: Date | null | undefined, w: WindowLimit) =>
    at ? Math.max(1, Math.ceil((new Date(at).getTime() + w.windowSeconds * 1000 - now.getTime()) / 1000)) : 0;
  return Math.max(wait(a, limits.perAccount), wait(k, limits.perKey));
}

export async function recordRedeemFailure(tx: Tx, scopes: { account: string; key: string }, now: Date): Promise<void> {
  await tx.$executeRaw(
    sql`INSERT INTO "InviteRedeemFailure" ("scope", "at") VALUES (${accountScope(scopes.account)}, ${now}::timestamptz), (${keyScope(scopes.key)}, ${now}::timestamptz)`,
  );
}

export async function pruneRedeemFailures(tx: Tx, now: Date): Promise<number> {
  return tx.$executeRaw(
    sql`DELETE FROM "InviteRedeemFailure" WHERE "at" < ${new Date(now.getTime() - KEEP_SECONDS * 1000)}::timestamptz`,
  );
}
