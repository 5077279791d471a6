import { raw, sql, type Sql } from "../../db/sql.ts";
// Near matches between keyframes and the bank's perceptual hashes, as SQL shared by the matcher and the case view.
//
// Comparing every keyframe with every banked hash grows with the bank. Instead each banked hash is cut into 16
// chunks of 16 bits (HashBankChunk, kept by a trigger): two hashes at most 31 bits apart have some chunk that
// differs in at most one bit (16 chunks with 2 or more differing bits would be 32 bits). So a keyframe's candidates
// are the entries sharing one of its chunks, or that chunk with one bit flipped — 272 index probes — and only those
// are compared in full. A distance setting above 31 loses that guarantee and compares with every entry instead.

const CHUNKS = 16;
/** The largest distance the chunk index is sure to find: below 2 differing bits in each of the 16 chunks. */
export const CHUNK_INDEX_MAX_DISTANCE = 2 * CHUNKS - 1;
const HEX64 = raw(`'^[0-9a-f]{64}$'`);

/**
 * CTEs ending in `perceptual("postId", "entryId", "distance")`: for the keyframes of the posts `postIds`, each
 * active perceptual entry of another post within `maxDistance` bits, at its closest.
 */
export function perceptualMatchesCtes(postIds: readonly string[], maxDistance: number): Sql {
  const frames = sql`pm_frames AS MATERIALIZED (
       SELECT k."postId", k."index", k."phash", ('x' || k."phash")::bit(256) AS "bits"
         FROM "PostKeyframe" k
        WHERE k."postId" = ANY(${[...postIds]}::text[]) AND k."phash" ~ ${HEX64}
     )`;
  const distance = raw(`bit_count(f."bits" # ('x' || e."hash")::bit(256))`);
  if (maxDistance > CHUNK_INDEX_MAX_DISTANCE) {
    return sql`${frames}, perceptual AS (
       SELECT f."postId", e."id" AS "entryId", min(${distance})::int AS "distance"
         FROM pm_frames f
         JOIN "HashBankEntry" e ON e."kind" = 'perceptual' AND e."active" AND e."postId" IS DISTINCT FROM f."postId" AND e."hash" ~ ${HEX64}
        WHERE ${distance} <= ${maxDistance}
        GROUP BY 1, 2
     )`;
  }
  return sql`${frames}, pm_probes AS (
       SELECT DISTINCT f."postId", f."index", i AS "part", ('x' || substr(f."phash", i * 4 + 1, 4))::bit(16)::int # m."mask" AS "value"
         FROM pm_frames f
        CROSS JOIN generate_series(0, ${raw(String(CHUNKS - 1))}) AS i
        CROSS JOIN (SELECT 0 AS "mask" UNION ALL SELECT 1 << b FROM generate_series(0, 15) AS b) m
     ), pm_candidates AS (
       SELECT DISTINCT p."postId", p."index", c."entryId"
         FROM pm_probes p JOIN "HashBankChunk" c ON c."part" = p."part" AND c."value" = p."value"
     ), perceptual AS (
       SELECT f."postId", e."id" AS "entryId", min(${distance})::int AS "distance"
         FROM pm_candidates c
         JOIN pm_frames f ON f."postId" = c."postId" AND f."index" = c."index"
         JOIN "HashBankEntry" e ON e."id" = c."entryId" AND e."kind" = 'perceptual' AND e."active" AND e."postId" IS DISTINCT FROM f."postId"
        WHERE ${distance} <= ${maxDistance}
        GROUP BY 1, 2
     )`;
}
