// Staff sign-in: password check, brute-force limits per account and per IP, session creation, audit.
import type { Database } from "../../db/client.ts";
import type { AuthConfig } from "../../config.ts";
import { DomainError, describeWait } from "../../lib/errors.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import { createSession } from "./sessions.ts";
import { checkSignInSecondFactor } from "./second-factor.ts";

export interface SignInInput {
  email: string;
  password: string;
  /** the second factor's code, for accounts that have one */
  code?: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
  now: Date;
  auth: AuthConfig;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Seconds until another attempt is allowed, or 0. Counts failures inside the window that came after the
 * account's last success ("in a row"); the wait ends when the oldest counted failure leaves the window.
 */
async function lockoutSeconds(db: Database, email: string, ip: string, now: Date, auth: AuthConfig): Promise<number> {
  const windowStart = new Date(now.getTime() - auth.windowMinutes * 60_000);
  const lastSuccess = await db.prisma.signInAttempt.findFirst({
    where: { email, succeeded: true, createdAt: { gte: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
  const waitFor = async (where: { email?: string; ip?: string }, limit: number, from: Date) => {
    const failures = await db.prisma.signInAttempt.findMany({
      where: { ...where, succeeded: false, createdAt: { gt: from } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    });
    if (failures.length < limit) return 0;
    const oldest = failures[failures.length - 1]!.createdAt;
    return Math.max(1, Math.ceil((oldest.getTime() + auth.windowMinutes * 60_000 - now.getTime()) / 1000));
  };
  const [byAccount, byIp] = await Promise.all([
    waitFor({ email }, auth.maxFailures, since),
    waitFor({ ip }, auth.maxFailuresPerIp, windowStart),
  ]);
  return Math.max(byAccount, byIp);
}

export async function signIn(db: Database, input: SignInInput) {
  const email = normalizeEmail(input.email);
  const wait = await lockoutSeconds(db, email, input.ip, input.now, input.auth);
  if (wait > 0) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `Too many failed sign-ins. Try again in ${describeWait(wait)}.`,
      { retryAfterSeconds: wait },
    );
  }
  const user = await db.prisma.staffUser.findUnique({ where: { email } });
  // Compare against a decoy when there is no such user, so response time does not reveal staff emails.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  const passwordAccepted = !!user && passwordOk && !user.disabledAt;

  return db.prisma.$transaction(async (tx) => {
    // A right password without a code records nothing: it is not a success (that would reset the run of failures
    // for someone guessing codes), and a wrong code counts as a failure like a wrong password.
    const secondFactor = passwordAccepted && user ? await checkSignInSecondFactor(tx, user.id, input.code, input.now) : null;
    if (secondFactor?.outcome === "required") return { ok: false as const, secondFactorRequired: true as const };
    const succeeded = passwordAccepted && secondFactor?.outcome !== "rejected";
    await tx.signInAttempt.create({ data: { email, ip: input.ip, succeeded, createdAt: input.now } });
    if (!succeeded || !user) {
      await appendAudit(
        tx,
        {
          actorType: "public",
          action: "auth.sign_in_failed",
          subjectType: "staff_user",
          subjectId: user?.id ?? null,
          requestId: input.requestId,
          ip: input.ip,
          details: {
            email,
            reason: !user ? "unknown_email" : user.disabledAt ? "disabled" : passwordOk ? "wrong_second_factor" : "wrong_password",
          },
        },
        input.now,
      );
      return { ok: false as const, secondFactorRejected: secondFactor?.outcome === "rejected" };
    }
    const session = await createSession(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      now: input.now,
      auth: input.auth,
    });
    await tx.staffUser.update({ where: { id: user.id }, data: { lastSignInAt: input.now } });
    await appendAudit(
      tx,
      {
        actorType: "staff",
        actorId: user.id,
        action: "auth.sign_in",
        subjectType: "staff_user",
        subjectId: user.id,
        requestId: input.requestId,
        ip: input.ip,
        details: secondFactor?.outcome === "accepted" ? { secondFactor: secondFactor.method } : undefined,
      },
      input.now,
    );
    return {
      ok: true as const,
      token: session.token,
      expiresAt: session.expiresAt,
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    };
  });
}
