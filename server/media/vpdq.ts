// vPDQ: a video's hash is the PDQ hashes of its sampled frames, compared as an unordered bag of frames
// (ThreatExchange vpdq/README.md). Two videos match when enough of one's distinct good-quality frames have a
// near-identical frame (within 31 bits) in the other.

import { PDQ_MATCH_DISTANCE, PDQ_MIN_QUALITY, pdqFromRgb, pdqWords, wordsDistance } from "./pdq.ts";
import type { FrameHash } from "./types.ts";

export const VPDQ_MATCH_DISTANCE = PDQ_MATCH_DISTANCE;
export const VPDQ_MIN_QUALITY = PDQ_MIN_QUALITY;
/** A comparison video counts as matched when at least this share of its frames is found in the query. */
export const VPDQ_MATCH_PERCENT = 80;
/**
 * Consecutive frames within this many bits of the last kept one are dropped by pruneFrames. The reference
 * implementations do not prune at all (their matcher only drops exact repeats); their README describes
 * pruning with D_prune = 2 as its example, which is the value used here.
 */
export const DEFAULT_PRUNE_DISTANCE = 2;

/**
 * Hashes one sampled video frame as vPDQ does: the whole frame, never shrunk. When ffmpeg delivered the frame
 * scaled down, pass the video's own frame size as `source` so the hash is the one the full frame would get.
 */
export function hashVideoFrame(
  rgb: Uint8Array,
  width: number,
  height: number,
  atMs: number,
  source?: { width: number; height: number },
): FrameHash {
  const { pdq, quality } = pdqFromRgb(rgb, width, height, {
    sourceWidth: source?.width,
    sourceHeight: source?.height,
    maxSide: Infinity,
  });
  return { atMs, pdq, quality };
}

/**
 * Drops runs of near-identical consecutive frames: a frame is kept only when it is more than `maxDistance`
 * bits from the last frame kept (the first frame is always kept). Order is preserved.
 */
export function pruneFrames(frames: FrameHash[], maxDistance = DEFAULT_PRUNE_DISTANCE): FrameHash[] {
  const kept: FrameHash[] = [];
  const last = new Uint32Array(8);
  const cur = new Uint32Array(8);
  for (const f of frames) {
    pdqWords(f.pdq, cur);
    if (kept.length > 0 && wordsDistance(cur, 0, last, 0) <= maxDistance) continue;
    kept.push(f);
    last.set(cur);
  }
  return kept;
}

/** True when at least one frame is good enough to match on (a black or single-colour clip has none). */
export function isMatchable(frames: FrameHash[], minQuality = VPDQ_MIN_QUALITY): boolean {
  return frames.some((f) => f.quality >= minQuality);
}

/** The distinct hashes among frames of at least minQuality, as packed 32-bit words (8 per hash). */
function matchableWords(frames: FrameHash[], minQuality: number): Uint32Array {
  const seen = new Set<string>();
  for (const f of frames) if (f.quality >= minQuality) seen.add(f.pdq.toLowerCase());
  const words = new Uint32Array(seen.size * 8);
  let i = 0;
  for (const h of seen) pdqWords(h, words, 8 * i++);
  return words;
}

export interface MatchOptions {
  /** frames within this many bits match (default 31) */
  maxDistance?: number;
  /** frames of lower quality are left out on both sides (default 50) */
  minQuality?: number;
}

/**
 * vPDQ's match percentages over distinct frames of good quality: `queryPct` is the share of the query's
 * frames that have a match in the comparison, `comparisonPct` the share of the comparison's frames that have
 * one in the query (0 when a side has no such frames). A comparison video is matched when comparisonPct ≥ 80.
 */
export function matchPercentages(
  query: FrameHash[],
  comparison: FrameHash[],
  opts: MatchOptions = {},
): { queryPct: number; comparisonPct: number } {
  const maxDistance = opts.maxDistance ?? VPDQ_MATCH_DISTANCE;
  const minQuality = opts.minQuality ?? VPDQ_MIN_QUALITY;
  const q = matchableWords(query, minQuality);
  const c = matchableWords(comparison, minQuality);
  const nq = q.length / 8;
  const nc = c.length / 8;
  if (nq === 0 || nc === 0) return { queryPct: 0, comparisonPct: 0 };
  const qHit = new Uint8Array(nq);
  const cHit = new Uint8Array(nc);
  let qCount = 0;
  let cCount = 0;
  // One pass marks both sides; a pair is skipped once both of its frames are known to match.
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nc; j++) {
      if (qHit[i] && cHit[j]) continue;
      if (wordsDistance(q, 8 * i, c, 8 * j) > maxDistance) continue;
      if (!qHit[i]) {
        qHit[i] = 1;
        qCount++;
      }
      if (!cHit[j]) {
        cHit[j] = 1;
        cCount++;
      }
    }
  }
  return { queryPct: (qCount * 100) / nq, comparisonPct: (cCount * 100) / nc };
}
