// A staff member's own preferences. Media wellness defaults: blurred, grayscale, muted until the reviewer opts out.
import type { PreferencesValues } from "../../contracts/staff.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";

export async function getPreferences(db: Database, userId: string) {
  const user = await db.prisma.staffUser.findUniqueOrThrow({ where: { id: userId }, select: { preferences: true } });
  return { blurMedia: true, grayscaleMedia: true, muteMedia: true, ...(user.preferences as Record<string, unknown>) };
}

/** Merges the given preferences into the staff member's own; audited. */
export function updatePreferences(db: Database, input: PreferencesValues, staff: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { preferences: true } });
    const preferences = { ...(current.preferences as Record<string, unknown>), ...input };
    await tx.staffUser.update({ where: { id: staff.id }, data: { preferences: preferences as Prisma.InputJsonValue } });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "staff_user.preferences",
        subjectType: "staff_user",
        subjectId: staff.id,
        details: input,
      },
      now,
    );
    return preferences;
  });
}
