// Removed content that looks like a post: for the case view's "similar removed content", whether or not the
// matcher flagged the post. The same comparison as the matcher (file hash by index, the video by vPDQ), keeping
// the closest few removed posts.
import type { Database } from "../../db/client.ts";
import { videoMatches, type VideoMatchOptions } from "./perceptual.ts";
import { hashIndexFor } from "./index-service.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { visiblePostSql } from "../access/content-visibility.ts";
import { jsonRows, sql } from "../../db/sql.ts";

export interface SimilarRemoved {
  postId: string;
  prompt: string;
  posterUrl: string;
  creatorHandle: string;
  matchKind: "exact" | "perceptual";
  distance: number;
  /** share of this post's frames found in the removed video, and of the removed video's frames found here */
  queryPct: number | null;
  comparisonPct: number | null;
  policyCode: string | null;
  decisionId: string | null;
  removedAt: Date;
}

/** Only removed posts `access` may see are listed: a match with one kept from the caller is not mentioned. */
export async function similarRemovedContent(
  db: Database,
  postId: string,
  match: VideoMatchOptions,
  access: ContentAccess,
  limit = 5,
): Promise<SimilarRemoved[]> {
  const index = hashIndexFor(db);
  await index.sync();
  const video = (await videoMatches(db.prisma, index, [postId], match)).get(postId) ?? [];
  const perceptual = video
    .filter((m) => m.bank.kind !== "safe")
    .map((m) => ({ entryId: m.entryId, distance: m.distance, queryPct: m.queryPct, comparisonPct: m.comparisonPct }));
  const rows = await db.prisma.$queryRaw<SimilarRemoved[]>(
    sql`WITH perceptual AS (
       SELECT x."entryId"::uuid AS "entryId", x."distance", x."queryPct", x."comparisonPct"
         FROM jsonb_to_recordset(${jsonRows(perceptual)}) AS x("entryId" text, "distance" int, "queryPct" float8, "comparisonPct" float8)
     ), matches AS (
       SELECT e."id", e."postId", 'exact' AS "matchKind", 0 AS "distance", NULL::float8 AS "queryPct", NULL::float8 AS "comparisonPct"
         FROM "Post" p
         LEFT JOIN "PostMedia" m ON m."postId" = p."id" AND m."status" = 'ready'
         LEFT JOIN "MediaFile" f ON f."sha256" = m."sha256"
         JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" IN (p."contentHash", m."sha256", f."md5")
        WHERE p."id" = ${postId} AND e."postId" IS NOT NULL AND e."postId" <> ${postId}
       UNION ALL
       SELECT e."id", e."postId", 'perceptual', pm."distance", pm."queryPct", pm."comparisonPct"
         FROM perceptual pm JOIN "HashBankEntry" e ON e."id" = pm."entryId"
        WHERE e."postId" IS NOT NULL
     ), closest AS (
       SELECT DISTINCT ON (m."postId") m.* FROM matches m ORDER BY m."postId", m."matchKind", m."comparisonPct" DESC, m."distance"
     )
     SELECT c."postId", p."prompt", p."posterUrl", a."handle" AS "creatorHandle", c."matchKind", c."distance"::int AS "distance",
            c."queryPct", c."comparisonPct",
            pol."code" AS "policyCode", e."decisionId"::text AS "decisionId", e."createdAt" AS "removedAt"
       FROM closest c
       JOIN "HashBankEntry" e ON e."id" = c."id"
       JOIN "Post" p ON p."id" = c."postId"
       JOIN "Account" a ON a."id" = p."creatorId"
       LEFT JOIN "Policy" pol ON pol."id" = e."policyId"
      WHERE ${visiblePostSql(access, `c."postId"`)}
      ORDER BY c."matchKind", c."comparisonPct" DESC, c."distance", e."createdAt" DESC
      LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, removedAt: new Date(r.removedAt) }));
}
