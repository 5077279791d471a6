// Brute-force limits on staff sign-in. Failed sign-ins count in three scopes, each in a window that opens with
// its first counted failure and lasts `windowMinutes`:
//   account × IP address: a run that a success ends (`maxFailures`). A guesser on one address stops here, and
//     only that address is refused, so the person signing in from somewhere else is not locked out.
//   IP address: failures across all accounts (`maxFailuresPerIp`).
//   account: failures from every address (`maxFailuresPerAccount`, higher), and from `maxFailures` on a slow-down
//     of one attempt per `slowdownSeconds`, so a guess spread over many addresses is slow and bounded.
// An attempt reserves its place in all three counts before its password is checked, in one statement of
// conditional upserts that each lock their row, rolled back together when one count refuses (sign_in_reserve,
// migration 0014); so no number of concurrent attempts, on any number of server processes, passes a limit. A
// success gives its reservation back and ends its account × IP run.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import type { AuthConfig } from "../../config.ts";
import { DomainError, describeWait } from "../../lib/errors.ts";
import type { AuditEntry } from "../audit/audit-log.ts";
import { sql } from "../../db/sql.ts";

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

// sign_in_reserve (migration 0014) takes the attempt in every count or in none, in one statement.
const reserve = (rules: Rule[], now: Date, windowStart: Date, slowStart: Date) => sql`
  SELECT "scope", "reserved", "failures", "windowStartedAt", "lastAttemptAt"
    FROM "sign_in_reserve"(${JSON.stringify(rules)}::jsonb, ${now}::timestamptz, ${windowStart}::timestamptz, ${slowStart}::timestamptz)`;

interface CountRow {
  scope: LimitScope;
  reserved: boolean;
  failures: number;
  windowStartedAt: Date;
  lastAttemptAt: Date;
}

type Why = LimitScope | "slowdown";

const MESSAGES: Record<Why, (wait: string) => string> = {
  account_ip: (wait) => `Too many failed sign-ins. Try again in ${wait}.`,
  ip: (wait) => `Too many failed sign-ins from your network. Try again in ${wait}.`,
  account: (wait) => `Too many failed sign-ins for this account. Try again in ${wait}.`,
  slowdown: (wait) => `This account has had many failed sign-ins, so attempts are spaced out. Try again in ${wait}.`,
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** How long a count refuses attempts, or null when it does not. */
function waitOf(row: CountRow, rule: Rule, now: Date, auth: AuthConfig): { why: Why; seconds: number } | null {
  const windowMs = auth.windowMinutes * 60_000;
  const windowLeft = new Date(row.windowStartedAt).getTime() + windowMs - now.getTime();
  if (windowLeft <= 0) return null;
  if (row.failures >= rule.limit) return { why: rule.scope, seconds: seconds(Math.min(windowLeft, windowMs)) };
  const slowMs = auth.slowdownSeconds * 1000;
  const slowLeft = new Date(row.lastAttemptAt).getTime() + slowMs - now.getTime();
  if (row.failures >= rule.slowFrom && slowLeft > 0)
    return { why: "slowdown", seconds: seconds(Math.min(slowLeft, slowMs)) };
  return null;
}

/**
 * Reserves a failure in each count for this attempt, before its password is checked; throws TOO_MANY_REQUESTS
 * (with the longest wait, and nothing reserved) when a count refuses it. The caller settles the reservation: a
 * success with `releaseAfterSuccess`; a failure keeps it.
 */
export async function reserveSignInAttempt(
  db: Database,
  input: { email: string; ip: string; now: Date; auth: AuthConfig },
): Promise<Reservation> {
  const { email, ip, now, auth } = input;
  const rules = rulesFor(email, ip, auth);
  const rows = await db.prisma.$queryRaw<CountRow[]>(
    reserve(
      rules,
      now,
      new Date(now.getTime() - auth.windowMinutes * 60_000),
      new Date(now.getTime() - auth.slowdownSeconds * 1000),
    ),
  );
  const rowOf = (rule: Rule) => rows.find((r) => r.scope === rule.scope);
  if (rows.length === rules.length && rows.every((r) => r.reserved)) {
    const counts = rules.map((rule) => {
      const row = rowOf(rule)!;
      return {
        scope: rule.scope,
        key: rule.key,
        limit: rule.limit,
        failures: Number(row.failures),
        windowStartedAt: new Date(row.windowStartedAt),
      };
    });
    return { counts, windowMinutes: auth.windowMinutes };
  }
  let longest: { why: Why; seconds: number } = { why: "account_ip", seconds: 1 };
  for (const rule of rules) {
    const row = rowOf(rule);
    const wait = row ? waitOf({ ...row, failures: Number(row.failures) }, rule, now, auth) : null;
    if (wait && wait.seconds > longest.seconds) longest = wait;
  }
  throw new DomainError("TOO_MANY_REQUESTS", MESSAGES[longest.why](describeWait(longest.seconds)), {
    retryAfterSeconds: longest.seconds,
  });
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
  const { count } = await tx.signInLimit.deleteMany({
    where: { windowStartedAt: { lte: new Date(now.getTime() - auth.windowMinutes * 60_000) } },
  });
  return count;
}
