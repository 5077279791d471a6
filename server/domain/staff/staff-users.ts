// Staff accounts: created by admins (or the create-admin command), role changes and disabling audited.
import type { z } from "zod";
import type { Prisma } from "../../db/generated/client.ts";
import type { Database } from "../../db/client.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { hashPassword } from "../auth/password.ts";
import { NewStaffUserInput, UpdateStaffUserInput, type NewStaffUserValues } from "../../contracts/staff.ts";
import { normalizeEmail } from "../auth/sign-in.ts";
import { revokeUserSessions } from "../auth/sessions.ts";

export const staffUserSelect = {
  id: true,
  email: true,
  displayName: true,
  role: true,
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
} satisfies Prisma.StaffUserSelect;

type Actor = Pick<AuditEntry, "actorType" | "actorId" | "requestId" | "ip">;

export async function createStaffUser(db: Database, input: NewStaffUserValues, actor: Actor, now = new Date()) {
  const data = parseInput(NewStaffUserInput, input);
  const email = normalizeEmail(data.email);
  const passwordHash = await hashPassword(data.password);
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.staffUser.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new DomainError("CONFLICT", `email: ${email} already has a staff account.`, { field: "email" });
    const user = await tx.staffUser.create({
      data: { email, displayName: data.displayName, role: data.role, passwordHash, createdAt: now },
      select: staffUserSelect,
    });
    await appendAudit(
      tx,
      {
        ...actor,
        action: "staff_user.create",
        subjectType: "staff_user",
        subjectId: user.id,
        details: { email, role: data.role },
      },
      now,
    );
    return user;
  });
}

export async function updateStaffUser(
  db: Database,
  input: z.input<typeof UpdateStaffUserInput>,
  actor: Actor,
  now = new Date(),
) {
  const data = parseInput(UpdateStaffUserInput, input);
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { id: data.id }, select: staffUserSelect });
    if (!user) throw notFound("Staff member");
    const losesAdmin = user.role === "admin" && ((data.role && data.role !== "admin") || data.disabled === true);
    if (losesAdmin) {
      const admins = await tx.staffUser.count({ where: { role: "admin", disabledAt: null } });
      if (admins <= 1) {
        throw new DomainError("PRECONDITION_FAILED", "This is the last active admin; make someone else admin first.", {
          field: data.role ? "role" : "disabled",
        });
      }
    }
    const changes: Prisma.StaffUserUpdateInput = {};
    if (data.role && data.role !== user.role) changes.role = data.role;
    if (data.displayName && data.displayName !== user.displayName) changes.displayName = data.displayName;
    if (data.disabled !== undefined && data.disabled !== !!user.disabledAt)
      changes.disabledAt = data.disabled ? now : null;
    if (Object.keys(changes).length === 0) return user;
    const updated = await tx.staffUser.update({ where: { id: user.id }, data: changes, select: staffUserSelect });
    // A role change or disabling takes effect at once: existing sessions must sign in again.
    if (changes.role || data.disabled) await revokeUserSessions(tx, user.id, now);
    await appendAudit(
      tx,
      {
        ...actor,
        action: "staff_user.update",
        subjectType: "staff_user",
        subjectId: user.id,
        details: {
          before: { role: user.role, displayName: user.displayName, disabled: !!user.disabledAt },
          after: { role: updated.role, displayName: updated.displayName, disabled: !!updated.disabledAt },
        },
      },
      now,
    );
    return updated;
  });
}
