// Crash safety of ingest: the server is killed with SIGKILL in the middle of a 10,000-event ingest while the
// sender retries every batch that was not acknowledged. After restarts, every event is in exactly once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { openDatabase, type Database, type DatabaseTarget } from "../../server/db/client.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { TEST_KEY } from "../support/platform.ts";
import { freePort, startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { dropPostgresDatabase } from "../support/db.ts";

const at = "2026-11-24T08:00:00Z";

function tenThousandEvents(): PlatformEvent[] {
  const events: PlatformEvent[] = [];
  for (let a = 0; a < 500; a++) {
    events.push({
      id: `crash-acc-${a}`,
      type: "account.upserted",
      occurredAt: at,
      data: { id: `cacc-${a}`, handle: `cacc_${a}`, displayName: `Account ${a}`, createdAt: at },
    });
  }
  for (let p = 0; p < 1_500; p++) {
    events.push({
      id: `crash-post-${p}`,
      type: "post.published",
      occurredAt: at,
      data: {
        id: `cpost-${p}`,
        creatorId: `cacc-${p % 500}`,
        prompt: `clip ${p}`,
        durationMs: 5_000,
        contentHash: p.toString(16).padStart(64, "0"),
        keyframes: [],
        cameoIds: [],
        hasC2pa: false,
        hasWatermark: false,
        viewCount: p,
        remixCount: 0,
        createdAt: at,
      },
    });
  }
  for (let s = 0; s < 8_000; s++) {
    const postId = `cpost-${s % 1_500}`;
    events.push(
      s % 3 === 0
        ? {
            id: `crash-flag-${s}`,
            type: "flag.raised",
            occurredAt: at,
            data: { postId, model: "vigil-nsfw-v3", category: "violence", score: (s % 100) / 100, frames: [] },
          }
        : {
            id: `crash-rep-${s}`,
            type: "report.filed",
            occurredAt: at,
            data: {
              subject: { type: "post", id: postId },
              reporterId: `cacc-${s % 500}`,
              reason: s % 2 ? "deepfake" : "harassment",
            },
          },
    );
  }
  return events;
}

describe("ingest survives SIGKILL", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-crash-"));
  const pgUrl = process.env.TEST_DATABASE_URL
    ? `${process.env.TEST_DATABASE_URL.replace(/\/[^/]*$/, "")}/vigil_t_crash_${process.pid}`
    : null;
  const target: DatabaseTarget = pgUrl ? { kind: "postgresql", url: pgUrl } : { kind: "pglite", dataDir };
  const env: Record<string, string> = {
    VIGIL_PLATFORM_KEYS: `${TEST_KEY.id}:${TEST_KEY.secret}`,
    VIGIL_INGEST_REQUESTS_PER_MINUTE: "100000",
  };
  if (pgUrl) env.DATABASE_URL = pgUrl;
  else env.VIGIL_DATA_DIR = dataDir;

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgUrl) {
      await dropPostgresDatabase(pgUrl, new URL(pgUrl).pathname.slice(1));
    }
  });

  it("every event sent is stored exactly once across two kills", { timeout: 240_000 }, async () => {
    const port = await freePort();
    let server: ServerProcess = await startServerProcess(env, port);
    const events = tenThousandEvents();
    const batches: PlatformEvent[][] = [];
    for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));

    const killAfter = new Set([25, 70]);
    let sent = 0;
    let kills = 0;
    for (let b = 0; b < batches.length; b++) {
      const body = JSON.stringify({ events: batches[b] });
      for (let attempt = 0; ; attempt++) {
        expect(attempt, `batch ${b} never got through`).toBeLessThan(600);
        // Settles to null when the connection dies (refused, or reset by the kill): then the batch is sent again.
        const request = fetch(`${server.url}/api/v1/events`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...signedHeaders(TEST_KEY, { method: "POST", path: "/api/v1/events", body }, new Date()),
          },
          body,
        }).then(
          async (res) => ({
            status: res.status,
            result: res.status === 200 ? ((await res.json()) as { accepted: number; duplicates: number }) : null,
          }),
          () => null,
        );
        if (killAfter.has(b) && attempt === 0) {
          // Kill while this batch is in flight: it may or may not have committed; the retry must not double it.
          await new Promise((r) => setTimeout(r, 15));
          await server.kill();
          kills++;
          server = await startServerProcess(env, port);
        }
        const res = await request;
        if (res?.result) {
          expect(res.result.accepted + res.result.duplicates).toBe(batches[b]!.length);
          break;
        }
        if (res) expect([429, 503]).toContain(res.status);
        await new Promise((r) => setTimeout(r, 100));
      }
      sent += batches[b]!.length;
    }
    expect(kills).toBe(2);
    const code = await server.stop();
    expect(code, server.output()).toBe(0);

    const db: Database = await openDatabase(target);
    try {
      const signalEvents = events.filter((e) => e.type === "flag.raised" || e.type === "report.filed").length;
      expect(sent).toBe(10_000);
      expect(await db.prisma.platformEvent.count()).toBe(10_000);
      expect(await db.prisma.signal.count()).toBe(signalEvents);
      expect(await db.prisma.post.count()).toBe(1_500);
      expect(await db.prisma.account.count()).toBe(500);
      // Every case's counters agree with its signals: no half-applied batch.
      const mismatched = await db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Case" c WHERE c."signalCount" <> (SELECT count(*) FROM "Signal" s WHERE s."caseId" = c."id")`,
      );
      expect(mismatched[0]!.n).toBe(0);
      const audited = await db.prisma.auditLog.count({ where: { actorType: "platform" } });
      expect(audited).toBe(10_000);
    } finally {
      await db.close();
    }
  });
});
