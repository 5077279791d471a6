// Lookup by file: the posts that show a file, published, held or removed, ranked by how much of each video is in
// the other, found through MediaFrame's chunk columns.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { postsShowingFile } from "../../server/domain/media/lookup-by-file.ts";
import { FULL_ACCESS } from "../../server/domain/access/queue-access.ts";
import { createTestDatabase } from "../support/db.ts";
import { insertProcessedMedia, type FrameRow } from "../support/media-rows.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { useTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { makeClip, makeReencodedCopy } from "../support/media-clips.ts";
import { createFsStore } from "../../server/media/store.ts";
import { analyseFile } from "../../server/media/analyse.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";

const hex = (bytes = 32) => crypto.randomBytes(bytes).toString("hex");
const frames = (hashes: string[]): FrameRow[] => hashes.map((pdq, i) => ({ atMs: i * 1_000, pdq, quality: 90 }));
function flipSpread(hash: string, bits: number): string {
  // bits spread over every chunk, the hardest case for the chunk probes
  const buf = Buffer.from(hash, "hex");
  for (let i = 0; i < bits; i++) buf[(i % 16) * 2 + (i >= 16 ? 1 : 0)]! ^= 1 << (i % 8);
  return buf.toString("hex");
}

describe("lookup by file", () => {
  let db: Database;
  let creatorId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    creatorId = (await insertAccount(db)).id;
  });
  afterAll(() => db.close());

  async function post(hashes: string[], visibility: "public" | "held" | "taken_down" = "public", sha256?: string) {
    const p = await insertPost(db, creatorId, `clip ${hex(2)}`, hex());
    await db.prisma.post.update({ where: { id: p.id }, data: { visibility } });
    const sha = await insertProcessedMedia(db, p.id, frames(hashes), { sha256 });
    return { id: p.id, sha256: sha };
  }

  it("ranks the same file first, then copies by the share found, and leaves unrelated posts out", async () => {
    const clip = Array.from({ length: 10 }, () => hex());
    const sha256 = hex();
    const same = await post(clip, "taken_down", sha256);
    const fullCopy = await post(
      clip.map((h) => flipSpread(h, 31)),
      "held",
    );
    const partCopy = await post([
      ...clip.slice(0, 6).map((h) => flipSpread(h, 10)),
      ...Array.from({ length: 4 }, () => hex()),
    ]);
    const tooFar = await post(clip.map((h) => flipSpread(h, 32)));
    const unrelated = await post(Array.from({ length: 10 }, () => hex()));
    const found = await postsShowingFile(
      db,
      { sha256, md5: hex(16), frames: clip.map((pdq, i) => ({ pdq, quality: 90, atMs: i * 500 })) },
      { maxDistance: 31, access: FULL_ACCESS },
    );
    expect(found.map((f) => [f.postId, f.matchKind])).toEqual([
      [same.id, "exact"],
      [fullCopy.id, "perceptual"],
      [partCopy.id, "perceptual"],
    ]);
    expect(found[1]).toMatchObject({ queryPct: 100, comparisonPct: 100, distance: 31, visibility: "held" });
    expect(found[2]).toMatchObject({ queryPct: 60, comparisonPct: 60 });
    // each perceptual match lists its frame pairs: upload time ↔ post time, bits apart
    expect(found[0]!.framePairs).toEqual([]);
    expect(found[1]!.framePairs).toEqual(clip.map((_, i) => ({ uploadMs: i * 500, postMs: i * 1_000, distance: 31 })));
    expect(found[2]!.framePairs).toEqual(
      clip.slice(0, 6).map((_, i) => ({ uploadMs: i * 500, postMs: i * 1_000, distance: 10 })),
    );
    expect(found.map((f) => f.postId)).not.toContain(tooFar.id);
    expect(found.map((f) => f.postId)).not.toContain(unrelated.id);
  });
});

describe("POST /media-lookup", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-lookup-test-"));
  const app = useTestApp({ mediaStore: createFsStore(path.join(dir, "store")) });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("finds a removed post from a rescaled copy uploaded as a file, keeps the upload as evidence and audits it", async () => {
    const staff = await createStaff(app.db, "staff");
    const cookie = `vigil_session=${await sessionTokenFor(app.db, staff)}`;
    const original = await makeClip({ source: "mandelbrot=maxiter=60", seconds: 6 });
    // the original as the media worker processed it, on a post that was taken down
    const work = fs.mkdtempSync(path.join(dir, "work-"));
    const analysed = await analyseFile(original, { limits: DEFAULT_MEDIA_LIMITS, fps: 1, outDir: work });
    const creator = await insertAccount(app.db);
    const removed = await insertPost(app.db, creator.id, "the removed original", hex());
    await app.db.prisma.post.update({ where: { id: removed.id }, data: { visibility: "taken_down" } });
    await insertProcessedMedia(
      app.db,
      removed.id,
      analysed.frames.map((f, i) => ({
        atMs: f.atMs,
        pdq: f.pdq,
        quality: f.quality,
        kept: analysed.vpdq.includes(f) || i === 0,
      })),
    );
    const other = await insertPost(app.db, creator.id, "something else", hex());
    await insertProcessedMedia(app.db, other.id, [{ atMs: 0, pdq: hex(), quality: 90 }]);

    const copy = await makeReencodedCopy(original, { width: 144, height: 256 });
    const res = await fetch(`${app.base}/media-lookup?fileName=copy.mp4`, {
      method: "POST",
      headers: { cookie, "content-type": "video/mp4" },
      body: fs.readFileSync(copy),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as {
      lookupId: string;
      sha256: string;
      matches: {
        postId: string;
        matchKind: string;
        queryPct: number;
        comparisonPct: number;
        visibility: string;
        framePairs: { uploadMs: number; postMs: number; distance: number }[];
      }[];
    };
    expect(answer.matches.map((m) => m.postId)).toEqual([removed.id]);
    expect(answer.matches[0]).toMatchObject({ matchKind: "perceptual", visibility: "taken_down" });
    expect(answer.matches[0]!.comparisonPct).toBeGreaterThanOrEqual(80);
    // the copy's frames pair with the original's at the same times (1 fps), each within the match distance
    const pairs = answer.matches[0]!.framePairs;
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const p of pairs) {
      expect(Math.abs(p.uploadMs - p.postMs)).toBeLessThanOrEqual(1_000);
      expect(p.distance).toBeLessThanOrEqual(31);
    }
    expect(pairs.map((p) => p.uploadMs)).toEqual(pairs.map((p) => p.uploadMs).sort((a, b) => a - b));
    const lookup = await app.db.prisma.mediaLookup.findUniqueOrThrow({ where: { id: answer.lookupId } });
    expect(lookup).toMatchObject({ sha256: answer.sha256, fileName: "copy.mp4", createdById: staff.id });
    expect(fs.existsSync(path.join(dir, "store", lookup.storeKey))).toBe(true);
    expect(await app.db.prisma.auditLog.count({ where: { action: "media.lookup", subjectId: answer.lookupId } })).toBe(
      1,
    );
  });

  it("refuses moderators, strangers, other origins and files that are not media, naming why", async () => {
    const moderator = await createStaff(app.db, "moderator");
    const modCookie = `vigil_session=${await sessionTokenFor(app.db, moderator)}`;
    expect(
      (await fetch(`${app.base}/media-lookup`, { method: "POST", headers: { cookie: modCookie }, body: "x" })).status,
    ).toBe(403);
    expect((await fetch(`${app.base}/media-lookup`, { method: "POST", body: "x" })).status).toBe(401);
    const staff = await createStaff(app.db, "staff");
    const cookie = `vigil_session=${await sessionTokenFor(app.db, staff)}`;
    const notMedia = await fetch(`${app.base}/media-lookup`, {
      method: "POST",
      headers: { cookie },
      body: "plain text, not a video",
    });
    expect(notMedia.status).toBe(422);
    expect(((await notMedia.json()) as { error: string }).error).toMatch(/^file: /);
    const cross = await fetch(`${app.base}/media-lookup`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      body: "x",
    });
    expect(cross.status).toBe(403);
  });
});
