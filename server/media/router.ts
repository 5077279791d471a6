// Serves the generated poster and keyframe images for posts. Mounted under /media behind staff sign-in by the app,
// which leaves the signed-in user's content access in res.locals; a post kept from that user answers exactly as a
// missing one does. The SVG gets its own strict CSP so nothing inside it could run or load anything even if
// opened directly.
import express from "express";
import type { Database } from "../db/client.ts";
import { renderKeyframe, renderPoster } from "./svg.ts";
import type { ContentAccess } from "../domain/access/queue-access.ts";
import { isPostVisible } from "../domain/access/content-visibility.ts";

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
}

async function mayShow(db: Database, res: express.Response<unknown, MediaLocals>, postId: string): Promise<boolean> {
  const access = res.locals.contentAccess;
  return !!access && (await isPostVisible(db.prisma, access, postId));
}

export function createMediaRouter(getDb: () => Database): express.Router {
  const router = express.Router();

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
