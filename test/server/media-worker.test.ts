// The media worker end to end on real files through real ffmpeg: a post's media URL from the platform, fetched
// from a local stand-in of the platform's media host, stored, hashed and checked; matching by vPDQ against the
// bank; and hostile or unreachable media ending as a clear error on the post while the worker goes on.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { validateEventBatch } from "../../server/domain/ingest/validate-batch.ts";
import { processDueMedia, type MediaServices } from "../../server/domain/media/jobs.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { addToHashBank } from "../../server/domain/hashbank/bank.ts";
import { parseMediaOrigins } from "../../server/media/origins.ts";
import { createFsStore, originalKey } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { createTestDatabase } from "../support/db.ts";
import { makeClip, makeReencodedCopy, makeSharedFrameClip, makeSolidClip } from "../support/media-clips.ts";
import { writeHostileFiles } from "../support/hostile-media.ts";

let db: Database;
let server: http.Server;
let base: string;
let storeDir: string;
const served = new Map<string, { file?: string; redirect?: string }>();

beforeAll(async () => {
  db = await createTestDatabase();
  storeDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-media-worker-"));
  server = http.createServer((req, res) => {
    const entry = served.get(req.url ?? "");
    if (entry?.redirect) {
      res.writeHead(302, { location: entry.redirect }).end();
      return;
    }
    if (!entry?.file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "video/mp4", "content-length": fs.statSync(entry.file).size });
    fs.createReadStream(entry.file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db?.close();
  await fs.promises.rm(storeDir, { recursive: true, force: true });
});

function services(overrides: Partial<MediaServices> = {}): MediaServices {
  return {
    store: createFsStore(storeDir),
    origins: parseMediaOrigins(base),
    limits: { ...DEFAULT_MEDIA_LIMITS, maxBytes: 20 * 1024 * 1024 },
    fetchTimeoutMs: 30_000,
    fps: 1,
    ...overrides,
  };
}

let seq = 0;
/** Publishes a post through the platform contract, with its media at `urlPath` on the stand-in host. */
async function publish(now: Date, media: { url: string; sha256?: string } | null, hasC2pa = false) {
  const n = ++seq;
  const at = new Date(now.getTime() - 60_000).toISOString();
  const batch = validateEventBatch(
    {
      events: [
        {
          id: `mw${n}-a`,
          type: "account.upserted",
          occurredAt: at,
          data: { id: `mw${n}-creator`, handle: `mw${n}_creator`, displayName: "Creator", createdAt: at },
        },
        {
          id: `mw${n}-p`,
          type: "post.published",
          occurredAt: at,
          data: {
            id: `mw${n}-post`,
            creatorId: `mw${n}-creator`,
            prompt: `clip ${n}`,
            durationMs: 3_000,
            contentHash: n.toString(16).padStart(64, "0"),
            ...(media ? { media } : {}),
            hasC2pa,
            createdAt: at,
          },
        },
      ],
    },
    now,
  );
  if (!batch.ok) throw new Error(JSON.stringify(batch.problems));
  await ingestEvents(db, batch.events, { keyId: "test", requestId: `req-${n}`, now });
  return `mw${n}-post`;
}

function serve(file: string): string {
  const urlPath = `/media/${++seq}.mp4`;
  served.set(urlPath, { file });
  return `${base}${urlPath}`;
}

async function media(postId: string) {
  return db.prisma.postMedia.findUniqueOrThrow({ where: { postId } });
}

/** Takes a processed post down into the bank, as a take-down decision would. */
async function bank(postId: string, now: Date) {
  await db.prisma.$transaction((tx) => addToHashBank(tx, [{ postId, decisionId: null as never, policyId: null }], now));
}

async function drain(now: Date, s = services()) {
  for (let i = 0; i < 20; i++) if ((await processDueMedia(db, s, { now })).claimed === 0) return;
}

describe("the media worker", () => {
  it("fetches a post's file, stores it by SHA-256, hashes its frames and reads its credentials", async () => {
    const now = new Date();
    const clip = await makeClip({ source: "testsrc2", seconds: 3, audio: "sine" });
    const postId = await publish(now, { url: serve(clip) });
    expect((await media(postId)).status).toBe("pending");
    await drain(now);
    const m = await media(postId);
    expect(m).toMatchObject({ status: "ready", sourceUrl: null, error: null });
    const file = await db.prisma.mediaFile.findUniqueOrThrow({
      where: { sha256: m.sha256! },
      include: { frames: { orderBy: { index: "asc" } } },
    });
    expect(file).toMatchObject({ kind: "video", mimeType: "video/mp4", c2paState: "absent", matchable: true });
    expect(file.durationMs).toBeGreaterThan(2_500);
    expect(file.frames.length).toBeGreaterThanOrEqual(3);
    const times = file.frames.map((f) => f.atMs);
    expect(times).toEqual(times.toSorted((a, b) => a - b));
    expect(file.frames.every((f) => /^[0-9a-f]{64}$/.test(f.pdq))).toBe(true);
    expect(await services().store.stat(originalKey(m.sha256!))).toMatchObject({ size: fs.statSync(clip).size });
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "media.ready", subjectId: postId } });
    expect(audit).not.toBeNull();
  });

  it("flags a re-encoded, rescaled copy of a banked video by vPDQ, and not a post sharing one frame with it", async () => {
    const now = new Date();
    const original = await makeClip({ source: "mandelbrot", seconds: 4, audio: "noise" });
    const copy = await makeReencodedCopy(original, { width: 200, height: 356, crf: 34 });
    const oneFrame = await makeSharedFrameClip(original);
    const removed = await publish(now, { url: serve(original) });
    await drain(now);
    await bank(removed, now);
    await scanNewPosts(db, { now });

    const reupload = await publish(now, { url: serve(copy) });
    const sharesOne = await publish(now, { url: serve(oneFrame) });
    // the matcher waits while their media is pending
    expect((await scanNewPosts(db, { now })).scanned).toBe(0);
    await drain(now);
    await scanNewPosts(db, { now });

    const signals = await db.prisma.signal.findMany({ where: { model: "hash_bank" } });
    const flagged = signals.map((s) => s.postId);
    expect(flagged).toContain(reupload);
    expect(flagged).not.toContain(sharesOne);
    const match = signals.find((s) => s.postId === reupload)!.payload as Record<string, unknown>;
    expect(match).toMatchObject({ matchKind: "perceptual", matchedPostId: removed });
    expect(match.comparisonPct as number).toBeGreaterThanOrEqual(80);
  });

  it("an all-black clip is not matchable and never matches another black clip", async () => {
    const now = new Date();
    const black = await makeSolidClip("black", 3);
    const other = await makeSolidClip("black", 4);
    const removed = await publish(now, { url: serve(black) });
    await drain(now);
    await bank(removed, now);
    await scanNewPosts(db, { now });
    const file = await db.prisma.mediaFile.findUniqueOrThrow({ where: { sha256: (await media(removed)).sha256! } });
    expect(file.matchable).toBe(false);
    const again = await publish(now, { url: serve(other) });
    await drain(now);
    await scanNewPosts(db, { now });
    expect(await db.prisma.signal.count({ where: { model: "hash_bank", postId: again } })).toBe(0);
  });

  it("ends hostile files and refused URLs as a clear media error on the post, and keeps going", async () => {
    const now = new Date();
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-hostile-"));
    const hostile = await writeHostileFiles(dir);
    const posts: Record<string, string> = {};
    for (const [name, file] of Object.entries(hostile)) posts[name] = await publish(now, { url: serve(file) });
    const redirectPath = `/media/redirect-${++seq}.mp4`;
    served.set(redirectPath, { redirect: "http://127.0.0.1:9/elsewhere.mp4" });
    posts.redirectToLoopback = await publish(now, { url: `${base}${redirectPath}` });
    posts.notAllowed = await publish(now, { url: "https://media.example.invalid/x.mp4" });
    const fine = await publish(now, { url: serve(await makeClip({ source: "testsrc2", seconds: 2, audio: "none" })) });

    await drain(now);
    for (const [name, postId] of Object.entries(posts)) {
      const m = await media(postId);
      expect({ name, status: m.status }).toEqual({ name, status: "failed" });
      expect(m.errorCode, name).toBeTruthy();
      expect(m.error, name).toMatch(/\w/);
      expect(m.error, name).not.toMatch(/\/tmp\/|\/work\/|at .*\.ts:/);
    }
    expect((await media(posts.notAllowed!)).errorCode).toBe("origin_not_allowed");
    expect((await media(posts.redirectToLoopback!)).errorCode).toMatch(
      /origin_not_allowed|insecure_url|private_address/,
    );
    expect((await media(fine)).status).toBe("ready");
    // a failed fetch never blocks review or matching
    await scanNewPosts(db, { now });
    const scanned = await db.prisma.post.count({
      where: { id: { in: Object.values(posts) }, hashScannedAt: { not: null } },
    });
    expect(scanned).toBe(Object.values(posts).length);
  });

  it("two workers given the same file at once both finish, with one record of its frames", async () => {
    const now = new Date();
    const clip = await makeClip({ source: "testsrc2=size=160x90", seconds: 3, audio: "sine" });
    const a = await publish(now, { url: serve(clip) });
    const b = await publish(now, { url: serve(clip) });
    const results = await Promise.all([
      processDueMedia(db, services(), { now, limit: 1 }),
      processDueMedia(db, services(), { now, limit: 1 }),
    ]);
    expect(results.reduce((n, r) => n + r.ready, 0)).toBe(2);
    const [ma, mb] = [await media(a), await media(b)];
    expect(ma.status).toBe("ready");
    expect(mb.sha256).toBe(ma.sha256);
    const frames = await db.prisma.mediaFrame.findMany({ where: { sha256: ma.sha256! } });
    expect(new Set(frames.map((f) => f.index)).size).toBe(frames.length);
    expect(frames.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a file over the size cap as it streams in", async () => {
    const now = new Date();
    const big = await publish(now, { url: serve(await makeClip({ source: "testsrc2", seconds: 3, audio: "noise" })) });
    await drain(now, services({ limits: { ...DEFAULT_MEDIA_LIMITS, maxBytes: 4_096 } }));
    expect(await media(big)).toMatchObject({ status: "failed", errorCode: "too_large" });
    expect((await media(big)).error).toMatch(/4096|4,096|limit/);
  });

  it("retries network trouble with backoff, and the platform can send a new URL", async () => {
    const now = new Date();
    const postId = await publish(now, { url: `${base}/media/missing-for-now.mp4` });
    served.set("/media/missing-for-now.mp4", {});
    // a 404 is not retried
    await drain(now);
    expect(await media(postId)).toMatchObject({ status: "failed", errorCode: "http_status" });
    // the platform re-sends with a fresh URL
    const clip = await makeClip({ source: "testsrc2", seconds: 2, audio: "sine" });
    const batch = validateEventBatch(
      {
        events: [
          {
            id: `mw-upd-${++seq}`,
            type: "post.updated",
            occurredAt: new Date(now.getTime() - 1_000).toISOString(),
            data: { id: postId, media: { url: serve(clip) } },
          },
        ],
      },
      now,
    );
    if (!batch.ok) throw new Error(JSON.stringify(batch.problems));
    await ingestEvents(db, batch.events, { keyId: "test", requestId: "req-upd", now });
    expect(await media(postId)).toMatchObject({ status: "pending", attempts: 0 });
    await drain(now);
    expect((await media(postId)).status).toBe("ready");

    // a server error is retried later, not at once
    const flaky = await publish(now, { url: "http://127.0.0.1:9/unreachable.mp4" });
    const s = services({ origins: parseMediaOrigins(`${base},http://127.0.0.1:9`) });
    await drain(now, s);
    const m = await media(flaky);
    expect(m.status).toBe("retrying");
    expect(m.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect((await processDueMedia(db, s, { now })).claimed).toBe(0);
    const later = new Date(m.nextAttemptAt.getTime() + 1);
    expect((await processDueMedia(db, s, { now: later })).claimed).toBe(1);
  });

  it("refuses a media URL that is not http(s) at ingest, naming the field", () => {
    const now = new Date();
    const at = now.toISOString();
    const result = validateEventBatch(
      {
        events: [
          {
            id: "bad-media",
            type: "post.published",
            occurredAt: at,
            data: {
              id: "p1",
              creatorId: "a1",
              prompt: "x",
              durationMs: 1000,
              contentHash: "0".repeat(64),
              media: { url: "file:///etc/passwd" },
              createdAt: at,
            },
          },
        ],
      },
      now,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(JSON.stringify(result.problems)).toMatch(/media.*url|url.*http/i);
  });
});
