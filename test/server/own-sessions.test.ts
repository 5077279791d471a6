// "Your sessions": a staff member sees their own open sessions (device, IP, created, last use, which is this one)
// and ends any of them or all the others; nobody sees or ends anyone else's; every ending is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { describeUserAgent } from "../../server/domain/auth/user-agent.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { callerWithSession, signInWith, testClock } from "../support/session-caller.ts";

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1";
const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

describe("your sessions", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  async function threeDevices(start: string) {
    const clock = testClock(start);
    const staff = await createStaff(db, "staff");
    const signIn = async (userAgent: string, ip: string) =>
      (await signInWith(db, { email: staff.email, password: TEST_PASSWORD }, { now: clock.now, userAgent, ip })).token!;
    const desk = await signIn(CHROME_LINUX, "198.51.100.20");
    clock.advance(10 * 60_000);
    const home = await signIn(FIREFOX_WINDOWS, "198.51.100.21");
    clock.advance(10 * 60_000);
    const phone = await signIn(SAFARI_IPHONE, "198.51.100.22");
    clock.advance(5 * 60_000);
    return {
      clock,
      staff,
      desk,
      home,
      phone,
      sessionOf: (token: string) => callerWithSession(db, token, { now: clock.now }),
    };
  }

  it("lists the open sessions with device, IP, sign-in and last use, marking this one", async () => {
    const { staff, desk, sessionOf } = await threeDevices("2026-05-04T08:00:00Z");
    const other = await createStaff(db, "staff");
    await signInWith(
      db,
      { email: other.email, password: TEST_PASSWORD },
      { now: () => new Date("2026-05-04T08:20:00Z") },
    );

    const sessions = await (await sessionOf(desk)).caller.session.list();
    expect(sessions.map(({ id: _id, ...rest }) => rest)).toEqual([
      // Most recently used first: the desk session was just used to ask.
      {
        device: "Chrome 156 on Linux",
        ip: "198.51.100.20",
        createdAt: new Date("2026-05-04T08:00:00Z"),
        lastSeenAt: new Date("2026-05-04T08:25:00Z"),
        isCurrent: true,
      },
      {
        device: "Safari 18 on iOS",
        ip: "198.51.100.22",
        createdAt: new Date("2026-05-04T08:20:00Z"),
        lastSeenAt: new Date("2026-05-04T08:20:00Z"),
        isCurrent: false,
      },
      {
        device: "Firefox 140 on Windows",
        ip: "198.51.100.21",
        createdAt: new Date("2026-05-04T08:10:00Z"),
        lastSeenAt: new Date("2026-05-04T08:10:00Z"),
        isCurrent: false,
      },
    ]);
    // Sessions are named by a public id, never by the token or its stored hash.
    const stored = await db.prisma.session.findMany({ where: { userId: staff.id }, select: { id: true } });
    for (const s of sessions) expect(stored.map((r) => r.id)).not.toContain(s.id);
  });

  it("leaves out sessions that were ended or went idle", async () => {
    const { clock, home, phone, sessionOf } = await threeDevices("2026-05-05T08:00:00Z");
    await (await sessionOf(home)).caller.auth.signOut();
    // 08:35: the desk session (last used 08:00) is past the 30-minute idle timeout; home was signed out.
    clock.advance(10 * 60_000);
    const sessions = await (await sessionOf(phone)).caller.session.list();
    expect(sessions.map((s) => [s.device, s.isCurrent])).toEqual([["Safari 18 on iOS", true]]);
  });

  it("ends one session: it stops working, the others go on, and the ending is audited", async () => {
    const { staff, desk, home, phone, sessionOf } = await threeDevices("2026-05-06T08:00:00Z");
    const { caller } = await sessionOf(desk);
    const homeId = (await caller.session.list()).find((s) => s.device.startsWith("Firefox"))!.id;

    expect(await caller.session.end({ sessionId: homeId })).toEqual({ endedCurrent: false });
    expect((await sessionOf(home)).user).toBeNull();
    expect((await sessionOf(desk)).user?.id).toBe(staff.id);
    expect((await sessionOf(phone)).user?.id).toBe(staff.id);
    await expect(caller.session.end({ sessionId: homeId })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That session has already ended.",
    });

    const audit = await db.prisma.auditLog.findMany({ where: { action: "auth.session_ended", subjectId: staff.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.id, details: { session: homeId, current: false } });
  });

  it("cannot end, or see, someone else's session", async () => {
    const { desk, sessionOf } = await threeDevices("2026-05-07T08:00:00Z");
    const { phone: theirs, sessionOf: theirSessionOf } = await threeDevices("2026-05-07T08:00:00Z");
    const theirIds = (await (await theirSessionOf(theirs)).caller.session.list()).map((s) => s.id);
    const { caller } = await sessionOf(desk);
    const mine = (await caller.session.list()).map((s) => s.id);
    expect(mine.filter((id) => theirIds.includes(id))).toEqual([]);

    await expect(caller.session.end({ sessionId: theirIds[0]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect((await theirSessionOf(theirs)).caller.session.list()).resolves.toHaveLength(3);
    await expect(caller.session.end({ sessionId: "not-a-session" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("ends all the others at once and keeps this one", async () => {
    const { staff, desk, home, phone, sessionOf } = await threeDevices("2026-05-08T08:00:00Z");
    const { caller } = await sessionOf(phone);
    expect(await caller.session.endOthers()).toEqual({ ended: 2 });
    expect((await sessionOf(desk)).user).toBeNull();
    expect((await sessionOf(home)).user).toBeNull();
    expect((await caller.session.list()).map((s) => s.isCurrent)).toEqual([true]);
    expect(
      await db.prisma.auditLog.findFirstOrThrow({
        where: { action: "auth.other_sessions_ended", subjectId: staff.id },
      }),
    ).toMatchObject({ actorId: staff.id, details: { ended: 2 } });
  });

  it("ending this session signs out here", async () => {
    const { desk, sessionOf } = await threeDevices("2026-05-09T08:00:00Z");
    const { caller, req } = await sessionOf(desk);
    const current = (await caller.session.list()).find((s) => s.isCurrent)!;
    expect(await caller.session.end({ sessionId: current.id })).toEqual({ endedCurrent: true });
    expect(req.setCookies.vigil_session).toBe("");
    expect((await sessionOf(desk)).user).toBeNull();
  });
});

describe("user agent summaries", () => {
  it.each([
    [CHROME_LINUX, "Chrome 156 on Linux"],
    [FIREFOX_WINDOWS, "Firefox 140 on Windows"],
    [SAFARI_IPHONE, "Safari 18 on iOS"],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
      "Edge 140 on macOS",
    ],
    [
      "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36",
      "Chrome 139 on Android",
    ],
    ["curl/8.5.0", "curl/8.5.0"],
    [null, "Unknown device"],
  ])("%s → %s", (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected);
  });
});
