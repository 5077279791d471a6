// A sliding window against guessing invite codes: refused redemptions are counted per account and per signing
// key, in the database so every app server shares the count. Successful redemptions are not counted, so honest
// traffic never spends the budget.
import type { Tx } from "../../db/tx.ts";
import { utc } from "../ingest/sql.ts";

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
export type RunQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export const prismaQuery =
  (tx: Tx): RunQuery =>
  <T>(sql: string, params: unknown[]) =>
    tx.$queryRawUnsafe<T[]>(sql, ...params);

export async function guessWaitSeconds(tx: Tx, scopes: { account: string; key: string }, limits: GuessLimits, now: Date): Promise<number> {
  return (await redeemPrecheck(prismaQuery(tx), scopes, limits, now)).waitSeconds;
}

/** The wait, and whether Vigil knows the account: one round trip before every redemption. */
export async function redeemPrecheck(
  run: RunQuery,
  scopes: { account: string; key: string },
  limits: GuessLimits,
  now: Date,
): Promise<{ waitSeconds: number; accountKnown: boolean }> {
  // Timestamps leave as timestamptz, so every driver reads them as the UTC instants they are.
  const [row] = await run<{ a: Date | null; k: Date | null; known: boolean }>(
    `SELECT ${guessWindowSql(1)}, EXISTS (SELECT 1 FROM "Account" WHERE "id" = $7) AS known`,
    [...guessWindowParams(scopes, limits, now), scopes.account],
  );
  return { waitSeconds: waitSeconds(row?.a, row?.k, limits, now), accountKnown: row?.known === true };
}

/** The parameters of guessWindowSql, from `first` on: account scope, its window start and offset; the same for the key. */
export function guessWindowParams(scopes: { account: string; key: string }, limits: GuessLimits, now: Date): unknown[] {
  return [
    accountScope(scopes.account),
    new Date(now.getTime() - limits.perAccount.windowSeconds * 1000).toISOString(),
    limits.perAccount.limit - 1,
    keyScope(scopes.key),
    new Date(now.getTime() - limits.perKey.windowSeconds * 1000).toISOString(),
    limits.perKey.limit - 1,
  ];
}

/** Two columns, a and k: the refusal whose leaving the window frees the account, resp. the key (null = not limited). */
export function guessWindowSql(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `(SELECT "at" AT TIME ZONE 'UTC' FROM "InviteRedeemFailure" WHERE "scope" = ${p(0)} AND "at" > ${utc(p(1))} ORDER BY "at" DESC OFFSET ${p(2)} LIMIT 1) AS a,
          (SELECT "at" AT TIME ZONE 'UTC' FROM "InviteRedeemFailure" WHERE "scope" = ${p(3)} AND "at" > ${utc(p(4))} ORDER BY "at" DESC OFFSET ${p(5)} LIMIT 1) AS k`;
}

export function waitSeconds(a: Date | null | undefined, k: Date | null | undefined, limits: GuessLimits, now: Date): number {
  const wait = (at: Date | null | undefined, w: WindowLimit) =>
    at ? Math.max(1, Math.ceil((new Date(at).getTime() + w.windowSeconds * 1000 - now.getTime()) / 1000)) : 0;
  return Math.max(wait(a, limits.perAccount), wait(k, limits.perKey));
}

export async function recordRedeemFailure(tx: Tx, scopes: { account: string; key: string }, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "InviteRedeemFailure" ("scope", "at") VALUES ($1, ${utc("$3")}), ($2, ${utc("$3")})`,
    accountScope(scopes.account),
    keyScope(scopes.key),
    now.toISOString(),
  );
}

export async function pruneRedeemFailures(tx: Tx, now: Date): Promise<number> {
  return tx.$executeRawUnsafe(`DELETE FROM "InviteRedeemFailure" WHERE "at" < ${utc("$1")}`, new Date(now.getTime() - KEEP_SECONDS * 1000).toISOString());
}
