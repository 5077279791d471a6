// The demo world with its media, as `npm start` seeds it: every post has a real clip processed by the real
// pipeline; the re-upload of removed content is a re-encoded copy the matcher flags by vPDQ (not by file hash)
// once the media worker has processed it; one post's file carries valid Content Credentials; one post claims
// credentials its file lacks, which the worker raises as a signal; an all-black clip is not matchable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { HASH_MATCH_SCENARIO } from "../../prisma/seed/hash-match-scenario.ts";
import { processDueMedia } from "../../server/domain/media/jobs.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { createFsStore, originalKey, type MediaStore } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { reportedRequest } from "../../prisma/seed/demo-media.ts";
import { postsShowingFile } from "../../server/domain/media/lookup-by-file.ts";
import { FULL_ACCESS } from "../../server/domain/access/queue-access.ts";

describe("the demo world's media", () => {
  let db: Database;
  let store: MediaStore;
  let dir: string;
  const now = new Date();

  beforeAll(async () => {
    db = await openDatabase({ kind: "pglite", dataDir: null });
    await migrate(db);
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-demo-media-"));
    store = createFsStore(path.join(dir, "media"));
    // the clip library is kept between runs, as a server keeps it in its data folder
    await seedDemo(db, { now, media: { store, clipsDir: path.join(os.tmpdir(), "vigil-test-demo-clips") } });
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it("gives every post a stored clip; only the re-upload and one other wait for the media worker", async () => {
    const byStatus = await db.prisma.postMedia.groupBy({ by: ["status"], _count: { _all: true } });
    expect(Object.fromEntries(byStatus.map((s) => [s.status, s._count._all]))).toEqual({
      ready: (await db.prisma.post.count()) - 2,
      pending: 2,
    });
    const files = await db.prisma.postMedia.findMany({ distinct: ["sha256"], select: { sha256: true } });
    for (const { sha256 } of files) expect(await store.stat(originalKey(sha256!)), sha256!).not.toBeNull();
    // removed posts use clips no live post shows
    const shared = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "PostMedia" a JOIN "Post" pa ON pa."id" = a."postId" AND pa."visibility" = 'taken_down'
         JOIN "PostMedia" b ON b."sha256" = a."sha256" JOIN "Post" pb ON pb."id" = b."postId" AND pb."visibility" = 'public'`,
    );
    expect(shared[0]!.n).toBe(0);
  });

  it("flags the re-upload by vPDQ once the media worker has processed it, and raises the credentials mismatch", async () => {
    expect(await scanNewPosts(db, { now })).toEqual({ scanned: 0, matched: 0 });
    const services = { store, origins: [], limits: DEFAULT_MEDIA_LIMITS, fetchTimeoutMs: 10_000, fps: 1 };
    expect(await processDueMedia(db, services, { now })).toMatchObject({ claimed: 2, ready: 2 });
    expect(await scanNewPosts(db, { now })).toEqual({ scanned: 1, matched: 1 });
    const match = await db.prisma.signal.findFirstOrThrow({
      where: { postId: HASH_MATCH_SCENARIO.postId, model: "hash_bank" },
      include: { case: true },
    });
    expect(match.payload).toMatchObject({ matchKind: "perceptual" });
    expect((match.payload as { comparisonPct: number }).comparisonPct).toBeGreaterThanOrEqual(80);
    expect(match.case).toMatchObject({ queue: "flagged_generation", status: "open" });

    const mismatch = await db.prisma.signal.findFirstOrThrow({ where: { model: "provenance" } });
    expect(mismatch.text).toMatch(/says .* Content Credentials/);
  });

  it("has one post with valid Content Credentials and one all-black clip that is not matchable", async () => {
    const signed = await db.prisma.mediaFile.findMany({ where: { c2paState: "valid" } });
    expect(signed).toHaveLength(1);
    expect(signed[0]!.provenance).toMatchObject({ generator: expect.any(String), signer: expect.any(String) });
    // (the signed still is a flat test picture of PDQ quality 17: not matchable either, truthfully)
    const blank = await db.prisma.mediaFile.findMany({ where: { matchable: false, kind: "video" } });
    expect(blank).toHaveLength(1);
    expect(await db.prisma.postMedia.count({ where: { sha256: blank[0]!.sha256 } })).toBe(1);
  });

  it("has a TAKE IT DOWN request whose video only it and one unnamed rescaled copy show", async () => {
    const requests = await db.prisma.takedownRequest.findMany({ include: { posts: { select: { postId: true } } } });
    const reported = reportedRequest(requests.map((r) => ({ ...r, postIds: r.posts.map((p) => p.postId) })))!;
    const media = await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: reported.postIds[0]! } });
    const frames = await db.prisma.mediaFrame.findMany({ where: { sha256: media.sha256!, kept: true } });
    const found = await postsShowingFile(
      db,
      { sha256: "0".repeat(64), md5: "0".repeat(32), frames },
      { maxDistance: 31, access: FULL_ACCESS },
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ postId: reported.postIds[0], queryPct: 100, comparisonPct: 100 });
    const copy = found[1]!;
    expect(copy.comparisonPct).toBeGreaterThanOrEqual(80);
    expect(await db.prisma.takedownRequestPost.count({ where: { postId: copy.postId } })).toBe(0);
    expect(await db.prisma.case.count({ where: { postId: copy.postId } })).toBe(0);
  });
});
