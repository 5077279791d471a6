// Staff sign-in: brute-force limits (sign-in-limits.ts), password check, session creation, audit.
import type { Database } from "../../db/client.ts";
import type { AuthConfig } from "../../config.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import { createSession } from "./sessions.ts";
import { lockoutAuditEntries, releaseAfterSuccess, reserveSignInAttempt } from "./sign-in-limits.ts";
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

export async function signIn(db: Database, input: SignInInput) {
  const email = normalizeEmail(input.email);
  // Refused here, before the password is looked at, when a limit is reached: the answer cannot tell whether it was right.
  const reservation = await reserveSignInAttempt(db, { email, ip: input.ip, now: input.now, auth: input.auth });
  const user = await db.prisma.staffUser.findUnique({ where: { email } });
  // Compare against a decoy when there is no such user, so response time does not reveal staff emails.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  const passwordAccepted = !!user && passwordOk && !user.disabledAt;

  // Outcomes queue on the audit chain: a burst of them (as many as the limits let through) waits rather than fails.
  return db.prisma.$transaction(
    async (tx) => {
      // A right password without a code records nothing: it is not a success (that would reset the run of failures
      // for someone guessing codes), and a wrong code counts as a failure like a wrong password.
      const secondFactor =
        passwordAccepted && user ? await checkSignInSecondFactor(tx, user.id, input.code, input.now) : null;
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
              reason: !user
                ? "unknown_email"
                : user.disabledAt
                  ? "disabled"
                  : passwordOk
                    ? "wrong_second_factor"
                    : "wrong_password",
            },
          },
          input.now,
        );
        await appendAudit(
          tx,
          lockoutAuditEntries(reservation, {
            email,
            ip: input.ip,
            userId: user?.id ?? null,
            requestId: input.requestId,
          }),
          input.now,
        );
        return { ok: false as const, secondFactorRejected: secondFactor?.outcome === "rejected" };
      }
      await releaseAfterSuccess(tx, reservation);
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
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}
