// Staff sign-in: sessions in the database behind an httpOnly cookie, expiry, brute-force limits, audit.
// (The limits under concurrency and their design: sign-in-limits.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { trpcHttp, type TrpcErrorBody } from "../support/http.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { tamperWithAuditLog } from "../support/audit.ts";
import type { SessionUser } from "../../server/trpc.ts";

function sessionCookieFrom(headers: Headers): string {
  const setCookie = headers.get("set-cookie") ?? "";
  const match = /vigil_session=([^;]*)/.exec(setCookie);
  return match ? `vigil_session=${match[1]}` : "";
}

const clock = (start: Date) => {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

describe("staff sign-in", () => {
  let db: Database;
  let moderator: SessionUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator", "Ana Moderator");
  });
  afterAll(() => db.close());

  it("signs in with the right password and sets a hardened session cookie", async () => {
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email.toUpperCase(), password: TEST_PASSWORD },
      { ip: "198.51.100.1" },
    );
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^vigil_session=[\w-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");

    const me = await trpcHttp(db, "auth.me", "query", undefined, { cookie: sessionCookieFrom(res.headers) });
    expect(me.body).toMatchObject({
      result: { data: { email: moderator.email, role: "moderator", displayName: "Ana Moderator" } },
    });
  });

  it("stores only a hash of the session token", async () => {
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { ip: "198.51.100.2" },
    );
    const token = sessionCookieFrom(res.headers).split("=")[1]!;
    expect(await db.prisma.session.count({ where: { id: token } })).toBe(0);
  });

  it("refuses a wrong password with a clear message and creates no session", async () => {
    const sessionsBefore = await db.prisma.session.count();
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: "wrong password!" },
      { ip: "198.51.100.3" },
    );
    expect(res.status).toBe(401);
    expect((res.body as TrpcErrorBody).error.message).toBe("Email or password is incorrect.");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await db.prisma.session.count()).toBe(sessionsBefore);
  });

  it("gives the same answer for an unknown email", async () => {
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: "nobody@vigil.test", password: "whatever-it-is" },
      { ip: "198.51.100.4" },
    );
    expect(res.status).toBe(401);
    expect((res.body as TrpcErrorBody).error.message).toBe("Email or password is incorrect.");
  });

  it("refuses an 11th attempt from the address that failed 10 times in a row, states the wait, and not from elsewhere", async () => {
    const victim = await createStaff(db, "staff");
    const c = clock(new Date("2026-03-02T10:00:00Z"));
    for (let i = 0; i < 10; i++) {
      const res = await trpcHttp(
        db,
        "auth.signIn",
        "mutation",
        { email: victim.email, password: `guess-${i}` },
        { now: c.now, ip: "192.0.2.10" },
      );
      expect(res.status, `attempt ${i + 1}`).toBe(401);
      c.advance(30_000);
    }
    // Refused from that address now, even with the right password.
    const locked = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: victim.email, password: TEST_PASSWORD },
      { now: c.now, ip: "192.0.2.10" },
    );
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("600");
    const err = (locked.body as TrpcErrorBody).error;
    expect(err.message).toBe("Too many failed sign-ins. Try again in 10 minutes.");
    expect(err.data.retryAfterSeconds).toBe(600);

    // The person themselves, from another address, is not locked out.
    const elsewhere = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: victim.email, password: TEST_PASSWORD },
      { now: c.now, ip: "192.0.2.99" },
    );
    expect(elsewhere.status).toBe(200);

    // When the run's window (from its first failure) ends, that address may try again.
    c.advance(600_000);
    const after = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: victim.email, password: TEST_PASSWORD },
      { now: c.now, ip: "192.0.2.10" },
    );
    expect(after.status).toBe(200);
  });

  it("a success resets the run of failures", async () => {
    const user = await createStaff(db, "moderator");
    const c = clock(new Date("2026-03-03T10:00:00Z"));
    // Spaced wider than the slow-down, which the account reaches after its 10th failure.
    const attempt = (password: string) => {
      c.advance(DEFAULT_AUTH_CONFIG.slowdownSeconds * 1000 + 1_000);
      return trpcHttp(
        db,
        "auth.signIn",
        "mutation",
        { email: user.email, password },
        { now: c.now, ip: "192.0.2.200" },
      );
    };
    for (let i = 0; i < 9; i++) expect((await attempt("nope-nope-nope")).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await attempt("nope-nope-nope")).status).toBe(401);
    expect((await attempt(TEST_PASSWORD)).status).toBe(429);
  });

  it("rate-limits an IP that fails across many accounts", async () => {
    const c = clock(new Date("2026-03-04T10:00:00Z"));
    const auth = { ...DEFAULT_AUTH_CONFIG, maxFailuresPerIp: 5 };
    for (let i = 0; i < 5; i++) {
      const res = await trpcHttp(
        db,
        "auth.signIn",
        "mutation",
        { email: `spray-${i}@example.com`, password: "password123!" },
        { now: c.now, auth, ip: "203.0.113.50" },
      );
      expect(res.status).toBe(401);
    }
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { now: c.now, auth, ip: "203.0.113.50" },
    );
    expect(res.status).toBe(429);
    const other = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { now: c.now, auth, ip: "203.0.113.51" },
    );
    expect(other.status).toBe(200);
  });

  it("expires a session after the idle timeout and after the absolute lifetime", async () => {
    const c = clock(new Date("2026-03-05T08:00:00Z"));
    const signIn = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { now: c.now, ip: "198.51.100.9" },
    );
    const cookie = sessionCookieFrom(signIn.headers);
    const me = async () =>
      (
        (await trpcHttp(db, "auth.me", "query", undefined, { cookie, now: c.now })).body as {
          result: { data: unknown };
        }
      ).result.data;

    // Active use keeps it alive past the idle timeout…
    for (let i = 0; i < 4; i++) {
      c.advance(20 * 60_000);
      expect(await me()).not.toBeNull();
    }
    // …but 31 idle minutes end it.
    c.advance(31 * 60_000);
    expect(await me()).toBeNull();

    const c2 = clock(new Date("2026-03-06T08:00:00Z"));
    const again = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { now: c2.now, ip: "198.51.100.9" },
    );
    const cookie2 = sessionCookieFrom(again.headers);
    for (let i = 0; i < 12 * 3; i++) {
      c2.advance(20 * 60_000);
      const data = (
        (await trpcHttp(db, "auth.me", "query", undefined, { cookie: cookie2, now: c2.now })).body as {
          result: { data: unknown };
        }
      ).result.data;
      if (i < 35) expect(data, `after ${(i + 1) * 20} minutes`).not.toBeNull();
      else expect(data, "after 12 hours").toBeNull();
    }
  });

  it("signs out: the cookie is cleared and the session no longer works", async () => {
    const signIn = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: moderator.email, password: TEST_PASSWORD },
      { ip: "198.51.100.10" },
    );
    const cookie = sessionCookieFrom(signIn.headers);
    const out = await trpcHttp(db, "auth.signOut", "mutation", undefined, { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const me = await trpcHttp(db, "auth.me", "query", undefined, { cookie });
    expect(me.body).toEqual({ result: { data: null } });
  });

  it("a disabled staff member cannot sign in", async () => {
    const gone = await createStaff(db, "moderator");
    await db.prisma.staffUser.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const res = await trpcHttp(
      db,
      "auth.signIn",
      "mutation",
      { email: gone.email, password: TEST_PASSWORD },
      { ip: "198.51.100.11" },
    );
    expect(res.status).toBe(401);
  });

  it("audits sign-ins, failures and sign-outs in an intact hash chain", async () => {
    const actions = (await db.prisma.auditLog.findMany({ select: { action: true } })).map((r) => r.action);
    expect(actions).toContain("auth.sign_in");
    expect(actions).toContain("auth.sign_in_failed");
    expect(actions).toContain("auth.sign_out");
    const logged = JSON.stringify(await db.prisma.auditLog.findMany(), (_k, v) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    expect(logged).not.toContain(TEST_PASSWORD);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });

    const victim = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in" } });
    await tamperWithAuditLog(db, () =>
      db.prisma.auditLog.update({ where: { id: victim.id }, data: { ip: "10.9.9.9" } }),
    );
    const check = await verifyAuditChain(db.prisma);
    expect(check.ok).toBe(false);
    expect(check.brokenAtId).toBe(victim.id);
  });
});
