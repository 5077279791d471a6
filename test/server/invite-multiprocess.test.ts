// Invite codes across real server processes on one PostgreSQL: concurrent redemptions through two servers never
// exceed a code's uses, and a batch whose server is killed mid-issue is finished by the next one, exactly.
// (PGlite is one process's database, so this test always runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { generateCodes } from "../../server/domain/invites/code-format.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { TEST_KEY } from "../support/platform.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";

describe("invites with several server processes on PostgreSQL", () => {
  let db: Database;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const shared = await createSharedPostgresDatabase("invites");
    db = shared.db;
    env = { DATABASE_URL: shared.url, VIGIL_PLATFORM_KEYS: `${TEST_KEY.id}:${TEST_KEY.secret}` };
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
  });

  it(
    "lets exactly 5 of 50 concurrent redemptions through two servers redeem a 5-use code",
    { timeout: 120_000 },
    async () => {
      const staff = await createStaff(db, "admin");
      const wave = await db.prisma.inviteWave.create({
        data: { name: "Concurrency", targetSize: 50, usesPerCode: 5, status: "active", createdById: staff.id },
      });
      const [code] = generateCodes(1);
      await db.prisma.inviteCode.create({ data: { code: code!, waveId: wave.id, maxUses: 5 } });
      const accounts = Array.from({ length: 50 }, (_, i) => ({
        id: `mp_acc_${i}`,
        handle: `mp_acc_${i}`,
        displayName: `MP ${i}`,
        createdAt: new Date(),
      }));
      await db.prisma.account.createMany({ data: accounts });

      servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
      const results = await Promise.all(
        accounts.map(async (a, i) => {
          const body = JSON.stringify({ code, accountId: a.id });
          const res = await fetch(`${servers[i % 2]!.url}/api/v1/invites/redeem`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...signedHeaders(TEST_KEY, { method: "POST", path: "/api/v1/invites/redeem", body }, new Date()),
            },
            body,
          });
          return { status: res.status, body: (await res.json()) as { reason?: string } };
        }),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(5);
      expect(results.filter((r) => r.status === 422).map((r) => r.body.reason)).toEqual(Array(45).fill("exhausted"));
      expect(await db.prisma.inviteCode.findUniqueOrThrow({ where: { code: code! } })).toMatchObject({ useCount: 5 });
      expect(await db.prisma.redemption.count()).toBe(5);
      await Promise.all(servers.splice(0).map((s) => s.stop()));
    },
  );

  it(
    "finishes a batch whose server was killed mid-issue, with exactly the codes asked for",
    { timeout: 180_000 },
    async () => {
      const admin = await createStaff(db, "admin");
      const cookie = `vigil_session=${await sessionTokenFor(db, admin)}`;
      const wave = await db.prisma.inviteWave.create({
        data: { name: "Crash", targetSize: 300_000, usesPerCode: 1, createdById: admin.id },
      });
      const size = 300_000;

      const first = await startServerProcess(env);
      servers.push(first);
      const res = await fetch(`${first.url}/trpc/inviteWave.issueBatch`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ waveId: wave.id, count: size }),
      });
      expect(res.status).toBe(200);
      const batchId = ((await res.json()) as { result: { data: { id: string } } }).result.data.id;

      // kill -9 once the first chunks are in, well before the end
      const deadline = Date.now() + 60_000;
      for (;;) {
        const b = await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id: batchId } });
        if (b.issuedCount > 0) break;
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 20));
      }
      await first.kill();
      servers.splice(servers.indexOf(first), 1);
      const atCrash = await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id: batchId } });
      expect(atCrash.status).toBe("issuing");
      expect(atCrash.issuedCount).toBeLessThan(size);
      expect(await db.prisma.inviteCode.count({ where: { batchId } })).toBe(atCrash.issuedCount);

      servers.push(await startServerProcess(env));
      for (;;) {
        const b = await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id: batchId } });
        if (b.status !== "issuing") break;
        expect(Date.now()).toBeLessThan(deadline + 60_000);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({
        status: "complete",
        issuedCount: size,
      });
      expect(await db.prisma.inviteCode.count({ where: { batchId } })).toBe(size);
    },
  );
});
