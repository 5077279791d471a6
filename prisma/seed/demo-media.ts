// The demo world's media: every demo post plays. A library of short clips is made with ffmpeg at first start
// (media-clips.ts; kept in a folder so restarts reuse it) and run through the real pipeline once per file; posts
// share clips, except the few that tell a story of their own:
// - the removed post behind the hash bank scenario has its own clip, banked by vPDQ; its re-upload
//   (`@reupload_rex`) is a re-encoded, rescaled copy left for the media worker and the matcher, which flags it by
//   vPDQ (its file hash differs);
// - one post carries a still with valid Content Credentials;
// - one post claims Content Credentials (the platform's flag) but its file has none: left for the media worker,
//   which raises the disagreement as a signal;
// - one post is an all-black clip, which is "not matchable";
// - the post an open TAKE IT DOWN request reports has a clip of its own, and a rescaled, re-encoded copy of it is
//   on a later post of another account that no request names: lookup by file finds both from the requester's copy.
// Removed posts use clips no live post uses, so similar-content lists stay meaningful.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../../server/db/client.ts";
import { execRows, sql } from "../../server/db/sql.ts";
import { bankProcessedMedia } from "../../server/domain/hashbank/bank.ts";
import { analyseIntoStore, recordAnalysis } from "../../server/domain/media/jobs.ts";
import type { MediaAnalysis } from "../../server/media/analyse.ts";
import { mediaUrls } from "../../server/domain/media/post-media-view.ts";
import { originalKey, type MediaStore } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { buildDemoClips, type DemoClip } from "./media-clips.ts";
import { HASH_MATCH_SCENARIO } from "./hash-match-scenario.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const CREDENTIALS_STILL = path.join(here, "media", "content-credentials.jpg");
/** Of the shared clips, how many only removed posts use. */
const REMOVED_POOL = 4;

export interface DemoMediaOptions {
  store: MediaStore;
  /** where the clip library is kept between starts */
  clipsDir: string;
  ffmpeg?: string;
  fps?: number;
}

/** The posts with a media story of their own: the first public posts not in the hash bank, in id order. */
export function demoMediaPosts(posts: { id: string; visibility: string; banked: boolean }[]) {
  const [claimsCredentials, signed, blank] = posts
    .filter((p) => p.visibility === "public" && !p.banked && p.id !== HASH_MATCH_SCENARIO.postId)
    .map((p) => p.id);
  /** claims Content Credentials its file does not have; a still with valid ones; an all-black clip */
  return { claimsCredentials, signed, blank };
}

export interface TakedownRequestRef {
  id: string;
  reference: string;
  type: string;
  status: string;
  receivedAt: Date;
  postIds: string[];
}

/** The request whose reported video has a copy elsewhere: the first valid TAKE IT DOWN request naming one post. */
export function reportedRequest<T extends TakedownRequestRef>(requests: T[]): T | undefined {
  return requests
    .filter((r) => r.type === "take_it_down" && r.status === "valid" && r.postIds.length === 1)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : 1))[0];
}

interface PostRow {
  id: string;
  prompt: string;
  visibility: string;
  banked: boolean;
}

export interface PreparedDemoMedia {
  clips: DemoClip[];
  /** the analysis of every file the demo processes at seed, by file */
  analyses: Map<string, MediaAnalysis>;
  credentialsStill: string;
}

/**
 * Makes the clip library and runs each file through the pipeline into the store — ffmpeg in child processes, so
 * it runs while the demo world is written. `prompts` caption the clips.
 */
export async function prepareDemoMedia(opts: DemoMediaOptions, prompts: string[]): Promise<PreparedDemoMedia> {
  const clips = await buildDemoClips({ dir: opts.clipsDir, prompts, ffmpeg: opts.ffmpeg });
  const services = { store: opts.store, limits: DEFAULT_MEDIA_LIMITS, fps: opts.fps ?? 1, ffmpeg: opts.ffmpeg };
  const files = [...clips.filter((c) => c.kind !== "reupload").map((c) => c.file), CREDENTIALS_STILL];
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-demo-media-"));
  const analyses = new Map<string, MediaAnalysis>();
  try {
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        const out = await fs.promises.mkdtemp(path.join(work, "f-"));
        analyses.set(file, await analyseIntoStore(services, file, out));
      }
    };
    await Promise.all([lane(), lane()]);
    // The re-upload's file is stored but left for the media worker to process.
    const reupload = clips.find((c) => c.kind === "reupload")!;
    await opts.store.putFile(originalKey(reupload.sha256), reupload.file, "video/mp4");
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
  return { clips, analyses, credentialsStill: CREDENTIALS_STILL };
}

/** Captions for the clip library: prompts of live posts (the clip shows one of the prompts it stands for). */
export function demoClipPrompts(posts: { prompt: string; visibility?: string }[]): string[] {
  const live = posts.filter((p) => !p.visibility || p.visibility === "public" || p.visibility === "held");
  return Array.from({ length: 16 }, (_, i) => live[i * 7]?.prompt ?? `Demo clip ${i + 1}`);
}

/** Gives every demo post its media (after the world and the hash bank scenario are written). */
export async function seedDemoMedia(db: Database, now: Date, prepared: PreparedDemoMedia): Promise<void> {
  const posts = await db.prisma.$queryRaw<PostRow[]>(
    sql`SELECT p."id", p."prompt", p."visibility"::text AS "visibility",
               EXISTS (SELECT 1 FROM "HashBankEntry" e WHERE e."postId" = p."id" AND e."active") AS "banked"
          FROM "Post" p ORDER BY p."id"`,
  );
  const originalId = (
    await db.prisma.hashBankEntry.findFirst({
      where: { kind: "exact", active: true, post: { isNot: null }, postId: { not: HASH_MATCH_SCENARIO.postId } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { postId: true },
    })
  )?.postId;
  const special = demoMediaPosts(posts);
  const requests = await db.prisma.takedownRequest.findMany({
    select: {
      id: true,
      reference: true,
      type: true,
      status: true,
      receivedAt: true,
      posts: { select: { postId: true } },
    },
  });
  const reportedPostId = reportedRequest(requests.map((r) => ({ ...r, postIds: r.posts.map((p) => p.postId) })))
    ?.postIds[0];
  // the copy: the last live post of another creator that no case or request is about
  const reportedCopyId = reportedPostId
    ? (
        await db.prisma.$queryRaw<{ id: string }[]>(
          sql`SELECT p."id" FROM "Post" p
               WHERE p."visibility" = 'public' AND p."id" LIKE 'post\_0%'
                 AND p."creatorId" <> (SELECT "creatorId" FROM "Post" WHERE "id" = ${reportedPostId})
                 AND NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."postId" = p."id")
                 AND NOT EXISTS (SELECT 1 FROM "TakedownRequestPost" t WHERE t."postId" = p."id")
                 AND NOT EXISTS (SELECT 1 FROM "HashBankEntry" e WHERE e."postId" = p."id")
               ORDER BY p."id" DESC LIMIT 1`,
        )
      )[0]?.id
    : undefined;
  const { clips, analyses } = prepared;
  const byKind = (kind: DemoClip["kind"]) => clips.filter((c) => c.kind === kind);
  const shared = byKind("shared");
  const livePool = shared.slice(0, shared.length - REMOVED_POOL);
  const removedPool = shared.slice(shared.length - REMOVED_POOL);
  const original = byKind("removed-original")[0]!;
  const reupload = byKind("reupload")[0]!;
  const blank = byKind("silent-black")[0]!;
  const reportedOriginal = byKind("reported-original")[0]!;
  const reportedCopy = byKind("reported-copy")[0]!;

  const fileOf = (p: PostRow, i: number): string => {
    if (p.id === originalId) return original.file;
    if (p.id === special.signed) return prepared.credentialsStill;
    if (p.id === special.blank) return blank.file;
    if (p.id === reportedPostId) return reportedOriginal.file;
    if (p.id === reportedCopyId) return reportedCopy.file;
    const pool = p.visibility === "public" || p.visibility === "held" ? livePool : removedPool;
    return pool[i % pool.length]!.file;
  };
  const pending = new Set<string>([HASH_MATCH_SCENARIO.postId, special.claimsCredentials ?? ""]);
  const rows = posts.map((p, i) => {
    if (p.id === HASH_MATCH_SCENARIO.postId)
      return { postId: p.id, sha256: reupload.sha256, status: "pending", durationMs: reupload.durationMs };
    const a = analyses.get(fileOf(p, i))!;
    return {
      postId: p.id,
      sha256: a.sha256,
      status: pending.has(p.id) ? "pending" : "ready",
      durationMs: a.probe.durationMs ?? 0,
    };
  });
  await db.prisma.$transaction(
    async (tx) => {
      for (const a of analyses.values()) await recordAnalysis(tx, a, now);
      await execRows(
        tx,
        rows.map((r) => ({ ...r, posterUrl: mediaUrls(r.postId).posterUrl })),
        (json) => sql`WITH x AS (
           SELECT * FROM jsonb_to_recordset(${json}) AS x("postId" text, "sha256" text, "status" text, "durationMs" int, "posterUrl" text)
         ), media AS (
           INSERT INTO "PostMedia" ("postId", "status", "sha256", "nextAttemptAt", "readyAt", "createdAt", "updatedAt")
           SELECT x."postId", x."status"::"MediaStatus", x."sha256", ${now}::timestamptz,
                  CASE WHEN x."status" = 'ready' THEN ${now}::timestamptz END, ${now}::timestamptz, ${now}::timestamptz
             FROM x
         )
         UPDATE "Post" p SET "hasC2pa" = false,
                "durationMs" = CASE WHEN x."durationMs" > 0 THEN x."durationMs" ELSE p."durationMs" END,
                "posterUrl" = CASE WHEN x."status" = 'ready' THEN x."posterUrl" ELSE p."posterUrl" END
           FROM x WHERE p."id" = x."postId"`,
      );
      await tx.post.updateMany({
        where: { id: { in: [special.signed, special.claimsCredentials].filter((id) => id !== undefined) } },
        data: { hasC2pa: true },
      });
      // the removed posts' frames, as the media worker banks them
      await bankProcessedMedia(
        tx,
        posts.filter((p) => p.banked && !pending.has(p.id)).map((p) => p.id),
        now,
      );
    },
    { timeout: 120_000 },
  );
}
