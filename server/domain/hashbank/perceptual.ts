// Near matches between posts' videos and the banks' videos, with vPDQ semantics, shared by the matcher, the case
// view, lookup by file and the match API.
//
// A post's video is its kept (vPDQ) frames of PDQ quality ≥ 50, Vigil's own hashes of the file; a banked video is
// one item's active frame entries (a removed post's frames, an imported video, or one imported hash). Two frames
// are the same picture within `maxDistance` bits. For each (post, banked item) sharing any frame: queryPct = share
// of the post's unique frames found in the item, comparisonPct = share of the item's unique frames found in the
// post. The pair matches when comparisonPct reaches `matchPct`: never because one frame did, unless the banked
// item is a single still. The frames are looked up in each server's in-memory index (index-service.ts).
import type { Tx } from "../../db/tx.ts";
import { sql } from "../../db/sql.ts";
import type { HashIndexService, ItemMatch } from "./index-service.ts";
import { PDQ_INDEX_MAX_DISTANCE } from "./pdq-index.ts";

/** The largest distance the index is sure to find (below 2 differing bits in each of 16 chunks of 16 bits). */
export const MAX_MATCH_DISTANCE = PDQ_INDEX_MAX_DISTANCE;
/** Frames below this PDQ quality never match (the PDQ convention). */
export const DEFAULT_MIN_QUALITY = 50;
/** A post matches a banked video when this share of the banked video's unique frames is found in it. */
export const DEFAULT_MATCH_PCT = 80;

export interface VideoMatchOptions {
  maxDistance: number;
  matchPct?: number;
}

/** The unique kept frames of quality ≥ 50 of the posts' processed media, by post. */
export async function postFrames(tx: Tx, postIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<{ postId: string; pdq: string }[]>(
    sql`SELECT DISTINCT m."postId", f."pdq"
          FROM "PostMedia" m
          JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept" AND f."quality" >= ${DEFAULT_MIN_QUALITY}
         WHERE m."postId" = ANY(${[...postIds]}::text[]) AND m."status" = 'ready'`,
  );
  const byPost = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPost.get(r.postId);
    if (list) list.push(r.pdq);
    else byPost.set(r.postId, [r.pdq]);
  }
  return byPost;
}

/** Each post's matching banked items, best first; a post is never matched with its own banked frames. */
export async function videoMatches(
  tx: Tx,
  index: HashIndexService,
  postIds: readonly string[],
  opts: VideoMatchOptions,
): Promise<Map<string, ItemMatch[]>> {
  const frames = await postFrames(tx, postIds);
  const out = new Map<string, ItemMatch[]>();
  for (const [postId, list] of frames) {
    const matches = index.matchVideo(list, {
      maxDistance: opts.maxDistance,
      matchPct: opts.matchPct ?? DEFAULT_MATCH_PCT,
      excludeItems: new Set([postId]),
    });
    if (matches.length) out.set(postId, matches);
  }
  return out;
}
