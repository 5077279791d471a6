// A post's media as the case view shows it: whether Vigil has the file (or why not), where to play it from, what
// ffmpeg and the hashers found, its Content Credentials beside what the platform says, and — for a hash bank
// match — which frames of the two videos match and when.
import type { Tx } from "../../db/tx.ts";
import { sql } from "../../db/sql.ts";
import { describeProvenance, platformDisagreement } from "../../contracts/provenance-words.ts";
import type { Provenance } from "../../media/types.ts";
import { DEFAULT_MIN_QUALITY } from "../hashbank/perceptual.ts";

export const mediaUrls = (postId: string) => ({
  fileUrl: `/media/posts/${encodeURIComponent(postId)}/file`,
  posterUrl: `/media/posts/${encodeURIComponent(postId)}/poster.jpg`,
  stripUrl: `/media/posts/${encodeURIComponent(postId)}/strip.jpg`,
});

/** Loudness (LUFS) from which the player warns before unmuting. */
export const LOUD_LUFS = -14;

export async function postMediaView(tx: Tx, post: { id: string; hasC2pa: boolean; hasWatermark: boolean }) {
  const media = await tx.postMedia.findUnique({
    where: { postId: post.id },
    select: {
      status: true,
      attempts: true,
      nextAttemptAt: true,
      errorCode: true,
      error: true,
      sha256: true,
      readyAt: true,
    },
  });
  if (!media) return { status: "none" as const, platform: { hasC2pa: post.hasC2pa, hasWatermark: post.hasWatermark } };
  const file =
    media.status === "ready" && media.sha256
      ? await tx.mediaFile.findUnique({
          where: { sha256: media.sha256 },
          include: { _count: { select: { frames: true } } },
        })
      : null;
  const base = {
    status: media.status,
    attempts: media.attempts,
    nextAttemptAt: media.status === "retrying" ? media.nextAttemptAt : null,
    errorCode: media.errorCode,
    error: media.error,
    platform: { hasC2pa: post.hasC2pa, hasWatermark: post.hasWatermark },
  };
  if (!file) return { ...base, file: null };
  const provenance = file.provenance as unknown as Provenance;
  const loudness = (file.loudness ?? []) as { atMs: number; lufs: number }[];
  const loudest = loudness.reduce<number | null>((max, l) => (max === null || l.lufs > max ? l.lufs : max), null);
  return {
    ...base,
    file: {
      ...(file.purgedAt ? { fileUrl: null, posterUrl: null, stripUrl: null } : mediaUrls(post.id)),
      purgedAt: file.purgedAt,
      sha256: file.sha256,
      md5: file.md5,
      bytes: file.bytes,
      mimeType: file.mimeType,
      kind: file.kind as "video" | "image",
      durationMs: file.durationMs,
      width: file.width,
      height: file.height,
      videoCodec: file.videoCodec,
      audioCodec: file.audioCodec,
      fps: file.fps,
      frames: file._count.frames,
      matchable: file.matchable,
      strip: file.strip as { tiles: number; tileWidth: number; tileHeight: number; atMs: number[] },
      loudness,
      loudestLufs: loudest,
      isLoud: loudest !== null && loudest >= LOUD_LUFS,
      provenance,
      provenanceSummary: describeProvenance(provenance),
      disagreement: platformDisagreement(post, provenance),
    },
  };
}
export type PostMediaView = Awaited<ReturnType<typeof postMediaView>>;

export interface FramePair {
  atMs: number;
  matchedAtMs: number;
  distance: number;
}

/** Merges matched frame times into ranges: consecutive samples at most `gapMs` apart belong together. */
export function timeRanges(times: number[], gapMs: number): { startMs: number; endMs: number }[] {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  const ranges: { startMs: number; endMs: number }[] = [];
  for (const t of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && t - last.endMs <= gapMs) last.endMs = t;
    else ranges.push({ startMs: t, endMs: t });
  }
  return ranges;
}

/**
 * Which frames of `postId`'s video match which frames of the banked video of `matchedPostId`: for each matching
 * frame of the post its closest banked frame, and the matched stretches of time in each video.
 */
export async function framePairs(
  tx: Tx,
  postId: string,
  matchedPostId: string,
  opts: { maxDistance: number; minQuality?: number; frameMs?: number },
) {
  const minQuality = opts.minQuality ?? DEFAULT_MIN_QUALITY;
  const pairs = await tx.$queryRaw<FramePair[]>(
    sql`WITH q AS (
       SELECT f."atMs", ('x' || f."pdq")::bit(256) AS "bits"
         FROM "PostMedia" m JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept" AND f."quality" >= ${minQuality}
        WHERE m."postId" = ${postId} AND m."status" = 'ready'
     ), b AS (
       SELECT e."atMs", ('x' || e."hash")::bit(256) AS "bits"
         FROM "HashBankEntry" e
        WHERE e."postId" = ${matchedPostId} AND e."kind" = 'perceptual' AND e."active" AND NOT e."legacy" AND e."quality" >= ${minQuality}
     )
     SELECT DISTINCT ON (q."atMs") q."atMs", b."atMs" AS "matchedAtMs", bit_count(q."bits" # b."bits")::int AS "distance"
       FROM q CROSS JOIN b
      WHERE bit_count(q."bits" # b."bits") <= ${opts.maxDistance}
      ORDER BY q."atMs", bit_count(q."bits" # b."bits"), b."atMs"`,
  );
  const gap = Math.round((opts.frameMs ?? 1000) * 1.5);
  const [post, matched] = await Promise.all([stripOf(tx, postId), stripOf(tx, matchedPostId)]);
  return {
    /** each video's thumbnail strip (null once purged or never processed), to show the pairs side by side */
    post,
    matched,
    pairs,
    ranges: timeRanges(
      pairs.map((p) => p.atMs),
      gap,
    ),
    matchedRanges: timeRanges(
      pairs.map((p) => p.matchedAtMs),
      gap,
    ),
  };
}

async function stripOf(tx: Tx, postId: string) {
  const [row] = await tx.$queryRaw<
    { strip: { tiles: number; tileWidth: number; tileHeight: number; atMs: number[] } }[]
  >(
    sql`SELECT f."strip" FROM "PostMedia" m JOIN "MediaFile" f ON f."sha256" = m."sha256"
         WHERE m."postId" = ${postId} AND m."status" = 'ready' AND f."purgedAt" IS NULL`,
  );
  return row ? { stripUrl: mediaUrls(postId).stripUrl, strip: row.strip } : null;
}
