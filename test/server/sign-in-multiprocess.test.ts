// Sign-in limits across two real server processes on one PostgreSQL: concurrent wrong passwords sent to both
// never get more password checks than the limits allow. The servers sit behind one trusted proxy hop
// (VIGIL_TRUST_PROXY=1), played by this test, so each run can come from an address of its own.
// The servers run on their own clocks; every assertion here is a count, independent of the date.
// (PGlite is one process's database, so this test always runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { createStaff } from "../support/staff.ts";

describe("sign-in limits with several server processes on PostgreSQL", () => {
  let db: Database;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const shared = await createSharedPostgresDatabase("signin");
    db = shared.db;
    const env = { DATABASE_URL: shared.url, VIGIL_TRUST_PROXY: "1" };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
  });

  /** One sign-in through server i % 2, as the proxy forwards it for `clientIp`. */
  async function signIn(i: number, email: string, password: string, clientIp: string) {
    const res = await fetch(`${servers[i % 2]!.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": clientIp },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { error?: { message: string; data: { retryAfterSeconds?: number } } };
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body };
  }

  const statuses = (results: { status: number }[]) => ({
    401: results.filter((r) => r.status === 401).length,
    429: results.filter((r) => r.status === 429).length,
    other: results.filter((r) => r.status !== 401 && r.status !== 429).length,
  });

  it.each([1, 2, 3])(
    "100 concurrent wrong passwords for one account through two servers: 10 are checked (run %i)",
    { timeout: 120_000 },
    async (run) => {
      const victim = await createStaff(db, "staff");
      const ip = `198.51.100.${run}`;
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => signIn(i, victim.email, `guess ${run}-${i}`, ip)),
      );
      expect(statuses(results)).toEqual({ 401: 10, 429: 90, other: 0 });
      expect(await db.prisma.signInAttempt.count({ where: { email: victim.email, ip } })).toBe(10);
      for (const r of results.filter((x) => x.status === 429)) {
        expect(r.body.error!.message).toMatch(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/);
        expect(Number(r.retryAfter)).toBe(r.body.error!.data.retryAfterSeconds);
        expect(Number(r.retryAfter)).toBeGreaterThan(0);
        expect(Number(r.retryAfter)).toBeLessThanOrEqual(15 * 60);
      }
    },
  );

  it.each([1, 2, 3])(
    "150 concurrent failures from one address over 30 accounts through two servers: 50 are checked (run %i)",
    { timeout: 120_000 },
    async (run) => {
      const accounts = await Promise.all(Array.from({ length: 30 }, () => createStaff(db, "moderator")));
      const ip = `198.51.100.${10 + run}`;
      const results = await Promise.all(
        Array.from({ length: 150 }, (_, i) => signIn(i, accounts[i % 30]!.email, `spray ${i}`, ip)),
      );
      expect(statuses(results)).toEqual({ 401: 50, 429: 100, other: 0 });
      expect(await db.prisma.signInAttempt.count({ where: { ip } })).toBe(50);
    },
  );
});
