// A staff member changes their own password: the current one proves it is them, and every other session ends,
// so whoever may have learnt the old password is signed out everywhere but here.
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { ChangePasswordInput, type ChangePasswordValues } from "../../contracts/account-security.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { revokeOtherSessions } from "./sessions.ts";

type Actor = Pick<AuditEntry, "actorType" | "actorId" | "requestId" | "ip">;

export async function changeOwnPassword(
  db: Database,
  input: ChangePasswordValues & { userId: string; sessionId: string | null },
  actor: Actor,
  now: Date,
): Promise<{ endedSessions: number }> {
  const data = parseInput(ChangePasswordInput, input);
  const user = await db.prisma.staffUser.findUniqueOrThrow({
    where: { id: input.userId },
    select: { passwordHash: true, mustChangePassword: true },
  });
  if (!(await verifyPassword(data.currentPassword, user.passwordHash))) {
    throw new DomainError("BAD_REQUEST", "currentPassword: Current password is incorrect.", {
      field: "currentPassword",
    });
  }
  if (data.newPassword === data.currentPassword) {
    throw new DomainError("BAD_REQUEST", "newPassword: Choose a password different from the current one.", {
      field: "newPassword",
    });
  }
  const passwordHash = await hashPassword(data.newPassword);
  return db.prisma.$transaction(async (tx) => {
    // The hash read above must still be the current one: a concurrent change or reset wins, this one is refused.
    const { count } = await tx.staffUser.updateMany({
      where: { id: input.userId, passwordHash: user.passwordHash },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now },
    });
    if (count !== 1)
      throw new DomainError("CONFLICT", "Your password was changed meanwhile. Sign in again with the new one.");
    const endedSessions = await revokeOtherSessions(tx, input.userId, input.sessionId, now);
    await appendAudit(
      tx,
      {
        ...actor,
        action: "auth.password_changed",
        subjectType: "staff_user",
        subjectId: input.userId,
        details: { endedSessions, afterReset: user.mustChangePassword },
      },
      now,
    );
    return { endedSessions };
  });
}
