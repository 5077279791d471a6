// Team management by admins: create, change role, disable — audited, and never locking everyone out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { resolveSession } from "../../server/domain/auth/sessions.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";

describe("staffUser", () => {
  let db: Database;
  let admin: SessionUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await createStaff(db, "admin");
  });
  afterAll(() => db.close());

  it("creates a staff member with a hashed password and an audit record", async () => {
    const created = await callerFor(db, admin).staffUser.create({
      email: "New.Person@Example.com",
      displayName: "New Person",
      role: "moderator",
      password: "a long enough password",
    });
    expect(created).toMatchObject({ email: "new.person@example.com", role: "moderator" });
    expect(created).not.toHaveProperty("passwordHash");
    const row = await db.prisma.staffUser.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "staff_user.create", subjectId: created.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
  });

  it("refuses a duplicate email naming the field, and changes nothing", async () => {
    const before = await db.prisma.staffUser.count();
    await expect(
      callerFor(db, admin).staffUser.create({
        email: "new.person@example.com",
        displayName: "Dup",
        role: "staff",
        password: "another long password",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("email") });
    expect(await db.prisma.staffUser.count()).toBe(before);
  });

  it("a role change ends the member's sessions and is audited with before and after", async () => {
    const member = await createStaff(db, "moderator");
    const token = await sessionTokenFor(db, member);
    await callerFor(db, admin).staffUser.update({ id: member.id, role: "staff" });
    expect(await resolveSession(db.prisma, token, new Date(), DEFAULT_AUTH_CONFIG)).toBeNull();
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "staff_user.update", subjectId: member.id },
    });
    expect(audit.details).toMatchObject({ before: { role: "moderator" }, after: { role: "staff" } });
  });

  it("never demotes or disables the last active admin", async () => {
    await expect(callerFor(db, admin).staffUser.update({ id: admin.id, role: "moderator" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await expect(callerFor(db, admin).staffUser.update({ id: admin.id, disabled: true })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const second = await createStaff(db, "admin");
    await callerFor(db, admin).staffUser.update({ id: second.id, disabled: true });
    expect((await db.prisma.staffUser.findUniqueOrThrow({ where: { id: second.id } })).disabledAt).not.toBeNull();
  });

  it("reports an unknown member as not found", async () => {
    await expect(
      callerFor(db, admin).staffUser.update({ id: "0193a5a0-0000-7000-8000-000000000000", role: "staff" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
