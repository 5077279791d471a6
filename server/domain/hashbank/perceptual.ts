import { raw, sql, type Sql } from "../../db/sql.ts";
// Near matches between posts' videos and the bank's videos, with vPDQ semantics, as SQL shared by the matcher and
// the case view.
//
// A post's video is its kept (vPDQ) frames of PDQ quality ≥ 50, Vigil's own hashes of the file; a banked video is
// the active perceptual entries of one removed post. Two frames are the same picture within `maxDistance` bits.
// For each pair (post, banked post) that shares any frame: queryPct = share of the post's unique frames found in
// the banked video, comparisonPct = share of the banked video's unique frames found in the post. The pair matches
// when comparisonPct reaches `matchPct`: never because one frame did, unless the banked item is a single still.
//
// Comparing every frame with every banked hash grows with the bank. Instead each banked hash is cut into 16
// chunks of 16 bits (HashBankChunk, kept by a trigger): two hashes at most 31 bits apart have some chunk that
// differs in at most one bit (16 chunks with 2 or more differing bits would be 32 bits). So a frame's candidates
// are the entries sharing one of its chunks, or that chunk with one bit flipped — 272 index probes — and only those
// are compared in full. A distance setting above 31 loses that guarantee and compares with every entry instead.

const CHUNKS = 16;
/** The largest distance the chunk index is sure to find: below 2 differing bits in each of the 16 chunks. */
export const CHUNK_INDEX_MAX_DISTANCE = 2 * CHUNKS - 1;
/** Frames below this PDQ quality never match (the PDQ convention). */
export const DEFAULT_MIN_QUALITY = 50;
/** A post matches a banked video when this share of the banked video's unique frames is found in it. */
export const DEFAULT_MATCH_PCT = 80;

export interface VideoMatchOptions {
  maxDistance: number;
  minQuality?: number;
  matchPct?: number;
}

/** The kept frames of quality ≥ minQuality of the posts `postIds`' processed media, one row per unique hash. */
function postFrames(postIds: readonly string[], minQuality: number): Sql {
  return sql`pm_frames AS MATERIALIZED (
       SELECT DISTINCT m."postId", f."pdq", ('x' || f."pdq")::bit(256) AS "bits"
         FROM "PostMedia" m
         JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept" AND f."quality" >= ${minQuality}
        WHERE m."postId" = ANY(${[...postIds]}::text[]) AND m."status" = 'ready'
     )`;
}

const BANKED = raw(`e."kind" = 'perceptual' AND e."active" AND NOT e."legacy" AND e."postId" IS NOT NULL`);

/**
 * CTEs ending in `perceptual("postId", "entryId", "distance", "queryPct", "comparisonPct")`: for each of the posts
 * `postIds` and each banked video it matches, the closest entry, its distance and both percentages (0–100).
 */
export function perceptualMatchesCtes(postIds: readonly string[], opts: VideoMatchOptions): Sql {
  const minQuality = opts.minQuality ?? DEFAULT_MIN_QUALITY;
  const matchPct = opts.matchPct ?? DEFAULT_MATCH_PCT;
  const distance = raw(`bit_count(f."bits" # ('x' || e."hash")::bit(256))`);
  const pairs =
    opts.maxDistance > CHUNK_INDEX_MAX_DISTANCE
      ? sql`pm_pairs AS (
       SELECT f."postId", f."pdq", e."id" AS "entryId", e."postId" AS "bankedPostId", e."hash", ${distance} AS "distance"
         FROM pm_frames f
         JOIN "HashBankEntry" e ON ${BANKED} AND e."postId" <> f."postId" AND e."quality" >= ${minQuality}
        WHERE ${distance} <= ${opts.maxDistance}
     )`
      : sql`pm_probes AS (
       SELECT DISTINCT f."postId", f."pdq", i AS "part", ('x' || substr(f."pdq", i * 4 + 1, 4))::bit(16)::int # m."mask" AS "value"
         FROM pm_frames f
        CROSS JOIN generate_series(0, ${raw(String(CHUNKS - 1))}) AS i
        CROSS JOIN (SELECT 0 AS "mask" UNION ALL SELECT 1 << b FROM generate_series(0, 15) AS b) m
     ), pm_candidates AS (
       SELECT DISTINCT p."postId", p."pdq", c."entryId"
         FROM pm_probes p JOIN "HashBankChunk" c ON c."part" = p."part" AND c."value" = p."value"
     ), pm_pairs AS (
       SELECT f."postId", f."pdq", e."id" AS "entryId", e."postId" AS "bankedPostId", e."hash", ${distance} AS "distance"
         FROM pm_candidates c
         JOIN pm_frames f ON f."postId" = c."postId" AND f."pdq" = c."pdq"
         JOIN "HashBankEntry" e ON e."id" = c."entryId" AND ${BANKED} AND e."postId" <> f."postId" AND e."quality" >= ${minQuality}
        WHERE ${distance} <= ${opts.maxDistance}
     )`;
  return sql`${postFrames(postIds, minQuality)}, ${pairs}, pm_shared AS (
       SELECT p."postId", p."bankedPostId", count(DISTINCT p."pdq") AS "queryFound", count(DISTINCT p."hash") AS "bankedFound",
              (array_agg(p."entryId" ORDER BY p."distance", p."entryId"))[1] AS "entryId", min(p."distance") AS "distance"
         FROM pm_pairs p GROUP BY 1, 2
     ), pm_query_total AS (
       SELECT "postId", count(*) AS "total" FROM pm_frames GROUP BY 1
     ), pm_banked_total AS (
       SELECT e."postId" AS "bankedPostId", count(DISTINCT e."hash") AS "total"
         FROM "HashBankEntry" e
        WHERE ${BANKED} AND e."quality" >= ${minQuality} AND e."postId" IN (SELECT "bankedPostId" FROM pm_shared)
        GROUP BY 1
     ), perceptual AS (
       SELECT s."postId", s."entryId", s."distance"::int AS "distance",
              round(100.0 * s."queryFound" / q."total", 1)::float8 AS "queryPct",
              round(100.0 * s."bankedFound" / b."total", 1)::float8 AS "comparisonPct"
         FROM pm_shared s
         JOIN pm_query_total q ON q."postId" = s."postId"
         JOIN pm_banked_total b ON b."bankedPostId" = s."bankedPostId"
        WHERE 100.0 * s."bankedFound" / b."total" >= ${matchPct}
     )`;
}
