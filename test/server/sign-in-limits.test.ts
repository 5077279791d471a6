// Sign-in limits under concurrency, through the real router in-process: every attempt is counted before its
// password is checked, so concurrent wrong passwords cannot pass a limit; and the design (per account × address,
// per address, per account with a slow-down) keeps a stranger from locking the real person out.
// (The same attacks through two server processes on PostgreSQL: sign-in-multiprocess.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from "../../server/config.ts";
import { DomainError } from "../../server/lib/errors.ts";
import { createTestDatabase } from "../support/db.ts";
import { callerFor, fakeRequest } from "../support/caller.ts";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { pruneSignInLimits } from "../../server/domain/auth/sign-in-limits.ts";

const clock = (start: string) => {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

interface Outcome {
  result: "signed_in" | "wrong" | "limited";
  message?: string;
  retryAfterSeconds?: number;
}

function attempt(
  db: Database,
  now: () => Date,
  input: { email: string; password: string; ip: string; auth?: AuthConfig },
): Promise<Outcome> {
  const caller = callerFor(db, null, {
    now,
    auth: input.auth ?? DEFAULT_AUTH_CONFIG,
    req: fakeRequest({ ip: input.ip }),
  });
  return caller.auth.signIn({ email: input.email, password: input.password }).then(
    () => ({ result: "signed_in" }),
    (err: unknown) => {
      if (!(err instanceof TRPCError)) throw err;
      if (err.code === "UNAUTHORIZED") return { result: "wrong", message: err.message };
      if (err.code === "TOO_MANY_REQUESTS") {
        return {
          result: "limited",
          message: err.message,
          retryAfterSeconds: (err.cause as DomainError).retryAfterSeconds,
        };
      }
      throw err;
    },
  );
}

const tally = (outcomes: Outcome[]) => ({
  signed_in: outcomes.filter((o) => o.result === "signed_in").length,
  wrong: outcomes.filter((o) => o.result === "wrong").length,
  limited: outcomes.filter((o) => o.result === "limited").length,
});

describe("sign-in limits", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** Password checks that happened: each one, and only those, leaves a sign-in attempt row. */
  const evaluated = (where: { email?: string; ip?: string }) => db.prisma.signInAttempt.count({ where });

  it.each([1, 2, 3])(
    "100 concurrent wrong passwords for one account from one address: 10 are checked, 90 get 429 (run %i)",
    async (run) => {
      const c = clock(`2026-04-0${run}T09:00:00Z`);
      const victim = await createStaff(db, "staff");
      const ip = `198.51.100.${run}`;
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          attempt(db, c.now, { email: victim.email, password: `guess ${run}-${i}`, ip }),
        ),
      );
      expect(tally(outcomes)).toEqual({ signed_in: 0, wrong: 10, limited: 90 });
      expect(await evaluated({ email: victim.email, ip })).toBe(10);
      for (const o of outcomes.filter((x) => x.result === "limited")) {
        expect(o).toEqual({
          result: "limited",
          message: "Too many failed sign-ins. Try again in 15 minutes.",
          retryAfterSeconds: 900,
        });
      }
      const locks = await db.prisma.auditLog.findMany({
        where: { action: "auth.sign_in_locked", subjectId: victim.id },
      });
      expect(locks.map((l) => l.details)).toEqual([
        {
          scope: "account_ip",
          email: victim.email,
          failures: 10,
          until: new Date(c.now().getTime() + 900_000).toISOString(),
        },
      ]);
    },
  );

  it.each([1, 2, 3])(
    "150 concurrent failures from one address spread over 30 accounts: 50 are checked, 100 get 429 (run %i)",
    async (run) => {
      const c = clock(`2026-04-1${run}T09:00:00Z`);
      const accounts = await Promise.all(Array.from({ length: 30 }, () => createStaff(db, "moderator")));
      const ip = `198.51.100.${10 + run}`;
      const outcomes = await Promise.all(
        Array.from({ length: 150 }, (_, i) =>
          attempt(db, c.now, { email: accounts[i % 30]!.email, password: `spray ${i}`, ip }),
        ),
      );
      expect(tally(outcomes)).toEqual({ signed_in: 0, wrong: 50, limited: 100 });
      expect(await evaluated({ ip })).toBe(50);
      expect(new Set(outcomes.filter((o) => o.result === "limited").map((o) => o.message))).toEqual(
        new Set(["Too many failed sign-ins from your network. Try again in 15 minutes."]),
      );
      expect(
        await db.prisma.auditLog.count({
          where: { action: "auth.sign_in_locked", ip, details: { path: ["scope"], equals: "ip" } },
        }),
      ).toBe(1);
    },
  );

  it("an over-limit attempt gets the same answer whether its password is right or wrong, and no session", async () => {
    const c = clock("2026-04-20T09:00:00Z");
    const victim = await createStaff(db, "admin");
    const ip = "198.51.100.20";
    for (let i = 0; i < 10; i++) await attempt(db, c.now, { email: victim.email, password: `guess ${i}`, ip });
    c.advance(60_000);
    const sessions = await db.prisma.session.count({ where: { userId: victim.id } });
    const right = await attempt(db, c.now, { email: victim.email, password: TEST_PASSWORD, ip });
    const wrong = await attempt(db, c.now, { email: victim.email, password: "another guess", ip });
    expect(right).toEqual({
      result: "limited",
      message: "Too many failed sign-ins. Try again in 14 minutes.",
      retryAfterSeconds: 840,
    });
    expect(wrong).toEqual(right);
    expect(await db.prisma.session.count({ where: { userId: victim.id } })).toBe(sessions);
    expect(await evaluated({ email: victim.email, ip })).toBe(10);
  });

  it("a stranger locked out on one address does not lock the real person out: from elsewhere they wait at most the slow-down", async () => {
    const c = clock("2026-04-21T09:00:00Z");
    const person = await createStaff(db, "staff");
    const stranger = "203.0.113.66";
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(db, c.now, { email: person.email, password: `guess ${i}`, ip: stranger }),
      ),
    );
    expect(tally(outcomes)).toEqual({ signed_in: 0, wrong: 10, limited: 30 });

    // At the same moment, the account is in its slow-down: one attempt per 5 seconds, whoever makes it.
    const atOnce = await attempt(db, c.now, { email: person.email, password: TEST_PASSWORD, ip: "192.0.2.44" });
    expect(atOnce).toEqual({
      result: "limited",
      message: "This account has had many failed sign-ins, so attempts are spaced out. Try again in 5 seconds.",
      retryAfterSeconds: 5,
    });
    c.advance(5_000);
    // The stranger stays refused, and their refused attempts do not hold the account's slow-down.
    expect((await attempt(db, c.now, { email: person.email, password: "guess again", ip: stranger })).result).toBe(
      "limited",
    );
    expect(await attempt(db, c.now, { email: person.email, password: TEST_PASSWORD, ip: "192.0.2.44" })).toEqual({
      result: "signed_in",
    });
    expect(await evaluated({ email: person.email })).toBe(11);
  });

  it("a guess spread over many addresses meets the slow-down, then the per-account ceiling, until the window ends", async () => {
    const c = clock("2026-04-22T09:00:00Z");
    const auth: AuthConfig = { ...DEFAULT_AUTH_CONFIG, maxFailures: 3, maxFailuresPerAccount: 8, slowdownSeconds: 5 };
    const person = await createStaff(db, "admin");
    const from = (n: number) => `10.20.${Math.floor(n / 250)}.${n % 250}`;
    let next = 0;
    const wave = (size: number) =>
      Promise.all(
        Array.from({ length: size }, () =>
          attempt(db, c.now, { email: person.email, password: "a guess", ip: from(next++), auth }),
        ),
      );

    // Below maxFailures (3) attempts are not spaced: three at once are all checked.
    expect(tally(await wave(3))).toEqual({ signed_in: 0, wrong: 3, limited: 0 });
    // Then one attempt per 5 seconds for the whole account, however many addresses try at once.
    for (let step = 0; step < 5; step++) {
      const refused = await wave(20);
      expect(tally(refused)).toEqual({ signed_in: 0, wrong: 0, limited: 20 });
      c.advance(5_000);
      expect(tally(await wave(20))).toEqual({ signed_in: 0, wrong: 1, limited: 19 });
    }
    expect(await evaluated({ email: person.email })).toBe(8);

    // Eight failures: the ceiling. Now the account is refused for everyone until its window ends.
    c.advance(5_000);
    const ceiling = await attempt(db, c.now, { email: person.email, password: TEST_PASSWORD, ip: "192.0.2.45", auth });
    expect(ceiling).toEqual({
      result: "limited",
      message: "Too many failed sign-ins for this account. Try again in 15 minutes.",
      retryAfterSeconds: 870,
    });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "auth.sign_in_locked", subjectId: person.id, details: { path: ["scope"], equals: "account" } },
      }),
    ).toBe(1);
    c.advance(870_000);
    expect(await attempt(db, c.now, { email: person.email, password: TEST_PASSWORD, ip: "192.0.2.45", auth })).toEqual({
      result: "signed_in",
    });
    expect(await evaluated({ email: person.email })).toBe(9);
  });

  it("successful sign-ins do not count against an address", async () => {
    const c = clock("2026-04-23T09:00:00Z");
    const auth: AuthConfig = { ...DEFAULT_AUTH_CONFIG, maxFailuresPerIp: 3 };
    const office = "192.0.2.150";
    const colleagues = await Promise.all(Array.from({ length: 5 }, () => createStaff(db, "moderator")));
    for (const colleague of colleagues) {
      c.advance(1_000);
      expect(await attempt(db, c.now, { email: colleague.email, password: TEST_PASSWORD, ip: office, auth })).toEqual({
        result: "signed_in",
      });
    }
    for (let i = 0; i < 3; i++) {
      c.advance(1_000);
      expect(
        (await attempt(db, c.now, { email: colleagues[i]!.email, password: "typo typo", ip: office, auth })).result,
      ).toBe("wrong");
    }
    c.advance(1_000);
    expect(
      (await attempt(db, c.now, { email: colleagues[4]!.email, password: TEST_PASSWORD, ip: office, auth })).result,
    ).toBe("limited");
  });

  it("prunes counts once their window has ended, and only those", async () => {
    const c = clock("2026-04-25T09:00:00Z");
    const ip = "198.51.100.88";
    await attempt(db, c.now, { email: "pruned@vigil.test", password: "a guess", ip });
    const mine = { key: { in: [ip, "pruned@vigil.test", `pruned@vigil.test ${ip}`] } };
    expect(await db.prisma.signInLimit.count({ where: mine })).toBe(3);
    c.advance(15 * 60_000 - 1_000);
    await pruneSignInLimits(db.prisma, c.now(), DEFAULT_AUTH_CONFIG);
    expect(await db.prisma.signInLimit.count({ where: mine })).toBe(3);
    c.advance(1_000);
    await pruneSignInLimits(db.prisma, c.now(), DEFAULT_AUTH_CONFIG);
    expect(await db.prisma.signInLimit.count({ where: mine })).toBe(0);
  });

  it("unknown emails are limited the same way, so the answers do not tell which emails are staff", async () => {
    const c = clock("2026-04-24T09:00:00Z");
    const ip = "198.51.100.77";
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, () =>
        attempt(db, c.now, { email: "nobody-here@vigil.test", password: "whatever it is", ip }),
      ),
    );
    expect(tally(outcomes)).toEqual({ signed_in: 0, wrong: 10, limited: 5 });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
