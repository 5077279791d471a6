// POST /media-lookup?fileName=…[&takedownRequestId=…]: staff upload a video or image (the raw body) and get back
// every post that shows it, ranked (server/domain/media/lookup-by-file.ts). The upload is hashed as the media
// worker hashes posts (frames, PDQ, vPDQ), kept in the media store as evidence under its SHA-256 (on the takedown
// request when made from one), and the lookup is recorded and audited before the answer is sent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import express from "express";
import * as z from "zod/mini";
import type { Database } from "../db/client.ts";
import type { AuthConfig } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import type { MediaStore } from "../media/store.ts";
import { analyseFile } from "../media/analyse.ts";
import { MediaError, type MediaLimits } from "../media/types.ts";
import { describeIssues } from "../lib/validation.ts";
import { uuidv7 } from "../lib/ids.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { staffAuditActor } from "../domain/audit/staff-actor.ts";
import { contentAccessFor } from "../domain/access/queue-access.ts";
import { postsShowingFile } from "../domain/media/lookup-by-file.ts";
import { refuseCrossOrigin, staffOfRequest } from "./staff-request.ts";

export interface MediaLookupOptions {
  db: Database;
  auth: AuthConfig;
  log: Logger;
  now: () => Date;
  store: MediaStore | null;
  limits: MediaLimits;
  fps: number;
  ffmpeg?: string;
  maxDistance: number;
}

const LookupQuery = z.object({
  fileName: z._default(z.string().check(z.trim(), z.maxLength(300)), "upload"),
  takedownRequestId: z.optional(z.string().check(z.uuid("takedownRequestId: not a takedown request id"))),
});

export function createMediaLookupApi(opts: MediaLookupOptions): express.Router {
  const router = express.Router();
  router.post("/", async (req, res) => {
    if (refuseCrossOrigin(req, res)) return;
    const actor = await staffOfRequest(opts, req, res, "look up posts by file");
    if (!actor) return;
    const parsed = z.safeParse(
      LookupQuery,
      Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
    );
    if (!parsed.success) {
      res.status(400).json({ error: describeIssues(parsed.error.issues).message });
      return;
    }
    if (!opts.store) {
      res.status(503).json({ error: "Media storage is not configured on this server." });
      return;
    }
    const q = parsed.data;
    if (
      q.takedownRequestId &&
      !(await opts.db.prisma.takedownRequest.findUnique({ where: { id: q.takedownRequestId }, select: { id: true } }))
    ) {
      res.status(404).json({ error: "takedownRequestId: no such takedown request." });
      return;
    }
    const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-lookup-"));
    try {
      const file = path.join(work, "upload");
      let bytes = 0;
      const cap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > opts.limits.maxBytes)
            done(new MediaError("too_large", `The file is larger than ${Math.round(opts.limits.maxBytes / 1e6)} MB.`));
          else done(null, chunk);
        },
      });
      await pipeline(req, cap, fs.createWriteStream(file));
      if (bytes === 0) {
        res.status(400).json({ error: "file: the upload is empty." });
        return;
      }
      const analysis = await analyseFile(file, {
        limits: opts.limits,
        fps: opts.fps,
        outDir: work,
        ffmpeg: opts.ffmpeg,
      });
      const storeKey = `evidence/${analysis.sha256.slice(0, 2)}/${analysis.sha256}`;
      await opts.store.putFile(storeKey, file, analysis.mimeType);
      const matches = await postsShowingFile(
        opts.db,
        { sha256: analysis.sha256, md5: analysis.md5, frames: analysis.vpdq },
        { maxDistance: opts.maxDistance, access: await contentAccessFor(opts.db, actor.role) },
      );
      const id = uuidv7();
      const now = opts.now();
      await opts.db.prisma.$transaction(async (tx) => {
        await tx.mediaLookup.create({
          data: {
            id,
            sha256: analysis.sha256,
            md5: analysis.md5,
            fileName: q.fileName,
            bytes: analysis.bytes,
            mimeType: analysis.mimeType,
            storeKey,
            takedownRequestId: q.takedownRequestId ?? null,
            createdById: actor.id,
            createdAt: now,
            results: matches.map((m) => ({
              postId: m.postId,
              matchKind: m.matchKind,
              queryPct: m.queryPct,
              comparisonPct: m.comparisonPct,
              distance: m.distance,
              framePairs: m.framePairs.map((f) => ({ uploadMs: f.uploadMs, postMs: f.postMs, distance: f.distance })),
            })),
          },
        });
        await appendAudit(
          tx,
          {
            ...staffAuditActor(actor),
            action: "media.lookup",
            subjectType: q.takedownRequestId ? "takedown_request" : "media_lookup",
            subjectId: q.takedownRequestId ?? id,
            details: { lookupId: id, sha256: analysis.sha256, fileName: q.fileName, matches: matches.length },
          },
          now,
        );
      });
      res.json({
        lookupId: id,
        sha256: analysis.sha256,
        kind: analysis.kind,
        mimeType: analysis.mimeType,
        durationMs: analysis.probe.durationMs,
        frames: analysis.vpdq.length,
        matchable: analysis.matchable,
        matches,
      });
    } catch (err) {
      if (err instanceof MediaError) {
        res.status(err.code === "too_large" ? 413 : 422).json({ error: `file: ${err.message}`, code: err.code });
        return;
      }
      opts.log.error({ err, requestId: req.requestId }, "lookup by file failed");
      res.status(503).json({ error: "The file could not be looked up right now. Try again." });
    } finally {
      await fs.promises.rm(work, { recursive: true, force: true });
    }
  });
  return router;
}
