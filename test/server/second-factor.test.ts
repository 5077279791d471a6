// TOTP second factor for staff: enrolment with a QR code and recovery codes, the code step at sign-in, replay and
// recovery-code reuse refused, wrong codes counted like wrong passwords, turning it off, all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { DEFAULT_AUTH_CONFIG, loadConfig } from "../../server/config.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { callerWithSession, signInWith, testClock, totpCodeAt } from "../support/session-caller.ts";

describe("two-factor sign-in", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** A staff member signed in with their password, who then enrols an authenticator; returns its secret. */
  async function enrolled(clock: ReturnType<typeof testClock>, role: SessionUser["role"] = "staff") {
    const staff = await createStaff(db, role);
    const { token } = await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now });
    const { caller } = await callerWithSession(db, token, { now: clock.now });
    const { secret } = await caller.secondFactor.beginEnrolment();
    const { recoveryCodes } = await caller.secondFactor.confirmEnrolment({
      code: await totpCodeAt(secret, clock.now()),
    });
    return { staff, secret, recoveryCodes, token: token!, caller };
  }

  it("enrols: the secret and a QR code are shown once, the first code turns it on and gives ten recovery codes", async () => {
    const clock = testClock("2026-03-02T10:00:10Z");
    const staff = await createStaff(db, "staff");
    const { token } = await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now });
    const { caller } = await callerWithSession(db, token, { now: clock.now });

    expect(await caller.secondFactor.status()).toMatchObject({ enabled: false, recoveryCodesLeft: 0, required: false });
    const enrolment = await caller.secondFactor.beginEnrolment();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(new RegExp(`^otpauth://totp/Vigil:${encodeURIComponent(staff.email)}\\?`));
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

    await expect(caller.secondFactor.confirmEnrolment({ code: "000000" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "code: That code does not match. Enter the 6-digit code your app shows now.",
    });
    expect(await caller.secondFactor.status()).toMatchObject({ enabled: false });

    const { recoveryCodes } = await caller.secondFactor.confirmEnrolment({
      code: await totpCodeAt(enrolment.secret, clock.now()),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);

    const status = await caller.secondFactor.status();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(JSON.stringify(status)).not.toContain(enrolment.secret);
    // Recovery codes are kept only as hashes.
    const stored = JSON.stringify(await db.prisma.staffRecoveryCode.findMany({ where: { userId: staff.id } }));
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }
    await expect(caller.secondFactor.beginEnrolment()).rejects.toMatchObject({ code: "CONFLICT" });

    const actions = (await db.prisma.auditLog.findMany({ where: { subjectId: staff.id }, orderBy: { id: "asc" } })).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["auth.sign_in", "auth.second_factor_enrolment_started", "auth.second_factor_enabled"]);
    const audit = JSON.stringify(await db.prisma.auditLog.findMany({ where: { subjectId: staff.id } }), (_k, v) =>
      typeof v === "bigint" ? String(v) : v,
    );
    expect(audit).not.toContain(enrolment.secret);
  });

  it("refuses a confirmation after the enrolment has expired", async () => {
    const clock = testClock("2026-03-02T11:00:10Z");
    const staff = await createStaff(db, "staff");
    const { token } = await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now });
    const { secret } = await (
      await callerWithSession(db, token, { now: clock.now })
    ).caller.secondFactor.beginEnrolment();
    clock.advance(16 * 60_000);
    const { caller } = await callerWithSession(db, token, { now: clock.now });
    await expect(
      caller.secondFactor.confirmEnrolment({ code: await totpCodeAt(secret, clock.now()) }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "This enrolment has expired or was not started. Start again to get a new QR code.",
    });
  });

  it("asks for the code after a right password, and signs in only with a right one", async () => {
    const clock = testClock("2026-03-03T09:00:05Z");
    const { staff, secret } = await enrolled(clock);
    clock.advance(60_000);
    const attemptsBefore = await db.prisma.signInAttempt.count({ where: { email: staff.email } });
    const sessionsBefore = await db.prisma.session.count({ where: { userId: staff.id } });

    const first = await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now });
    expect(first.result).toEqual({ secondFactorRequired: true });
    expect(first.token).toBeNull();
    // Neither a success nor a failure: a success would reset the run of failures of someone guessing codes.
    expect(await db.prisma.signInAttempt.count({ where: { email: staff.email } })).toBe(attemptsBefore);
    expect(await db.prisma.session.count({ where: { userId: staff.id } })).toBe(sessionsBefore);

    // A wrong password with a code is still just a wrong password.
    await expect(
      signInWith(
        db,
        { email: staff.email, password: "not the password", code: await totpCodeAt(secret, clock.now()) },
        { now: clock.now },
      ),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });

    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code: "123456" }, { now: clock.now }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "code: That code is not right or was already used. Enter the next code from your app.",
    });

    const ok = await signInWith(
      db,
      { email: staff.email, password: TEST_PASSWORD, code: await totpCodeAt(secret, clock.now()) },
      { now: clock.now },
    );
    expect(ok.result).toMatchObject({ secondFactorRequired: false, user: { id: staff.id } });
    expect(ok.token).toBeTruthy();
    const { user } = await callerWithSession(db, ok.token, { now: clock.now });
    expect(user).toMatchObject({ id: staff.id, restriction: null });

    const failed = await db.prisma.auditLog.findMany({
      where: { action: "auth.sign_in_failed", subjectId: staff.id },
      orderBy: { id: "asc" },
    });
    expect(failed.map((r) => (r.details as { reason: string }).reason)).toEqual([
      "wrong_password",
      "wrong_second_factor",
    ]);
    const signIn = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "auth.sign_in", subjectId: staff.id },
      orderBy: { id: "desc" },
    });
    expect(signIn.details).toEqual({ secondFactor: "totp" });
  });

  it("accepts a code one step early or late, not two", async () => {
    const clock = testClock("2026-03-04T09:00:15Z");
    const { staff, secret } = await enrolled(clock);
    clock.advance(10 * 60_000);
    const signIn = async (steps: number) =>
      signInWith(
        db,
        { email: staff.email, password: TEST_PASSWORD, code: await totpCodeAt(secret, clock.now(), steps) },
        { now: clock.now },
      );

    await expect(signIn(-2)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(signIn(2)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await signIn(-1)).token).toBeTruthy();
    expect((await signIn(1)).token).toBeTruthy();
  });

  it("refuses a code that was already used, and an earlier one, within their window", async () => {
    const clock = testClock("2026-03-05T09:00:03Z");
    const { staff, secret } = await enrolled(clock);
    clock.advance(5 * 60_000);
    const code = await totpCodeAt(secret, clock.now());
    const previous = await totpCodeAt(secret, clock.now(), -1);
    expect(
      (await signInWith(db, { email: staff.email, password: TEST_PASSWORD, code }, { now: clock.now })).token,
    ).toBeTruthy();

    clock.advance(20_000);
    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code }, { now: clock.now }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code: previous }, { now: clock.now }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    // The code seen while confirming the enrolment is used up too.
    expect(await db.prisma.staffSecondFactor.findUniqueOrThrow({ where: { userId: staff.id } })).toMatchObject({
      lastUsedStep: Math.floor(new Date("2026-03-05T09:05:03Z").getTime() / 30_000),
    });
  });

  it("lets two racing sign-ins with one code open one session", async () => {
    const clock = testClock("2026-03-05T12:00:03Z");
    const { staff, secret } = await enrolled(clock);
    clock.advance(60_000);
    const code = await totpCodeAt(secret, clock.now());
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => signInWith(db, { email: staff.email, password: TEST_PASSWORD, code }, { now: clock.now })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("a recovery code signs in once, in place of a code", async () => {
    const clock = testClock("2026-03-06T09:00:20Z");
    const { staff, recoveryCodes, caller } = await enrolled(clock);
    clock.advance(60_000);
    const code = recoveryCodes[3]!.toLowerCase().replaceAll("-", " ");

    const ok = await signInWith(db, { email: staff.email, password: TEST_PASSWORD, code }, { now: clock.now });
    expect(ok.token).toBeTruthy();
    expect(
      (
        await db.prisma.auditLog.findFirstOrThrow({
          where: { action: "auth.sign_in", subjectId: staff.id },
          orderBy: { id: "desc" },
        })
      ).details,
    ).toEqual({
      secondFactor: "recovery_code",
    });
    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code: recoveryCodes[3]! }, { now: clock.now }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await caller.secondFactor.status()).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it("counts wrong codes toward the sign-in limits: after ten from one address, even the right code waits there", async () => {
    const clock = testClock("2026-03-07T09:00:10Z");
    const { staff, secret } = await enrolled(clock);
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000);
      await expect(
        signInWith(
          db,
          { email: staff.email, password: TEST_PASSWORD, code: String(100_000 + i) },
          { now: clock.now, ip: "192.0.2.10" },
        ),
      ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    clock.advance(40_000);
    const code = await totpCodeAt(secret, clock.now());
    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code }, { now: clock.now, ip: "192.0.2.10" }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    // The person, from their own address, is not locked out by someone else's wrong codes.
    const signedIn = await signInWith(
      db,
      { email: staff.email, password: TEST_PASSWORD, code },
      { now: clock.now, ip: "198.51.100.4" },
    );
    expect(signedIn.token).toBeTruthy();
  });

  it("turning it off needs the password and a code; then sign-in needs only the password", async () => {
    const clock = testClock("2026-03-08T09:00:10Z");
    const { staff, secret, caller } = await enrolled(clock);
    clock.advance(60_000);

    await expect(
      caller.secondFactor.disable({ password: "wrong password", code: await totpCodeAt(secret, clock.now()) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "password: Password is incorrect.",
    });
    await expect(caller.secondFactor.disable({ password: TEST_PASSWORD, code: "999999" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "code: That code does not match or was already used.",
    });
    expect(await caller.secondFactor.status()).toMatchObject({ enabled: true });

    await caller.secondFactor.disable({ password: TEST_PASSWORD, code: await totpCodeAt(secret, clock.now()) });
    expect(await caller.secondFactor.status()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db.prisma.staffRecoveryCode.count({ where: { userId: staff.id } })).toBe(0);
    expect(
      (await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now })).token,
    ).toBeTruthy();
    expect(
      await db.prisma.auditLog.count({ where: { action: "auth.second_factor_disabled", subjectId: staff.id } }),
    ).toBe(1);
  });

  it("replaces the recovery codes: the old ones stop working", async () => {
    const clock = testClock("2026-03-09T09:00:10Z");
    const { staff, secret, recoveryCodes, caller } = await enrolled(clock);
    clock.advance(60_000);
    const { recoveryCodes: fresh } = await caller.secondFactor.replaceRecoveryCodes({
      code: await totpCodeAt(secret, clock.now()),
    });
    expect(fresh).toHaveLength(10);
    await expect(
      signInWith(db, { email: staff.email, password: TEST_PASSWORD, code: recoveryCodes[0]! }, { now: clock.now }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(
      (await signInWith(db, { email: staff.email, password: TEST_PASSWORD, code: fresh[0]! }, { now: clock.now }))
        .token,
    ).toBeTruthy();
    expect(
      await db.prisma.auditLog.count({ where: { action: "auth.recovery_codes_replaced", subjectId: staff.id } }),
    ).toBe(1);
  });

  describe("VIGIL_REQUIRE_2FA=staff,admin", () => {
    const auth = { ...DEFAULT_AUTH_CONFIG, requireSecondFactorFor: ["staff", "admin"] as const };

    it("holds a staff member without a second factor to enrolment until they have one", async () => {
      const clock = testClock("2026-03-10T09:00:10Z");
      const staff = await createStaff(db, "staff");
      const { token } = await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now, auth });
      expect(token).toBeTruthy();
      const session = () => callerWithSession(db, token, { now: clock.now, auth });

      const { caller, user } = await session();
      expect(user?.restriction).toBe("second_factor_enrolment");
      expect(await caller.auth.me()).toMatchObject({ id: staff.id, restriction: "second_factor_enrolment" });
      const refusal = {
        code: "FORBIDDEN",
        message:
          "Your role requires two-factor sign-in. Set up an authenticator app in Account security before you continue.",
      };
      await expect(caller.takedown.list({})).rejects.toMatchObject(refusal);
      await expect(caller.session.list()).rejects.toMatchObject(refusal);
      await expect(
        caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a brand new password" }),
      ).rejects.toMatchObject(refusal);
      expect(await caller.secondFactor.status()).toMatchObject({ enabled: false, required: true });

      const { secret } = await caller.secondFactor.beginEnrolment();
      await caller.secondFactor.confirmEnrolment({ code: await totpCodeAt(secret, clock.now()) });

      const after = await session();
      expect(after.user?.restriction).toBeNull();
      await expect(after.caller.takedown.list({})).resolves.toBeDefined();
    });

    it("is read from the environment as a list of roles, and refuses anything else naming the variable", () => {
      expect(loadConfig({}).auth.requireSecondFactorFor).toEqual([]);
      expect(loadConfig({ VIGIL_REQUIRE_2FA: "staff, Admin,staff" }).auth.requireSecondFactorFor).toEqual([
        "staff",
        "admin",
      ]);
      expect(() => loadConfig({ VIGIL_REQUIRE_2FA: "staff,owner" })).toThrow(
        'VIGIL_REQUIRE_2FA: VIGIL_REQUIRE_2FA lists roles from moderator, staff, admin separated by commas; "owner" is not one',
      );
    });

    it("leaves roles it does not list alone", async () => {
      const clock = testClock("2026-03-10T10:00:10Z");
      const moderator = await createStaff(db, "moderator");
      const { token } = await signInWith(
        db,
        { email: moderator.email, password: TEST_PASSWORD },
        { now: clock.now, auth },
      );
      const { caller, user } = await callerWithSession(db, token, { now: clock.now, auth });
      expect(user?.restriction).toBeNull();
      await expect(caller.case.queues()).resolves.toBeDefined();
    });
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
