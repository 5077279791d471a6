// An admin resets a staff member's password: a one-time password, shown once to the admin and handed over through
// another channel; the person must choose their own at the next sign-in, and every session they had ends now.
import crypto from "node:crypto";
import type { Database } from "../../db/client.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { hashPassword } from "../auth/password.ts";
import { revokeUserSessions } from "../auth/sessions.ts";

type Actor = Pick<AuditEntry, "actorType" | "actorId" | "requestId" | "ip">;

const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** Four groups of five from 31 letters (about 99 bits): easy to read out, impossible to guess. */
function oneTimePassword(): string {
  const chars: string[] = [];
  while (chars.length < 20) {
    for (const byte of crypto.randomBytes(32))
      if (byte < 248 && chars.length < 20) chars.push(ALPHABET[byte % ALPHABET.length]!);
  }
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

/**
 * `removeSecondFactor` is for someone who lost both their authenticator and their recovery codes: without it the
 * reset leaves their second factor in place, so a reset password alone does not open the account.
 */
export async function resetStaffPassword(
  db: Database,
  input: { id: string; removeSecondFactor?: boolean },
  actor: Actor,
  now: Date,
) {
  if (input.id === actor.actorId) {
    throw new DomainError("FORBIDDEN", "You cannot reset your own password here. Change it in Account security.");
  }
  const temporaryPassword = oneTimePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({
      where: { id: input.id },
      select: { id: true, email: true, displayName: true },
    });
    if (!user) throw notFound("Staff member");
    await tx.staffUser.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: now },
    });
    const endedSessions = await revokeUserSessions(tx, user.id, now);
    const secondFactorRemoved = input.removeSecondFactor
      ? (await tx.staffSecondFactor.deleteMany({ where: { userId: user.id, confirmedAt: { not: null } } })).count > 0
      : false;
    if (input.removeSecondFactor) await tx.staffRecoveryCode.deleteMany({ where: { userId: user.id } });
    await appendAudit(
      tx,
      {
        ...actor,
        action: "staff_user.password_reset",
        subjectType: "staff_user",
        subjectId: user.id,
        details: { email: user.email, endedSessions, secondFactorRemoved },
      },
      now,
    );
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName },
      temporaryPassword,
      secondFactorRemoved,
    };
  });
}
