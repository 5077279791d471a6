// The second factor of staff sign-in: enrolling an authenticator app (TOTP) with recovery codes, turning it off,
// and checking a code at sign-in. Every accepted code is used up: a TOTP step once, a recovery code once.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import type { AuthConfig } from "../../config.ts";
import type { StaffRole } from "../../db/generated/enums.ts";
import { DomainError } from "../../lib/errors.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { verifyPassword } from "./password.ts";
import { requiresSecondFactor } from "./restrictions.ts";
import { countUnusedRecoveryCodes, issueRecoveryCodes, useRecoveryCode } from "./recovery-codes.ts";
import { isTotpCode, matchTotpStep, newTotpSecret, totpEnrolment } from "./totp.ts";

type Actor = Pick<AuditEntry, "actorType" | "actorId" | "requestId" | "ip">;
export type SecondFactorMethod = "totp" | "recovery_code";

// An enrolment nobody confirmed is abandoned; its secret was on a screen and should not linger.
const ENROLMENT_MINUTES = 15;

const audit = (tx: Tx, actor: Actor, userId: string, action: string, now: Date, details?: Record<string, unknown>) =>
  appendAudit(tx, { ...actor, action, subjectType: "staff_user", subjectId: userId, details }, now);

export async function secondFactorStatus(db: Database, user: { id: string; role: StaffRole }, auth: AuthConfig) {
  const factor = await db.prisma.staffSecondFactor.findUnique({
    where: { userId: user.id },
    select: { confirmedAt: true },
  });
  const enabledAt = factor?.confirmedAt ?? null;
  return {
    enabled: !!enabledAt,
    enabledAt,
    recoveryCodesLeft: enabledAt ? await countUnusedRecoveryCodes(db.prisma, user.id) : 0,
    required: requiresSecondFactor(user.role, auth),
  };
}

/** A new secret for the person's authenticator app: shown now, as text and as a QR code, and never again. */
export async function beginSecondFactorEnrolment(
  db: Database,
  user: { id: string; email: string },
  actor: Actor,
  now: Date,
) {
  const secret = newTotpSecret();
  await db.prisma.$transaction(async (tx) => {
    const existing = await tx.staffSecondFactor.findUnique({
      where: { userId: user.id },
      select: { confirmedAt: true },
    });
    if (existing?.confirmedAt) {
      throw new DomainError(
        "CONFLICT",
        "Two-factor sign-in is already on. Turn it off first to move to another authenticator.",
      );
    }
    await tx.staffSecondFactor.upsert({
      where: { userId: user.id },
      create: { userId: user.id, secret, createdAt: now },
      update: { secret, createdAt: now, confirmedAt: null, lastUsedStep: null },
    });
    await audit(tx, actor, user.id, "auth.second_factor_enrolment_started", now);
  });
  const { uri, qrDataUrl } = await totpEnrolment(secret, user.email);
  return { secret, uri, qrDataUrl, expiresAt: new Date(now.getTime() + ENROLMENT_MINUTES * 60_000) };
}

/** The first code from the app proves it holds the secret; the factor is on and ten recovery codes are issued. */
export async function confirmSecondFactorEnrolment(
  db: Database,
  user: { id: string },
  input: { code: string },
  actor: Actor,
  now: Date,
) {
  return db.prisma.$transaction(async (tx) => {
    const pending = await tx.staffSecondFactor.findUnique({ where: { userId: user.id } });
    if (pending?.confirmedAt) throw new DomainError("CONFLICT", "Two-factor sign-in is already on.");
    if (!pending || pending.createdAt.getTime() + ENROLMENT_MINUTES * 60_000 <= now.getTime()) {
      throw new DomainError(
        "PRECONDITION_FAILED",
        "This enrolment has expired or was not started. Start again to get a new QR code.",
      );
    }
    const step = await matchTotpStep(pending.secret, compact(input.code), now, null);
    if (step === null) {
      throw new DomainError(
        "BAD_REQUEST",
        "code: That code does not match. Enter the 6-digit code your app shows now.",
        { field: "code" },
      );
    }
    const { count } = await tx.staffSecondFactor.updateMany({
      where: { userId: user.id, confirmedAt: null },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count !== 1) throw new DomainError("CONFLICT", "Two-factor sign-in is already on.");
    const recoveryCodes = await issueRecoveryCodes(tx, user.id, now);
    await audit(tx, actor, user.id, "auth.second_factor_enabled", now, { recoveryCodes: recoveryCodes.length });
    return { recoveryCodes };
  });
}

/** Turning the factor off needs the password and a code (or a recovery code), so a left-open session is not enough. */
export async function disableSecondFactor(
  db: Database,
  user: { id: string },
  input: { password: string; code: string },
  actor: Actor,
  now: Date,
) {
  const { passwordHash } = await db.prisma.staffUser.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  const passwordOk = await verifyPassword(input.password, passwordHash);
  return db.prisma.$transaction(async (tx) => {
    const factor = await confirmedFactor(tx, user.id);
    if (!passwordOk) throw new DomainError("BAD_REQUEST", "password: Password is incorrect.", { field: "password" });
    const method = await useSecondFactorCode(tx, factor, input.code, now);
    if (!method)
      throw new DomainError("BAD_REQUEST", "code: That code does not match or was already used.", { field: "code" });
    await tx.staffSecondFactor.delete({ where: { userId: user.id } });
    await tx.staffRecoveryCode.deleteMany({ where: { userId: user.id } });
    await audit(tx, actor, user.id, "auth.second_factor_disabled", now, { method });
    return { ok: true as const };
  });
}

/** A fresh set of ten recovery codes (the old ones stop working), for someone who used or lost theirs. */
export async function replaceRecoveryCodes(
  db: Database,
  user: { id: string },
  input: { code: string },
  actor: Actor,
  now: Date,
) {
  return db.prisma.$transaction(async (tx) => {
    const factor = await confirmedFactor(tx, user.id);
    const method = await useSecondFactorCode(tx, factor, input.code, now);
    if (!method)
      throw new DomainError("BAD_REQUEST", "code: That code does not match or was already used.", { field: "code" });
    const recoveryCodes = await issueRecoveryCodes(tx, user.id, now);
    await audit(tx, actor, user.id, "auth.recovery_codes_replaced", now, {
      method,
      recoveryCodes: recoveryCodes.length,
    });
    return { recoveryCodes };
  });
}

export type SignInSecondFactor =
  | { outcome: "not_enrolled" }
  | { outcome: "required" }
  | { outcome: "accepted"; method: SecondFactorMethod }
  | { outcome: "rejected" };

/** At sign-in, after the password was right: does this account need a code, and is the one given good (used up if so)? */
export async function checkSignInSecondFactor(
  tx: Tx,
  userId: string,
  code: string | undefined,
  now: Date,
): Promise<SignInSecondFactor> {
  const factor = await tx.staffSecondFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return { outcome: "not_enrolled" };
  if (!code || !compact(code)) return { outcome: "required" };
  const method = await useSecondFactorCode(tx, factor, code, now);
  return method ? { outcome: "accepted", method } : { outcome: "rejected" };
}

async function confirmedFactor(tx: Tx, userId: string) {
  const factor = await tx.staffSecondFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt)
    throw new DomainError("PRECONDITION_FAILED", "Two-factor sign-in is not on for your account.");
  return factor;
}

function compact(code: string): string {
  return code.replace(/\s+/g, "");
}

/**
 * Accepts a current TOTP code or an unused recovery code and uses it up. The step is recorded with a conditional
 * update, so two requests racing with the same code cannot both pass.
 */
async function useSecondFactorCode(
  tx: Tx,
  factor: { userId: string; secret: string; lastUsedStep: number | null },
  code: string,
  now: Date,
): Promise<SecondFactorMethod | null> {
  const given = compact(code);
  if (isTotpCode(given)) {
    const step = await matchTotpStep(factor.secret, given, now, factor.lastUsedStep);
    if (step === null) return null;
    const { count } = await tx.staffSecondFactor.updateMany({
      where: { userId: factor.userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return count === 1 ? "totp" : null;
  }
  return (await useRecoveryCode(tx, factor.userId, given, now)) ? "recovery_code" : null;
}
