// Lookup by file: which posts — published, held or removed — show a video or image staff have in hand (a victim's
// copy on a takedown request, a clip found elsewhere). The file's kept vPDQ frames are compared with every post's
// processed frames: near frames are found through the 16 chunk columns of MediaFrame (two hashes at most 31 bits
// apart agree on some 16-bit chunk to within one bit, so a frame needs 272 index probes, not a comparison with
// every frame), then compared in full with the frame's stored bits, each probe's candidates on their own (a frame
// reached through several chunks is counted once by the DISTINCT counts below, so no candidate set is deduplicated,
// which at 200,000 posts meant sorting ~750,000 rows); posts rank by how much of each video is found in the other,
// each listing its frame pairs (an upload frame, the closest frame of the post found for it, how far apart). The same file (by SHA-256 or MD5,
// or the platform's hash) ranks first.
import type { Database } from "../../db/client.ts";
import { jsonRows, raw, sql } from "../../db/sql.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visiblePostSql } from "../access/content-visibility.ts";
import { DEFAULT_MIN_QUALITY } from "../hashbank/perceptual.ts";

export interface LookupFrame {
  pdq: string;
  quality: number;
  /** where in the uploaded file the frame is */
  atMs: number;
}

/** A frame of the upload and the closest frame of the post found for it. */
export interface FramePair {
  uploadMs: number;
  postMs: number;
  /** bits apart (of 256) */
  distance: number;
}

export interface PostShowingFile {
  postId: string;
  prompt: string;
  visibility: string;
  creatorHandle: string;
  createdAt: Date;
  matchKind: "exact" | "perceptual";
  /** share of the uploaded file's unique frames found in the post, and of the post's found in the file (0–100) */
  queryPct: number | null;
  comparisonPct: number | null;
  /** bits apart of the closest frame pair */
  distance: number;
  /** for a perceptual match, each upload frame found in the post with its closest frame there, by upload time */
  framePairs: FramePair[];
}

/** A post is listed when at least this share of either video is found in the other. */
export const LOOKUP_MIN_PCT = 50;

function probesOf(frames: string[]) {
  const rows: { frame: number; part: number; value: number }[] = [];
  frames.forEach((pdq, frame) => {
    for (let part = 0; part < 16; part++) {
      const value = parseInt(pdq.slice(part * 4, part * 4 + 4), 16);
      rows.push({ frame, part, value });
      for (let bit = 0; bit < 16; bit++) rows.push({ frame, part, value: value ^ (1 << bit) });
    }
  });
  return rows;
}

export async function postsShowingFile(
  db: Database,
  file: { sha256: string; md5: string; frames: LookupFrame[] },
  opts: { maxDistance: number; access: ContentAccess; limit?: number },
): Promise<PostShowingFile[]> {
  // the unique hashes, each at the first time it is shown
  const firstAt = new Map<string, number>();
  for (const f of [...file.frames].sort((a, b) => a.atMs - b.atMs))
    if (f.quality >= DEFAULT_MIN_QUALITY && !firstAt.has(f.pdq)) firstAt.set(f.pdq, f.atMs);
  const frames = [...firstAt.keys()];
  const limit = opts.limit ?? 100;
  // (evaluated per candidate in WHERE, and again in the select list only for the few that pass)
  const distance = `bit_count(q."bits" # f."bits")`;
  const maxDistance = opts.maxDistance;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 31)
    throw new RangeError("maxDistance is a whole number of bits, 0–31.");
  const perceptual = frames.length
    ? await db.prisma.$queryRaw<
        {
          sha256: string;
          queryFound: number;
          fileFound: number;
          distance: number;
          total: number;
          pairs: [frame: number, postMs: number, distance: number][];
        }[]
      >(
        sql`WITH q AS MATERIALIZED (
              SELECT x."frame", ('x' || x."pdq")::bit(256) AS "bits"
                FROM jsonb_to_recordset(${jsonRows(frames.map((pdq, frame) => ({ frame, pdq })))}) AS x("frame" int, "pdq" text)
            ), probes AS MATERIALIZED (
              SELECT * FROM jsonb_to_recordset(${jsonRows(probesOf(frames))}) AS x("frame" int, "part" int, "value" int)
            ), near AS MATERIALIZED (
              ${raw(
                Array.from(
                  { length: 16 },
                  (_, i) =>
                    `SELECT p."frame", f."sha256", f."pdq", f."atMs", ${distance}::int AS "distance"
                       FROM probes p JOIN q ON q."frame" = p."frame"
                       JOIN "MediaFrame" f ON p."part" = ${i} AND f."chunk${i}" = p."value" AND f."kept" AND f."quality" >= ${DEFAULT_MIN_QUALITY}
                      WHERE ${distance} <= ${maxDistance}`,
                ).join(" UNION ALL "),
              )}
            ), found AS (
              SELECT "sha256", count(DISTINCT "frame")::int AS "queryFound", count(DISTINCT "pdq")::int AS "fileFound", min("distance")::int AS "distance"
                FROM near GROUP BY 1
            ), closest AS (
              SELECT DISTINCT ON ("sha256", "frame") "sha256", "frame", "atMs", "distance"
                FROM near ORDER BY "sha256", "frame", "distance", "atMs"
            ), paired AS (
              SELECT "sha256", jsonb_agg(jsonb_build_array("frame", "atMs", "distance") ORDER BY "frame") AS "pairs"
                FROM closest GROUP BY 1
            )
            SELECT fo.*, pa."pairs", (SELECT count(DISTINCT f."pdq")::int FROM "MediaFrame" f
                           WHERE f."sha256" = fo."sha256" AND f."kept" AND f."quality" >= ${DEFAULT_MIN_QUALITY}) AS "total"
              FROM found fo JOIN paired pa ON pa."sha256" = fo."sha256"`,
      )
    : [];
  const pairsOf = new Map(
    perceptual.map((m) => [
      m.sha256,
      m.pairs.map(([frame, postMs, distance]) => ({ uploadMs: firstAt.get(frames[frame]!)!, postMs, distance })),
    ]),
  );
  const byFile = perceptual
    .map((m) => ({
      sha256: m.sha256,
      distance: m.distance,
      queryPct: Math.round((1000 * m.queryFound) / frames.length) / 10,
      comparisonPct: m.total ? Math.round((1000 * m.fileFound) / m.total) / 10 : 0,
    }))
    .filter((m) => m.queryPct >= LOOKUP_MIN_PCT || m.comparisonPct >= LOOKUP_MIN_PCT);
  const rows = await db.prisma.$queryRaw<
    (Omit<PostShowingFile, "matchKind" | "framePairs"> & { exact: boolean; sha256: string | null })[]
  >(
    sql`WITH near AS (
          SELECT * FROM jsonb_to_recordset(${jsonRows(byFile)}) AS x("sha256" text, "distance" int, "queryPct" float8, "comparisonPct" float8)
        ), hits AS (
          SELECT m."postId", true AS "exact", 0 AS "distance", NULL::float8 AS "queryPct", NULL::float8 AS "comparisonPct",
                 NULL::text AS "sha256"
            FROM "PostMedia" m WHERE m."sha256" = ${file.sha256}
          UNION ALL
          SELECT p."id", true, 0, NULL, NULL, NULL FROM "Post" p WHERE p."contentHash" IN (${file.sha256}, ${file.md5})
          UNION ALL
          SELECT m."postId", false, n."distance", n."queryPct", n."comparisonPct", n."sha256"
            FROM near n JOIN "PostMedia" m ON m."sha256" = n."sha256" AND m."status" = 'ready'
        ), best AS (
          SELECT DISTINCT ON ("postId") * FROM hits
           ORDER BY "postId", "exact" DESC, coalesce("queryPct", 0) + coalesce("comparisonPct", 0) DESC
        )
        SELECT b."postId", p."prompt", p."visibility"::text AS "visibility", a."handle" AS "creatorHandle", p."createdAt",
               b."exact", b."distance", b."queryPct", b."comparisonPct", b."sha256"
          FROM best b JOIN "Post" p ON p."id" = b."postId" JOIN "Account" a ON a."id" = p."creatorId"
         WHERE ${visiblePostSql(opts.access, `b."postId"`)}
         ORDER BY b."exact" DESC, coalesce(b."queryPct", 0) + coalesce(b."comparisonPct", 0) DESC, b."distance", p."createdAt", b."postId"
         LIMIT ${limit}`,
  );
  return rows.map(({ exact, sha256, ...r }) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    matchKind: exact ? "exact" : "perceptual",
    framePairs: (!exact && sha256 && pairsOf.get(sha256)) || [],
  }));
}
