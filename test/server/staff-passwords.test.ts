// Staff passwords after creation: changing one's own (the current one required, other sessions end) and an admin's
// reset (a one-time password, every session ended, a forced change at the next sign-in), all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { callerWithSession, signInWith, testClock, totpCodeAt } from "../support/session-caller.ts";
import { trpcHttp } from "../support/http.ts";
import { startTestApp } from "../support/app-server.ts";

const NEW_PASSWORD = "a completely new passphrase";

describe("staff passwords", () => {
  let db: Database;
  let admin: SessionUser;
  let adminToken: string;
  const clock = testClock("2026-04-01T08:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await createStaff(db, "admin", "Ada Admin");
    adminToken = (await signInWith(db, { email: admin.email, password: TEST_PASSWORD }, { now: clock.now })).token!;
  });
  afterAll(() => db.close());

  const asAdmin = async () => (await callerWithSession(db, adminToken, { now: clock.now })).caller;
  const sessionOf = (token: string | null) => callerWithSession(db, token, { now: clock.now });
  const signIn = (email: string, password: string) => signInWith(db, { email, password }, { now: clock.now });

  describe("changing one's own", () => {
    it("refuses a wrong current password and a new one that breaks the creation rules, naming the field", async () => {
      const staff = await createStaff(db, "staff");
      const { token } = await signIn(staff.email, TEST_PASSWORD);
      const { caller } = await sessionOf(token);
      await expect(
        caller.auth.changePassword({ currentPassword: "not my password", newPassword: NEW_PASSWORD }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "currentPassword: Current password is incorrect.",
      });
      await expect(
        caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short" }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "newPassword: Use at least 12 characters",
      });
      await expect(
        caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "newPassword: Choose a password different from the current one.",
      });
      expect((await signIn(staff.email, TEST_PASSWORD)).token).toBeTruthy();
      expect(await db.prisma.auditLog.count({ where: { action: "auth.password_changed", subjectId: staff.id } })).toBe(
        0,
      );
    });

    it("ends every other session, keeps this one, and audits the change", async () => {
      const staff = await createStaff(db, "moderator");
      const here = (await signIn(staff.email, TEST_PASSWORD)).token!;
      const laptop = (await signIn(staff.email, TEST_PASSWORD)).token!;
      const phone = (await signIn(staff.email, TEST_PASSWORD)).token!;
      clock.advance(60_000);

      const { caller } = await sessionOf(here);
      expect(await caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).toEqual({
        endedSessions: 2,
      });

      expect((await sessionOf(here)).user?.id).toBe(staff.id);
      expect((await sessionOf(laptop)).user).toBeNull();
      expect((await sessionOf(phone)).user).toBeNull();
      await expect(signIn(staff.email, TEST_PASSWORD)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      expect((await signIn(staff.email, NEW_PASSWORD)).token).toBeTruthy();

      const audit = await db.prisma.auditLog.findFirstOrThrow({
        where: { action: "auth.password_changed", subjectId: staff.id },
      });
      expect(audit).toMatchObject({ actorId: staff.id, details: { endedSessions: 2, afterReset: false } });
    });
  });

  describe("an admin's reset", () => {
    it("is for admins only, and not for their own password", async () => {
      const staff = await createStaff(db, "staff");
      const { caller: asStaff } = await sessionOf((await signIn(staff.email, TEST_PASSWORD)).token);
      await expect(asStaff.staffUser.resetPassword({ id: admin.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect((await asAdmin()).staffUser.resetPassword({ id: admin.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "You cannot reset your own password here. Change it in Account security.",
      });
      await expect((await asAdmin()).staffUser.resetPassword({ id: "not-a-uuid" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      expect(await db.prisma.auditLog.count({ where: { action: "staff_user.password_reset" } })).toBe(0);
    });

    it("gives a one-time password, ends the person's sessions, and holds their next session to a password change", async () => {
      const staff = await createStaff(db, "staff", "Sam Reset");
      const old = (await signIn(staff.email, TEST_PASSWORD)).token!;
      clock.advance(60_000);

      const reset = await (await asAdmin()).staffUser.resetPassword({ id: staff.id });
      expect(reset.user).toEqual({ id: staff.id, email: staff.email, displayName: "Sam Reset" });
      expect(reset.temporaryPassword).toMatch(/^[2-9a-hjkmnp-z]{5}(-[2-9a-hjkmnp-z]{5}){3}$/);
      expect((await sessionOf(old)).user).toBeNull();
      await expect(signIn(staff.email, TEST_PASSWORD)).rejects.toMatchObject({ code: "UNAUTHORIZED" });

      const { token } = await signIn(staff.email, reset.temporaryPassword);
      const { caller, user } = await sessionOf(token);
      expect(user?.restriction).toBe("password_change");
      expect(await caller.auth.me()).toMatchObject({ restriction: "password_change" });
      const refusal = {
        code: "FORBIDDEN",
        message: "Your password was reset by an admin. Choose a new password in Account security before you continue.",
      };
      await expect(caller.takedown.list({})).rejects.toMatchObject(refusal);
      await expect(caller.session.list()).rejects.toMatchObject(refusal);
      await expect(caller.secondFactor.beginEnrolment()).rejects.toMatchObject(refusal);

      // Media and exports refuse the held session as well.
      const media = await fetchMedia(token!);
      expect(media.status).toBe(403);
      expect(await media.json()).toEqual({ error: refusal.message });

      await caller.auth.changePassword({ currentPassword: reset.temporaryPassword, newPassword: NEW_PASSWORD });
      const after = await sessionOf(token);
      expect(after.user?.restriction).toBeNull();
      await expect(after.caller.takedown.list({})).resolves.toBeDefined();
      // The one-time password worked once.
      await expect(signIn(staff.email, reset.temporaryPassword)).rejects.toMatchObject({ code: "UNAUTHORIZED" });

      const resetAudit = await db.prisma.auditLog.findFirstOrThrow({
        where: { action: "staff_user.password_reset", subjectId: staff.id },
      });
      expect(resetAudit).toMatchObject({
        actorId: admin.id,
        details: { email: staff.email, endedSessions: 1, secondFactorRemoved: false },
      });
      expect(JSON.stringify(resetAudit.details)).not.toContain(reset.temporaryPassword);
      const changed = await db.prisma.auditLog.findFirstOrThrow({
        where: { action: "auth.password_changed", subjectId: staff.id },
      });
      expect(changed.details).toMatchObject({ afterReset: true });
    });

    it("a held session may still sign out", async () => {
      const staff = await createStaff(db, "moderator");
      const { temporaryPassword } = await (await asAdmin()).staffUser.resetPassword({ id: staff.id });
      const { token } = await signIn(staff.email, temporaryPassword);
      const { caller } = await sessionOf(token);
      await expect(caller.auth.signOut()).resolves.toEqual({ ok: true });
      expect((await sessionOf(token)).user).toBeNull();
    });

    it("keeps the person's second factor unless the admin removes it", async () => {
      const staff = await createStaff(db, "staff");
      const { caller } = await sessionOf((await signIn(staff.email, TEST_PASSWORD)).token);
      const { secret } = await caller.secondFactor.beginEnrolment();
      await caller.secondFactor.confirmEnrolment({ code: await totpCodeAt(secret, clock.now()) });

      const kept = await (await asAdmin()).staffUser.resetPassword({ id: staff.id });
      expect(kept.secondFactorRemoved).toBe(false);
      expect((await signIn(staff.email, kept.temporaryPassword)).result).toEqual({ secondFactorRequired: true });

      const removed = await (await asAdmin()).staffUser.resetPassword({ id: staff.id, removeSecondFactor: true });
      expect(removed.secondFactorRemoved).toBe(true);
      const { token } = await signIn(staff.email, removed.temporaryPassword);
      expect((await sessionOf(token)).user?.restriction).toBe("password_change");
      expect(await db.prisma.staffRecoveryCode.count({ where: { userId: staff.id } })).toBe(0);
    });
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });

  async function fetchMedia(token: string) {
    const app = await startTestApp(db, { now: clock.now });
    try {
      return await fetch(`${app.base}/media/posts/any/poster.svg`, { headers: { cookie: `vigil_session=${token}` } });
    } finally {
      await app.close();
    }
  }
});

describe("restricted sessions over HTTP", () => {
  it("are refused with 403 and the reason on a tRPC call", async () => {
    const db = await createTestDatabase();
    try {
      const clock = testClock("2026-04-02T08:00:00Z");
      const admin = await createStaff(db, "admin");
      const staff = await createStaff(db, "staff");
      const adminToken = (await signInWith(db, { email: admin.email, password: TEST_PASSWORD }, { now: clock.now }))
        .token;
      const { caller } = await callerWithSession(db, adminToken, { now: clock.now });
      const { temporaryPassword } = await caller.staffUser.resetPassword({ id: staff.id });
      const { token } = await signInWith(db, { email: staff.email, password: temporaryPassword }, { now: clock.now });
      const res = await trpcHttp(db, "case.queues", "query", undefined, {
        cookie: `vigil_session=${token}`,
        now: clock.now,
      });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: { message: expect.stringContaining("Your password was reset by an admin") },
      });
    } finally {
      await db.close();
    }
  });
});
