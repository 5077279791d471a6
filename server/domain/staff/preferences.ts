// A staff member's own preferences over the organisation's defaults (admins set those). Out of the box media is
// blurred, grayscale and muted until the reviewer opts out.
import type { OrgMediaDefaultsValues, PreferencesValues } from "../../contracts/staff.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";

const MEDIA_DEFAULTS_KEY = "media.defaults";
export const BUILT_IN_MEDIA_DEFAULTS: OrgMediaDefaultsValues = {
  blurMedia: true,
  grayscaleMedia: true,
  muteMedia: true,
};

export async function getOrgMediaDefaults(db: Database): Promise<OrgMediaDefaultsValues> {
  const row = await db.prisma.orgSetting.findUnique({ where: { key: MEDIA_DEFAULTS_KEY }, select: { value: true } });
  return { ...BUILT_IN_MEDIA_DEFAULTS, ...(row?.value as Partial<OrgMediaDefaultsValues> | undefined) };
}

/** Sets the organisation's media defaults; audited with the values before and after. */
export function setOrgMediaDefaults(db: Database, input: OrgMediaDefaultsValues, staff: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const before = await tx.orgSetting.findUnique({ where: { key: MEDIA_DEFAULTS_KEY }, select: { value: true } });
    await tx.orgSetting.upsert({
      where: { key: MEDIA_DEFAULTS_KEY },
      create: { key: MEDIA_DEFAULTS_KEY, value: input, updatedAt: now, updatedById: staff.id },
      update: { value: input, updatedAt: now, updatedById: staff.id },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "org_setting.media_defaults",
        subjectType: "org_setting",
        subjectId: MEDIA_DEFAULTS_KEY,
        details: { before: (before?.value as Prisma.JsonValue) ?? BUILT_IN_MEDIA_DEFAULTS, after: input },
      },
      now,
    );
    return input;
  });
}

export async function getPreferences(db: Database, userId: string) {
  const [user, defaults] = await Promise.all([
    db.prisma.staffUser.findUniqueOrThrow({ where: { id: userId }, select: { preferences: true } }),
    getOrgMediaDefaults(db),
  ]);
  return { ...defaults, ...(user.preferences as Record<string, unknown>) };
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
