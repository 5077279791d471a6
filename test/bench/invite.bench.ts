// Invite codes at launch scale on PostgreSQL:
// - issuing a million codes through the real chunked issuer, against one INSERT … SELECT generate_series of a
//   million rows into a bare copy of the table with the same indexes (the database's own floor);
// - the p95 of signed redemptions through POST /api/v1/invites/redeem, one at a time, against the p95 of the bare
//   conditional UPDATE + INSERT they are built on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../../server/http/app.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { createBatch, runBatch } from "../../server/domain/invites/issuing.ts";
import type { BenchContext, Measure } from "./support.ts";

const ISSUE = Number(process.env.BENCH_INVITE_CODES ?? 1_000_000);
const REDEEM = Number(process.env.BENCH_INVITE_REDEMPTIONS ?? 2_000);
const KEY = { id: "bench", secret: "bench-secret-bench-secret" };

async function benchAdmin(ctx: BenchContext) {
  return ctx.db.prisma.staffUser.upsert({
    where: { email: "invite-bench@vigil.test" },
    update: {},
    create: { email: "invite-bench@vigil.test", displayName: "Invite bench", role: "admin", passwordHash: "x" },
  });
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

export const measures: Measure[] = [
  {
    name: "invite_issue_1m_s",
    async run(ctx) {
      const admin = await benchAdmin(ctx);
      const wave = await ctx.db.prisma.inviteWave.create({
        data: { name: `bench ${new Date().toISOString()}`, targetSize: ISSUE, usesPerCode: 1, createdById: admin.id },
      });
      const started = performance.now();
      const { id } = await createBatch(ctx.db, { waveId: wave.id, count: ISSUE }, { id: admin.id }, new Date());
      await runBatch(ctx.db, id, { now: () => new Date() });
      const value = (performance.now() - started) / 1000;
      const batch = await ctx.db.prisma.inviteBatch.findUniqueOrThrow({ where: { id } });
      if (batch.status !== "complete" || batch.issuedCount !== ISSUE)
        throw new Error(`batch ended ${batch.status} at ${batch.issuedCount}`);
      ctx.log(`bench: issued ${ISSUE} codes in ${value.toFixed(2)} s`);

      await ctx.db.sql.exec(
        `DROP TABLE IF EXISTS bench_invite_code; CREATE TABLE bench_invite_code (LIKE "InviteCode" INCLUDING ALL)`,
      );
      const t = performance.now();
      await ctx.db.sql.query(
        `INSERT INTO bench_invite_code ("id", "code", "waveId", "batchId", "maxUses", "useCount", "status", "createdAt")
         SELECT gen_random_uuid(), 'BENCH-' || i, $1::uuid, $2::uuid, 1, 0, 'active', now()
           FROM generate_series(1, $3::int) AS i`,
        [wave.id, id, ISSUE],
      );
      const baseline = (performance.now() - t) / 1000;
      await ctx.db.sql.exec(`DROP TABLE IF EXISTS bench_invite_code`);
      // Runs start from the same table size, so they compare (a million codes per run would otherwise pile up).
      await ctx.db.sql.query(`DELETE FROM "InviteCode" WHERE "batchId" = $1::uuid`, [id]);
      await ctx.db.sql.query(`DELETE FROM "InviteBatch" WHERE "id" = $1::uuid`, [id]);
      await ctx.db.sql.exec(`VACUUM ANALYZE "InviteCode"`);
      return { value, baseline };
    },
  },
  {
    name: "invite_redeem_p95_ms",
    async run(ctx) {
      const admin = await benchAdmin(ctx);
      const run = `r${Date.now().toString(36)}`;
      const wave = await ctx.db.prisma.inviteWave.create({
        data: {
          name: `bench redeem ${run}`,
          targetSize: REDEEM * 2,
          usesPerCode: 1,
          status: "active",
          regions: ["US", "DE"],
          platforms: ["ios", "android"],
          allotment: 0,
          createdById: admin.id,
        },
      });
      const { id } = await createBatch(ctx.db, { waveId: wave.id, count: REDEEM * 2 }, { id: admin.id }, new Date());
      await runBatch(ctx.db, id, { now: () => new Date() });
      const codes = (await ctx.db.prisma.inviteCode.findMany({ where: { batchId: id }, select: { code: true } })).map(
        (c) => c.code,
      );
      await ctx.db.prisma.account.createMany({
        data: Array.from({ length: REDEEM * 2 }, (_, i) => ({
          id: `${run}-a${i}`,
          handle: `${run}_a${i}`,
          displayName: `Bench ${i}`,
          createdAt: new Date(),
        })),
      });

      const app = createApp({
        db: ctx.db,
        auth: DEFAULT_AUTH_CONFIG,
        log: silentLogger,
        now: () => new Date(),
        clientDir: null,
        platformKeys: new Map([[KEY.id, KEY.secret]]),
        ingestRequestsPerMinute: 10_000_000,
      });
      const server = http.createServer(app);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/invites/redeem`;
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      // fetch pools connections too, but node:http with one kept-alive socket measures the server, not connection setup
      const post = (body: string, headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request(
            url,
            { method: "POST", agent, headers: { "content-type": "application/json", ...headers } },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("error", reject);
          req.end(body);
        });
      const samples: number[] = [];
      try {
        for (let i = 0; i < REDEEM; i++) {
          const body = JSON.stringify({ code: codes[i], accountId: `${run}-a${i}`, region: "US", platform: "ios" });
          // signed before the clock starts: the platform's signing is its own cost, not Vigil's answer time
          const headers = signedHeaders(KEY, { method: "POST", path: "/api/v1/invites/redeem", body }, new Date());
          const t = performance.now();
          const status = await post(body, headers);
          const ms = performance.now() - t;
          if (status !== 200) throw new Error(`redemption answered ${status}`);
          if (i >= 100) samples.push(ms);
        }
      } finally {
        agent.destroy();
        await new Promise((r) => server.close(r));
      }
      const value = p95(samples);
      ctx.log(
        `bench: redemption median ${samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!.toFixed(2)} ms, p95 ${value.toFixed(2)} ms over ${samples.length}`,
      );

      // Baseline: the statements a redemption cannot do without, sent bare in one transaction on one connection.
      const baseSamples: number[] = [];
      for (let i = REDEEM; i < REDEEM * 2; i++) {
        const t = performance.now();
        await ctx.db.sql.query(
          `WITH used AS (UPDATE "InviteCode" SET "useCount" = "useCount" + 1 WHERE "code" = $1 AND "useCount" < "maxUses" RETURNING "id")
           INSERT INTO "Redemption" ("id", "codeId", "accountId", "redeemedAt") SELECT gen_random_uuid(), used."id", $2, now() FROM used`,
          [codes[i], `${run}-a${i}`],
        );
        if (i >= REDEEM + 100) baseSamples.push(performance.now() - t);
      }
      return { value, baseline: p95(baseSamples) };
    },
  },
];
