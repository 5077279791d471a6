// Brute-force limits on staff sign-in. Failed sign-ins count in three scopes, each in a window that opens with
// its first counted failure and lasts `windowMinutes`:
//   account × IP address: a run that a success ends (`maxFailures`). A guesser on one address stops here, and
//     only that address is refused, so the person signing in from somewhere else is not locked out.
//   IP address: failures across all accounts (`maxFailuresPerIp`).
//   account: failures from every address (`maxFailuresPerAccount`, higher), and from `maxFailures` on a slow-down
//     of one attempt per `slowdownSeconds`, so a guess spread over many addresses is slow and bounded.
// An attempt reserves its place in all three counts before its password is checked, in one transaction of
// conditional upserts that each hold their row's lock until commit and are all rolled back when one count is
// full; so no number of concurrent attempts, on any number of server processes, passes a limit. A success
// gives its reservation back and ends its account × IP run.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import type { AuthConfig } from "../../config.ts";
import { DomainError, describeWait } from "../../lib/errors.ts";
import type { AuditEntry } from "../audit/audit-log.ts";
import { utc } from "../ingest/sql.ts";

export type LimitScope = "account_ip" | "ip" | "account";

interface Rule {
  scope: LimitScope;
  key: string;
  limit: number;
  /** from this many failures on, attempts are spaced `slowdownSeconds` apart */
  slowFrom: number;
}

export interface HeldCount {
  scope: LimitScope;
  key: string;
  limit: number;
  /** the count with this attempt in it */
  failures: number;
  windowStartedAt: Date;
}

export interface Reservation {
  counts: HeldCount[];
  windowMinutes: number;
}

// Locked in this order by every attempt, so two attempts never wait on each other's rows in a cycle.
function rulesFor(email: string, ip: string, auth: AuthConfig): Rule[] {
  return [
    { scope: "account_ip", key: `${email} ${ip}`, limit: auth.maxFailures, slowFrom: auth.maxFailures },
    { scope: "ip", key: ip, limit: auth.maxFailuresPerIp, slowFrom: auth.maxFailuresPerIp },
    { scope: "account", key: email, limit: auth.maxFailuresPerAccount, slowFrom: auth.maxFailures },
  ];
}

// Counts one more failure unless the count is full or slowed down and too soon; an expired window starts over.
// ON CONFLICT DO UPDATE locks the row whether or not its WHERE holds, until the transaction ends.
const RESERVE = `
  INSERT INTO "SignInLimit" AS l ("scope", "key", "failures", "windowStartedAt", "lastAttemptAt")
  VALUES ($1, $2, 1, ${utc("$3")}, ${utc("$3")})
  ON CONFLICT ("scope", "key") DO UPDATE SET
    "failures" = CASE WHEN l."windowStartedAt" <= ${utc("$4")} THEN 1 ELSE l."failures" + 1 END,
    "windowStartedAt" = CASE WHEN l."windowStartedAt" <= ${utc("$4")} THEN EXCLUDED."windowStartedAt" ELSE l."windowStartedAt" END,
    "lastAttemptAt" = EXCLUDED."lastAttemptAt"
  WHERE l."windowStartedAt" <= ${utc("$4")}
     OR (l."failures" < $5 AND (l."failures" < $6 OR l."lastAttemptAt" <= ${utc("$7")}))
  RETURNING "failures", "windowStartedAt" AT TIME ZONE 'UTC' AS "windowStartedAt"`;

const STATE = `
  SELECT "failures", "windowStartedAt" AT TIME ZONE 'UTC' AS "windowStartedAt", "lastAttemptAt" AT TIME ZONE 'UTC' AS "lastAttemptAt"
    FROM "SignInLimit" WHERE "scope" = $1 AND "key" = $2`;

type Why = LimitScope | "slowdown";

const MESSAGES: Record<Why, (wait: string) => string> = {
  account_ip: (wait) => `Too many failed sign-ins. Try again in ${wait}.`,
  ip: (wait) => `Too many failed sign-ins from your network. Try again in ${wait}.`,
  account: (wait) => `Too many failed sign-ins for this account. Try again in ${wait}.`,
  slowdown: (wait) => `This account has had many failed sign-ins, so attempts are spaced out. Try again in ${wait}.`,
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** How long a scope refuses attempts (0 = it does not), from its row as it stands. */
async function waitOf(tx: Tx, rule: Rule, now: Date, auth: AuthConfig): Promise<{ why: Why; seconds: number } | null> {
  const [row] = await tx.$queryRawUnsafe<{ failures: number; windowStartedAt: Date; lastAttemptAt: Date }[]>(STATE, rule.scope, rule.key);
  if (!row) return null;
  const windowMs = auth.windowMinutes * 60_000;
  const windowLeft = new Date(row.windowStartedAt).getTime() + windowMs - now.getTime();
  if (windowLeft <= 0) return null;
  if (row.failures >= rule.limit) return { why: rule.scope, seconds: seconds(Math.min(windowLeft, windowMs)) };
  const slowMs = auth.slowdownSeconds * 1000;
  const slowLeft = new Date(row.lastAttemptAt).getTime() + slowMs - now.getTime();
  if (row.failures >= rule.slowFrom && slowLeft > 0) return { why: "slowdown", seconds: seconds(Math.min(slowLeft, slowMs)) };
  return null;
}

/**
 * Reserves a failure in each scope for this attempt, before its password is checked; throws TOO_MANY_REQUESTS
 * (with the wait, and nothing reserved) when a scope is full. The caller settles the reservation: a success with
 * `releaseAfterSuccess`; a failure keeps it.
 */
export async function reserveSignInAttempt(db: Database, input: { email: string; ip: string; now: Date; auth: AuthConfig }): Promise<Reservation> {
  const { email, ip, now, auth } = input;
  const rules = rulesFor(email, ip, auth);
  const cutoff = new Date(now.getTime() - auth.windowMinutes * 60_000).toISOString();
  const slowCutoff = new Date(now.getTime() - auth.slowdownSeconds * 1000).toISOString();
  const counts = await db.prisma.$transaction(
    async (tx) => {
      const held: HeldCount[] = [];
      for (const [i, rule] of rules.entries()) {
        const [row] = await tx.$queryRawUnsafe<{ failures: number; windowStartedAt: Date }[]>(
          RESERVE,
          rule.scope,
          rule.key,
          now.toISOString(),
          cutoff,
          rule.limit,
          rule.slowFrom,
          slowCutoff,
        );
        if (!row) {
          // The scopes already reserved were below their limits; this one and those after it may not be.
          let longest: { why: Why; seconds: number } = { why: rule.scope, seconds: 1 };
          for (const later of rules.slice(i)) {
            const wait = await waitOf(tx, later, now, auth);
            if (wait && wait.seconds > longest.seconds) longest = wait;
          }
          throw new DomainError("TOO_MANY_REQUESTS", MESSAGES[longest.why](describeWait(longest.seconds)), { retryAfterSeconds: longest.seconds });
        }
        held.push({ scope: rule.scope, key: rule.key, limit: rule.limit, failures: Number(row.failures), windowStartedAt: new Date(row.windowStartedAt) });
      }
      return held;
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  return { counts, windowMinutes: auth.windowMinutes };
}

/** After a successful sign-in: its account × IP run ends, and it no longer counts against the address or account. */
export async function releaseAfterSuccess(tx: Tx, reservation: Reservation): Promise<void> {
  for (const held of reservation.counts) {
    if (held.scope === "account_ip") {
      await tx.signInLimit.deleteMany({ where: { scope: held.scope, key: held.key } });
    } else {
      await tx.signInLimit.updateMany({
        where: { scope: held.scope, key: held.key, windowStartedAt: held.windowStartedAt, failures: { gt: 0 } },
        data: { failures: { decrement: 1 } },
      });
    }
  }
}

/** Audit rows for the counts this failed attempt filled: each is a lockout until its window ends. */
export function lockoutAuditEntries(
  reservation: Reservation,
  attempt: { email: string; ip: string; userId: string | null; requestId: string },
): AuditEntry[] {
  return reservation.counts
    .filter((held) => held.failures === held.limit)
    .map((held) => ({
      actorType: "public" as const,
      action: "auth.sign_in_locked",
      subjectType: held.scope === "ip" ? null : "staff_user",
      subjectId: held.scope === "ip" ? null : attempt.userId,
      requestId: attempt.requestId,
      ip: attempt.ip,
      details: {
        scope: held.scope,
        ...(held.scope === "ip" ? {} : { email: attempt.email }),
        failures: held.failures,
        until: new Date(held.windowStartedAt.getTime() + reservation.windowMinutes * 60_000).toISOString(),
      },
    }));
}

/** Deletes counts whose window has ended: they would start over anyway. */
export async function pruneSignInLimits(tx: Tx, now: Date, auth: AuthConfig): Promise<number> {
  const { count } = await tx.signInLimit.deleteMany({ where: { windowStartedAt: { lte: new Date(now.getTime() - auth.windowMinutes * 60_000) } } });
  return count;
}
