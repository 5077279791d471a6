// /media serves the real files: to signed-in staff only, checked per post against the viewer's queues (a post
// whose case or request is kept from the role answers 403), with HTTP Range for seeking, never cached, and every
// playback audited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { SESSION_COOKIE } from "../../server/domain/auth/sessions.ts";
import { analyseAndStore } from "../../server/domain/media/jobs.ts";
import { purgeExpiredMedia } from "../../server/domain/media/retention.ts";
import { createFsStore, type MediaStore } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { startTestApp } from "../support/app-server.ts";
import { buildRestrictedWorld, type RestrictedWorld } from "../support/restricted-content.ts";
import { makeClip } from "../support/media-clips.ts";

describe("/media for real files", () => {
  let db: Database;
  let store: MediaStore;
  let dir: string;
  let world: RestrictedWorld;
  let moderator: SessionUser;
  let staff: SessionUser;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let size: number;
  const now = new Date();

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-media-route-"));
    store = createFsStore(path.join(dir, "store"));
    moderator = await createStaff(db, "moderator");
    staff = await createStaff(db, "staff");
    world = await buildRestrictedWorld(db, staff, now);
    const clip = await makeClip({ source: "testsrc2", seconds: 2, audio: "sine" });
    size = fs.statSync(clip).size;
    const work = await fs.promises.mkdtemp(path.join(dir, "work-"));
    const { sha256 } = await analyseAndStore(db, { store, limits: DEFAULT_MEDIA_LIMITS, fps: 1 }, clip, work, now);
    for (const postId of [world.visible.postId, world.restricted.postId])
      await db.prisma.postMedia.create({
        data: { postId, status: "ready", sha256, nextAttemptAt: now, readyAt: now, createdAt: now, updatedAt: now },
      });
    app = await startTestApp(db, { mediaStore: store, now: () => now });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  const get = async (user: SessionUser | null, urlPath: string, headers: Record<string, string> = {}) => {
    const cookie: Record<string, string> = user
      ? { cookie: `${SESSION_COOKIE}=${await sessionTokenFor(db, user, now)}` }
      : {};
    const res = await fetch(`${app.base}${urlPath}`, { headers: { ...cookie, ...headers } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const views = (postId: string) => db.prisma.auditLog.count({ where: { action: "media.view", subjectId: postId } });

  it("refuses anyone not signed in", async () => {
    expect((await get(null, `/media/posts/${world.visible.postId}/file`)).status).toBe(401);
  });

  it("plays a visible post's file with Range, never cached, and audits each playback once", async () => {
    const before = await views(world.visible.postId);
    const whole = await get(moderator, `/media/posts/${world.visible.postId}/file`);
    expect(whole.status).toBe(200);
    expect(whole.body.length).toBe(size);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("cache-control")).toBe("private, no-store");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    const start = await get(moderator, `/media/posts/${world.visible.postId}/file`, { range: "bytes=0-99" });
    expect(start.status).toBe(206);
    expect(start.body.length).toBe(100);
    expect(start.headers.get("content-range")).toBe(`bytes 0-99/${size}`);
    // seeking within a playback is not a new view
    const seek = await get(moderator, `/media/posts/${world.visible.postId}/file`, { range: `bytes=100-` });
    expect(seek.status).toBe(206);
    expect(seek.body.length).toBe(size - 100);
    expect(await views(world.visible.postId)).toBe(before + 2);
    const row = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "media.view", subjectId: world.visible.postId },
      orderBy: { id: "desc" },
    });
    expect(row.actorId).toBe(moderator.id);
  });

  it("serves the poster and the thumbnail strip as JPEG", async () => {
    for (const name of ["poster.jpg", "strip.jpg"]) {
      const res = await get(moderator, `/media/posts/${world.visible.postId}/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    }
  });

  it("answers 403 to a moderator for media of a staff-only post, and serves staff", async () => {
    for (const name of ["file", "poster.jpg", "strip.jpg"]) {
      const refused = await get(moderator, `/media/posts/${world.restricted.postId}/${name}`);
      expect(refused.status).toBe(403);
      expect(refused.body.toString()).not.toContain(world.restricted.prompt);
    }
    expect(await views(world.restricted.postId)).toBe(0);
    expect((await get(staff, `/media/posts/${world.restricted.postId}/file`)).status).toBe(200);
    expect(await views(world.restricted.postId)).toBe(1);
  });

  it("answers 404 for a post without media, an unknown post and a bad name", async () => {
    for (const urlPath of [
      `/media/posts/${world.copy.postId}/file`,
      `/media/posts/no-such-post/file`,
      `/media/posts/${world.visible.postId}/secrets.txt`,
      `/media/posts/..%2F..%2Fetc/file`,
    ]) {
      const res = await get(staff, urlPath);
      expect(res.status, urlPath).toBe(404);
      expect(res.body.toString()).not.toMatch(/\/tmp\/|stack|at .*\.ts/);
    }
  });

  it("after the retention period, purges media nothing needs and answers 404 for it; hashes stay", async () => {
    const sha256 = (await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: world.visible.postId } })).sha256!;
    // still needed: the visible post is up
    expect(await purgeExpiredMedia(db, store, { now, retentionDays: 90 })).toBe(0);
    await db.prisma.post.updateMany({
      where: { id: { in: [world.visible.postId, world.restricted.postId] } },
      data: { visibility: "taken_down" },
    });
    await db.prisma.case.updateMany({
      where: { postId: { in: [world.visible.postId, world.restricted.postId] } },
      data: { status: "resolved", resolvedAt: now },
    });
    await db.prisma.takedownRequest.updateMany({ data: { status: "actioned" } });
    await db.prisma.appeal.updateMany({ data: { status: "upheld" } });
    // within the retention period
    expect(await purgeExpiredMedia(db, store, { now, retentionDays: 90 })).toBe(0);
    const later = new Date(now.getTime() + 91 * 86_400_000);
    expect(await purgeExpiredMedia(db, store, { now: later, retentionDays: 90 })).toBe(1);
    const file = await db.prisma.mediaFile.findUniqueOrThrow({ where: { sha256 }, include: { frames: true } });
    expect(file.purgedAt).toEqual(later);
    expect(file.frames.length).toBeGreaterThan(0);
    expect(await db.prisma.auditLog.count({ where: { action: "media.purge", subjectId: sha256 } })).toBe(1);
    const gone = await get(staff, `/media/posts/${world.visible.postId}/file`);
    expect(gone.status).toBe(404);
    expect(await purgeExpiredMedia(db, store, { now: later, retentionDays: 90 })).toBe(0);
  });
});
