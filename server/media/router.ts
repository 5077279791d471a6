// Serves posts' media under /media, behind staff sign-in (the app leaves the signed-in user and their content
// access in res.locals): the real file Vigil fetched (with HTTP Range, so the player can seek), its poster and
// thumbnail strip, and for posts without media the stand-in SVG artwork drawn from the prompt.
//
// The file of a post whose case or takedown request is kept from the user's role answers 403; every playback of a
// file (a request from its first byte) is audited with who watched what. Nothing is cached anywhere but in the
// browser's memory (`Cache-Control: private, no-store`).
import express from "express";
import type { Database } from "../db/client.ts";
import { renderKeyframe, renderPoster } from "./svg.ts";
import type { ContentAccess } from "../domain/access/queue-access.ts";
import { isPostVisible } from "../domain/access/content-visibility.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../domain/audit/staff-actor.ts";
import { sendStoredMedia } from "./serve-range.ts";
import { derivedKey, originalKey, type MediaStore } from "./store.ts";

const POST_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INDEX = /^\d{1,2}$/;
const MAX_KEYFRAME_INDEX = 63;

function sendSvg(res: express.Response, svg: string): void {
  res.set({
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": "private, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.send(svg);
}

function notFound(res: express.Response, error: string): void {
  res.status(404).json({ error });
}

export interface MediaLocals {
  contentAccess?: ContentAccess;
  viewer?: StaffActor;
}

const DERIVED = { "poster.jpg": "poster.jpg", "strip.jpg": "strip.jpg" } as const;

/** Whether a request starts a playback (rather than continuing one): no Range, or a range from the first byte. */
function startsPlayback(req: express.Request): boolean {
  const range = req.get("range");
  return !range || range.trim().startsWith("bytes=0-");
}

async function mayShow(db: Database, res: express.Response<unknown, MediaLocals>, postId: string): Promise<boolean> {
  const access = res.locals.contentAccess;
  return !!access && (await isPostVisible(db.prisma, access, postId));
}

export function createMediaRouter(getDb: () => Database, store: MediaStore | null, now: () => Date): express.Router {
  const router = express.Router();

  /** The post's stored file when the viewer may see it; answers the request itself otherwise. */
  async function readyMedia(req: express.Request, res: express.Response<unknown, MediaLocals>) {
    const { postId } = req.params as { postId: string };
    if (!POST_ID.test(postId)) return void notFound(res, "No such post.");
    const media = await getDb().prisma.postMedia.findUnique({
      where: { postId },
      select: { status: true, sha256: true },
    });
    if (!media) return void notFound(res, "This post has no media.");
    if (!(await mayShow(getDb(), res, postId))) {
      res.status(403).json({ error: "This post's media is kept from your role." });
      return;
    }
    if (media.status !== "ready" || !media.sha256 || !store)
      return void notFound(res, "This post's media is not available.");
    const file = await getDb().prisma.mediaFile.findUnique({
      where: { sha256: media.sha256 },
      select: { mimeType: true, purgedAt: true },
    });
    if (!file || file.purgedAt) return void notFound(res, "This post's media has been deleted.");
    return { postId, sha256: media.sha256, mimeType: file.mimeType };
  }

  router.get("/posts/:postId/file", async (req, res: express.Response<unknown, MediaLocals>) => {
    const media = await readyMedia(req, res);
    if (!media) return;
    if (startsPlayback(req) && res.locals.viewer) {
      const viewer = res.locals.viewer;
      await getDb().prisma.$transaction((tx) =>
        appendAudit(
          tx,
          {
            ...staffAuditActor(viewer),
            action: "media.view",
            subjectType: "post",
            subjectId: media.postId,
            details: { sha256: media.sha256 },
          },
          now(),
        ),
      );
    }
    await sendStoredMedia(req, res, store!, originalKey(media.sha256), { contentType: media.mimeType });
  });

  router.get("/posts/:postId/:name", async (req, res: express.Response<unknown, MediaLocals>, next) => {
    const name = DERIVED[req.params.name as keyof typeof DERIVED];
    if (!name) return next();
    const media = await readyMedia(req, res);
    if (!media) return;
    await sendStoredMedia(req, res, store!, derivedKey(media.sha256, name), { contentType: "image/jpeg" });
  });

  router.get("/posts/:postId/poster.svg", async (req, res) => {
    const { postId } = req.params;
    if (!POST_ID.test(postId)) return notFound(res, "No such post.");
    const post = await getDb().prisma.post.findUnique({ where: { id: postId }, select: { id: true, prompt: true } });
    if (!post || !(await mayShow(getDb(), res, postId))) return notFound(res, "No such post.");
    sendSvg(res, renderPoster(post));
  });

  router.get("/posts/:postId/keyframes/:index.svg", async (req, res) => {
    const { postId, index: rawIndex } = req.params;
    if (!POST_ID.test(postId)) return notFound(res, "No such post.");
    if (!INDEX.test(rawIndex) || Number(rawIndex) > MAX_KEYFRAME_INDEX) return notFound(res, "No such keyframe.");
    const index = Number(rawIndex);
    const keyframe = await getDb().prisma.postKeyframe.findUnique({
      where: { postId_index: { postId, index } },
      select: { post: { select: { id: true, prompt: true } } },
    });
    if (!keyframe || !(await mayShow(getDb(), res, postId))) return notFound(res, "No such keyframe.");
    sendSvg(res, renderKeyframe(keyframe.post, index));
  });

  // anything else under /media is a miss here, not a page for the SPA fallback
  router.use((_req, res) => notFound(res, "No such media."));

  return router;
}
