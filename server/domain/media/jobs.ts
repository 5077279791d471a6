// The media worker's work: each post's file fetched from the platform (allowed origins only), stored by its
// SHA-256, run through the pipeline once per distinct file (frames, PDQ, vPDQ, poster, strip, loudness, Content
// Credentials) and recorded. A post whose file cannot be had stays reviewable and says why ("media unavailable
// (reason)"); network trouble is retried with backoff, a refused or hostile file is not.
//
// A job is claimed by moving its due time a lease ahead (FOR UPDATE SKIP LOCKED, committed at once), so several
// workers share the queue, the slow part runs outside any transaction, and a worker that dies mid-file leaves the
// job to be picked up again when the lease runs out.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import type { Tx } from "../../db/tx.ts";
import { execRows, sql } from "../../db/sql.ts";
import type { Logger } from "../../lib/logger.ts";
import { analyseFile, sniffFile, type MediaAnalysis } from "../../media/analyse.ts";
import { fetchMedia } from "../../media/fetch.ts";
import type { MediaOrigin } from "../../media/origins.ts";
import { derivedKey, originalKey, type MediaStore } from "../../media/store.ts";
import { MediaError, type MediaLimits, type Provenance } from "../../media/types.ts";
import { platformDisagreement } from "../../contracts/provenance-words.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { rescoreCases } from "../cases/rescore.ts";
import { bankProcessedMedia } from "../hashbank/bank.ts";
import { foldSignals } from "../ingest/apply-signals.ts";
import { mediaUrls } from "./post-media-view.ts";

export interface MediaServices {
  store: MediaStore;
  origins: MediaOrigin[];
  limits: MediaLimits;
  fetchTimeoutMs: number;
  fps: number;
  ffmpeg?: string;
  /** DNS for the fetcher (tests give made-up hostnames addresses) */
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  log?: Logger;
}

/** Attempts before a post's media is given up on, and the waits between them. */
export const MEDIA_MAX_ATTEMPTS = 6;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
/** How long a claimed job is left to its worker before another may take it. */
export const MEDIA_LEASE_MS = 15 * 60_000;
export const PROVENANCE_MODEL = "provenance";

export function retryDelayMs(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt - 1, 0), BACKOFF_MS.length - 1)]!;
}

interface Job {
  postId: string;
  sourceUrl: string | null;
  declaredSha256: string | null;
  sha256: string | null;
  attempts: number;
}

/** Claims up to `limit` due jobs, oldest first. */
export async function claimMediaJobs(db: Database, now: Date, limit: number): Promise<Job[]> {
  return db.prisma.$transaction(async (tx) => {
    const jobs = await tx.$queryRaw<Job[]>(
      sql`SELECT m."postId", m."sourceUrl", m."declaredSha256", m."sha256", m."attempts"
            FROM "PostMedia" m
           WHERE m."status" IN ('pending', 'retrying') AND m."nextAttemptAt" <= ${now}::timestamptz
           ORDER BY m."nextAttemptAt", m."postId"
           LIMIT ${limit}
           FOR UPDATE SKIP LOCKED`,
    );
    if (jobs.length)
      await tx.$executeRaw(
        sql`UPDATE "PostMedia" SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + MEDIA_LEASE_MS)}::timestamptz
             WHERE "postId" = ANY(${jobs.map((j) => j.postId)}::text[])`,
      );
    return jobs.map((j) => ({ ...j, attempts: j.attempts + 1 }));
  });
}

/** Works through one batch of due jobs, one file at a time (memory stays that of one file). Returns how many. */
export async function processDueMedia(
  db: Database,
  services: MediaServices,
  opts: { now: Date; limit?: number },
): Promise<{ claimed: number; ready: number; failed: number }> {
  const jobs = await claimMediaJobs(db, opts.now, opts.limit ?? 8);
  let ready = 0;
  let failed = 0;
  for (const job of jobs) {
    if (await processJob(db, services, job, opts.now)) ready++;
    else failed++;
  }
  return { claimed: jobs.length, ready, failed };
}

async function processJob(db: Database, services: MediaServices, job: Job, now: Date): Promise<boolean> {
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-media-"));
  try {
    const known = job.sha256 ? await knownFile(db, job.sha256) : null;
    if (known && (await services.store.stat(originalKey(job.sha256!)))) {
      await markReady(db, job.postId, job.sha256!, false, now);
      return true;
    }
    const file = await obtainFile(services, job, work);
    const sha256 = file.sha256;
    if ((await knownFile(db, sha256)) && (await services.store.stat(originalKey(sha256)))) {
      await markReady(db, job.postId, sha256, false, now);
      return true;
    }
    // the SHA-256 of the bytes processed decides, whatever the job said
    const analysis = await analyseAndStore(db, services, file.path, work, now);
    await markReady(db, job.postId, analysis.sha256, true, now);
    return true;
  } catch (err) {
    const error =
      err instanceof MediaError
        ? err
        : new MediaError("processing_failed", "the file could not be processed; it will be tried again", true);
    if (!(err instanceof MediaError)) services.log?.error({ err, postId: job.postId }, "media processing failed");
    await markFailed(db, job, error, now);
    return false;
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

/** Runs a local file through the pipeline and puts it and its poster and strip into the (content-addressed) store. */
export async function analyseIntoStore(
  services: Pick<MediaServices, "store" | "limits" | "fps" | "ffmpeg">,
  file: string,
  workDir: string,
): Promise<MediaAnalysis> {
  const analysis = await analyseFile(file, {
    limits: services.limits,
    fps: services.fps,
    outDir: workDir,
    ffmpeg: services.ffmpeg,
  });
  await services.store.putFile(originalKey(analysis.sha256), file, analysis.mimeType);
  await services.store.putFile(derivedKey(analysis.sha256, "poster.jpg"), analysis.posterFile, "image/jpeg");
  await services.store.putFile(derivedKey(analysis.sha256, "strip.jpg"), analysis.stripFile, "image/jpeg");
  return analysis;
}

/** The pipeline, the store and the record of what was found (MediaFile, MediaFrame), for one local file. */
export async function analyseAndStore(
  db: Database,
  services: Pick<MediaServices, "store" | "limits" | "fps" | "ffmpeg">,
  file: string,
  workDir: string,
  now: Date,
): Promise<MediaAnalysis> {
  const analysis = await analyseIntoStore(services, file, workDir);
  await db.prisma.$transaction((tx) => recordAnalysis(tx, analysis, now));
  return analysis;
}

async function knownFile(db: Database, sha256: string) {
  return db.prisma.mediaFile.findFirst({ where: { sha256, purgedAt: null }, select: { sha256: true } });
}

/** The job's file on local disk: fetched from the platform, or read back from the store where it already is. */
async function obtainFile(services: MediaServices, job: Job, dir: string): Promise<{ path: string; sha256: string }> {
  if (job.sourceUrl) {
    const fetched = await fetchMedia(job.sourceUrl, {
      origins: services.origins,
      maxBytes: services.limits.maxBytes,
      timeoutMs: services.fetchTimeoutMs,
      dir,
      lookup: services.lookup,
      expectedSha256: job.declaredSha256 ?? undefined,
    });
    return { path: fetched.file, sha256: fetched.sha256 };
  }
  const sha256 = job.sha256 ?? job.declaredSha256;
  if (!sha256 || !(await services.store.stat(originalKey(sha256))))
    throw new MediaError("bad_url", "the platform has not sent a URL for this post's file");
  const file = path.join(dir, "original");
  const stream = await services.store.read(originalKey(sha256));
  await fs.promises.writeFile(file, stream as NodeJS.ReadableStream);
  await sniffFile(file, services.limits);
  return { path: file, sha256 };
}

async function markReady(db: Database, postId: string, sha256: string, processed: boolean, now: Date) {
  await db.prisma.$transaction(async (tx) => {
    const [media] = await tx.$queryRaw<{ rescan: boolean }[]>(
      sql`SELECT "rescan" FROM "PostMedia" WHERE "postId" = ${postId} FOR UPDATE`,
    );
    await tx.$executeRaw(
      sql`UPDATE "PostMedia" SET "status" = 'ready', "sha256" = ${sha256}, "readyAt" = ${now}::timestamptz, "sourceUrl" = NULL,
                 "errorCode" = NULL, "error" = NULL, "rescan" = false, "updatedAt" = ${now}::timestamptz
           WHERE "postId" = ${postId}`,
    );
    await tx.$executeRaw(sql`UPDATE "Post" SET "posterUrl" = ${mediaUrls(postId).posterUrl} WHERE "id" = ${postId}`);
    // looked at by the matcher while this media was not ready: look again, now with its frames
    if (media?.rescan) await tx.$executeRaw(sql`UPDATE "Post" SET "hashScannedAt" = NULL WHERE "id" = ${postId}`);
    const banked = await bankProcessedMedia(tx, [postId], now);
    await flagProvenanceDisagreement(tx, postId, sha256, now);
    await appendAudit(
      tx,
      {
        actorType: "system",
        action: "media.ready",
        subjectType: "post",
        subjectId: postId,
        details: { sha256, processed, bankedHashes: banked },
      },
      now,
    );
  });
}

/** Records a file's analysis; keyed by SHA-256, so recording it again replaces its frames. */
export async function recordAnalysis(tx: Tx, a: MediaAnalysis, now: Date) {
  const kept = new Set(a.vpdq.map((f) => f.atMs));
  await tx.mediaFile.upsert({
    where: { sha256: a.sha256 },
    create: {
      sha256: a.sha256,
      md5: a.md5,
      bytes: a.bytes,
      mimeType: a.mimeType,
      kind: a.kind,
      durationMs: a.probe.durationMs,
      width: a.probe.width,
      height: a.probe.height,
      videoCodec: a.probe.videoCodec,
      audioCodec: a.probe.audioCodec,
      fps: a.probe.fps,
      loudness: a.loudness as unknown as Prisma.InputJsonValue,
      strip: a.strip as unknown as Prisma.InputJsonValue,
      c2paState: a.provenance.state,
      provenance: a.provenance as unknown as Prisma.InputJsonValue,
      matchable: a.matchable,
      createdAt: now,
    },
    update: { purgedAt: null },
  });
  // Content-addressed: two workers may process the same file at once, and both write the same frames.
  await execRows(
    tx,
    a.frames.map((f, index) => ({ index, atMs: f.atMs, pdq: f.pdq, quality: f.quality, kept: kept.has(f.atMs) })),
    (json) =>
      sql`INSERT INTO "MediaFrame" ("sha256", "index", "atMs", "pdq", "quality", "kept")
       SELECT ${a.sha256}, x."index", x."atMs", x."pdq", x."quality", x."kept"
         FROM jsonb_to_recordset(${json}) AS x("index" int, "atMs" int, "pdq" text, "quality" int, "kept" boolean)
       ON CONFLICT ("sha256", "index") DO UPDATE SET "atMs" = EXCLUDED."atMs", "pdq" = EXCLUDED."pdq",
         "quality" = EXCLUDED."quality", "kept" = EXCLUDED."kept"`,
  );
  // processed again with fewer frames (another sampling rate): the rest are not this file's frames any more
  await tx.mediaFrame.deleteMany({ where: { sha256: a.sha256, index: { gte: a.frames.length } } });
}

/** When what the platform says about a post's provenance disagrees with its file, the post gets a signal. */
async function flagProvenanceDisagreement(tx: Tx, postId: string, sha256: string, now: Date) {
  const [row] = await tx.$queryRaw<{ hasC2pa: boolean; hasWatermark: boolean; provenance: Provenance }[]>(
    sql`SELECT p."hasC2pa", p."hasWatermark", f."provenance"
          FROM "Post" p JOIN "MediaFile" f ON f."sha256" = ${sha256}
         WHERE p."id" = ${postId}`,
  );
  if (!row) return;
  const disagreement = platformDisagreement(row, row.provenance);
  if (!disagreement) return;
  const folded = await foldSignals(tx, {
    drafts: [
      {
        index: 0,
        eventId: null,
        kind: "classifier_flag",
        queue: "flagged_generation",
        subjectType: "post",
        subjectId: postId,
        category: null,
        model: PROVENANCE_MODEL,
        score: row.provenance.state === "invalid" ? 0.9 : 0.6,
        text: disagreement,
        payload: { c2paState: row.provenance.state, platformHasC2pa: row.hasC2pa, disagreement },
        occurredAt: now.toISOString(),
      },
    ],
    takedowns: [],
    appeals: [],
    now,
  });
  await rescoreCases(tx, folded.caseIds, now, folded.deadlines);
}

async function markFailed(db: Database, job: Job, error: MediaError, now: Date) {
  const retry = error.retryable && job.attempts < MEDIA_MAX_ATTEMPTS;
  await db.prisma.$transaction(async (tx) => {
    await tx.postMedia.update({
      where: { postId: job.postId },
      data: {
        status: retry ? "retrying" : "failed",
        nextAttemptAt: new Date(now.getTime() + (retry ? retryDelayMs(job.attempts) : 0)),
        errorCode: error.code,
        error: error.message,
      },
    });
    await appendAudit(
      tx,
      {
        actorType: "system",
        action: "media.failed",
        subjectType: "post",
        subjectId: job.postId,
        details: { code: error.code, reason: error.message, attempt: job.attempts, retry },
      },
      now,
    );
  });
}
