// Ingest throughput through POST /api/v1/events (signature check, validation, mirroring, folding into cases,
// re-scoring, audit) against plain multi-row INSERTs of the same rows into bare copies of the tables.
import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { createApp } from "../../server/http/app.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import type { Measure } from "./support.ts";

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 20_000);
const BATCH = 1_000;
const KEY = { id: "bench", secret: "bench-secret-bench-secret" };

function traffic(run: string): PlatformEvent[][] {
  const at = new Date().toISOString();
  const batches: PlatformEvent[][] = [];
  for (let b = 0; b < EVENTS / BATCH; b++) {
    const events: PlatformEvent[] = [];
    const p = `${run}-${b}`;
    for (let a = 0; a < 100; a++) {
      events.push({
        id: `${p}-a${a}`,
        type: "account.upserted",
        occurredAt: at,
        data: { id: `${p}-acc${a}`, handle: `${p}_h${a}`, displayName: `Bench ${a}`, createdAt: at },
      });
    }
    for (let i = 0; i < 200; i++) {
      events.push({
        id: `${p}-p${i}`,
        type: "post.published",
        occurredAt: at,
        data: {
          id: `${p}-post${i}`,
          creatorId: `${p}-acc${i % 100}`,
          prompt: `bench clip ${i}`,
          durationMs: 6_000,
          contentHash: crypto.createHash("sha256").update(`${p}${i}`).digest("hex"),
          keyframes: [],
          cameoIds: [],
          hasC2pa: false,
          hasWatermark: false,
          viewCount: i * 10,
          remixCount: i % 7,
          createdAt: at,
        },
      });
    }
    // Several signals per post, so folding joins existing cases as well as opening new ones.
    for (let s = 0; s < 700; s++) {
      const postId = `${p}-post${s % 200}`;
      events.push(
        s % 2
          ? {
              id: `${p}-s${s}`,
              type: "flag.raised",
              occurredAt: at,
              data: { postId, model: "vigil-nsfw-v3", category: "violence", score: (s % 97) / 100, frames: [] },
            }
          : {
              id: `${p}-s${s}`,
              type: "report.filed",
              occurredAt: at,
              data: {
                subject: { type: "post", id: postId },
                reporterId: `${p}-acc${s % 100}`,
                reason: s % 4 ? "harassment" : "deepfake",
              },
            },
      );
    }
    batches.push(events);
  }
  return batches;
}

export const measures: Measure[] = [
  {
    name: "ingest_events_per_s",
    async run(ctx) {
      const run = `b${Date.now().toString(36)}`;
      const batches = traffic(run);
      const app = createApp({
        db: ctx.db,
        auth: DEFAULT_AUTH_CONFIG,
        log: silentLogger,
        now: () => new Date(),
        clientDir: null,
        platformKeys: new Map([[KEY.id, KEY.secret]]),
        ingestRequestsPerMinute: 1_000_000,
      });
      const server = http.createServer(app);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/events`;
      let value = 0;
      try {
        const started = performance.now();
        for (const events of batches) {
          const body = JSON.stringify({ events });
          const res = await fetch(url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...signedHeaders(KEY, { method: "POST", path: "/api/v1/events", body }, new Date()),
            },
            body,
          });
          if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        }
        value = EVENTS / ((performance.now() - started) / 1000);
      } finally {
        await new Promise((r) => server.close(r));
      }

      // Baseline: the same rows as plain multi-row INSERTs, one statement per table per batch, no logic at all.
      await ctx.db.sql.exec(`DROP TABLE IF EXISTS bench_account, bench_post, bench_signal;
        CREATE TEMP TABLE bench_account (LIKE "Account" INCLUDING DEFAULTS);
        CREATE TEMP TABLE bench_post (LIKE "Post" INCLUDING DEFAULTS);
        CREATE TEMP TABLE bench_signal (LIKE "Signal" INCLUDING DEFAULTS)`);
      const started = performance.now();
      for (const events of traffic(`${run}x`)) {
        const values = (rows: unknown[][]) =>
          rows
            .map(
              (r) =>
                `(${r.map((v) => (typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`)).join(",")})`,
            )
            .join(",");
        const accounts = events
          .filter((e) => e.type === "account.upserted")
          .map((e) => {
            const d = (e as Extract<PlatformEvent, { type: "account.upserted" }>).data;
            return [d.id, d.handle, d.displayName, d.createdAt, d.createdAt];
          });
        const posts = events
          .filter((e) => e.type === "post.published")
          .map((e) => {
            const d = (e as Extract<PlatformEvent, { type: "post.published" }>).data;
            return [
              d.id,
              d.creatorId,
              d.prompt,
              d.durationMs,
              `/media/posts/${d.id}/poster.svg`,
              d.contentHash,
              d.createdAt,
              d.createdAt,
            ];
          });
        const signals = events
          .filter((e) => e.type === "flag.raised" || e.type === "report.filed")
          .map((e) => [crypto.randomUUID(), "user_report", "post", crypto.randomUUID(), e.id, e.occurredAt]);
        await ctx.db.sql
          .exec(`INSERT INTO bench_account ("id","handle","displayName","createdAt","updatedAt") VALUES ${values(accounts)};
          INSERT INTO bench_post ("id","creatorId","prompt","durationMs","posterUrl","contentHash","createdAt","updatedAt") VALUES ${values(posts)};
          INSERT INTO bench_signal ("id","kind","subjectType","caseId","platformEventId","occurredAt") VALUES ${values(signals)}`);
      }
      const baseline = EVENTS / ((performance.now() - started) / 1000);
      await ctx.db.sql.exec(`DROP TABLE IF EXISTS bench_account, bench_post, bench_signal`);
      return { value, baseline };
    },
  },
];
