// The hash bank matcher: 2,000 new posts whose media Vigil processed (8 frames each), scanned in its batches against
// a bank of 20,000 perceptual hashes (removed videos of 10 frames each, with their quality) and the exact hashes,
// against the same matches found through the same chunk index with the same vPDQ shares in one plain query for all
// the posts at once, and the posts marked scanned: what claiming in batches, flagging and the audit cost on top of
// the bare lookup. Some posts are copies of most of a banked video, some share one frame with one (no match), some
// have the platform's hash of a removed file; both sides must find the same matches.
import { scanNewPosts, DEFAULT_MAX_DISTANCE } from "../../server/domain/hashbank/scan.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "../../server/domain/hashbank/perceptual.ts";
import type { Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_SCAN_POSTS ?? 2_000);
const BANK = Number(process.env.BENCH_SCAN_BANK ?? 20_000);
const FRAMES = 8;
const VIDEO = 10;

interface Match {
  postId: string;
  entryId: string;
  matchKind: string;
  queryPct: number | null;
  comparisonPct: number | null;
}

const key = (m: Match) => `${m.postId} ${m.entryId} ${m.matchKind} ${m.queryPct} ${m.comparisonPct}`;

export const measures: Measure[] = [
  {
    name: "hash_scan_posts_per_s",
    async run(ctx) {
      const run = `hs${Date.now().toString(36)}`;
      const sql = ctx.db.sql;
      const videos = Math.ceil(BANK / VIDEO);
      // Anything already waiting would be scanned too: start from an empty backlog.
      await sql.query(`UPDATE "Post" SET "hashScannedAt" = now() WHERE "hashScannedAt" IS NULL`);
      await sql.query(
        `INSERT INTO "Account" ("id", "handle", "displayName", "createdAt", "updatedAt") VALUES ($1, $1, $1, now(), now())`,
        [run],
      );
      const randomHash = `md5(random()::text) || md5(random()::text)`;
      // The removed posts the bank holds, already scanned; every video has one frame too poor to match.
      await sql.query(
        `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "hashScannedAt", "createdAt", "updatedAt")
         SELECT $1 || '-b' || v, $1, 'banked clip', 10000, '/media/poster.svg', md5($1 || 'b' || v) || md5('b' || v || $1), now(), now(), now()
           FROM generate_series(1, $2::int) AS v`,
        [run, videos],
      );
      await sql.query(
        `INSERT INTO "HashBankEntry" ("id", "kind", "hash", "postId", "quality", "atMs", "active", "createdAt")
         SELECT gen_random_uuid(), 'perceptual', ${randomHash}, $1 || '-b' || v, CASE WHEN f = $3::int - 1 THEN 30 ELSE 60 + f END, f * 1000, true, now()
           FROM generate_series(1, $2::int) AS v, generate_series(0, $3::int - 1) AS f
          LIMIT $4`,
        [run, videos, VIDEO, BANK],
      );
      await sql.query(
        `INSERT INTO "HashBankEntry" ("id", "kind", "hash", "postId", "active", "createdAt")
         SELECT gen_random_uuid(), 'exact', p."contentHash", p."id", true, now() FROM "Post" p WHERE p."id" LIKE $1 || '-b%'`,
        [run],
      );
      // The new posts: every 10th has 8 of a banked video's 9 good frames, 2 bits off (≈ 89% of it: a match), every
      // 10th + 5 has one of them among its own (11%: no match), every 50th + 3 the platform's hash of a removed file.
      await sql.query(
        `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
         SELECT $1 || '-p' || i, $1, 'bench clip', 8000, '/media/poster.svg',
                CASE WHEN i % 50 = 3 THEN md5($1 || 'b' || (i % $3::int + 1)) || md5('b' || (i % $3::int + 1) || $1)
                     ELSE md5($1 || i::text) || md5(i::text || $1) END, now(), now()
           FROM generate_series(1, $2::int) AS i`,
        [run, POSTS, videos],
      );
      await sql.query(
        `INSERT INTO "MediaFile" ("sha256", "md5", "bytes", "mimeType", "kind", "durationMs", "width", "height", "loudness", "strip",
                                  "c2paState", "provenance", "matchable", "createdAt")
         SELECT md5($1 || 'f' || i) || md5('f' || i || $1), md5($1 || 'f' || i), 100000, 'video/mp4', 'video', 8000, 360, 640, '[]', '{}',
                'absent', '{"state":"absent"}', true, now()
           FROM generate_series(1, $2::int) AS i`,
        [run, POSTS],
      );
      const flip2 = `overlay(e."hash" placing to_hex(('x0' || substr(e."hash", 64, 1))::bit(8)::int # 3) from 64 for 1)`;
      await sql.query(
        `INSERT INTO "MediaFrame" ("sha256", "index", "atMs", "pdq", "quality", "kept")
         SELECT md5($1 || 'f' || i) || md5('f' || i || $1), f, f * 1000,
                COALESCE(CASE WHEN i % 10 = 0 THEN (SELECT ${flip2} FROM "HashBankEntry" e WHERE e."postId" = $1 || '-b' || (i / 10 % $4::int + 1) AND e."atMs" = f * 1000)
                              WHEN i % 10 = 5 AND f = 0 THEN (SELECT e."hash" FROM "HashBankEntry" e WHERE e."postId" = $1 || '-b' || (i / 10 % $4::int + 1) AND e."atMs" = 0) END,
                         ${randomHash}),
                80, true
           FROM generate_series(1, $2::int) AS i, generate_series(0, $3::int - 1) AS f`,
        [run, POSTS, FRAMES, videos],
      );
      await sql.query(
        `INSERT INTO "PostMedia" ("postId", "status", "nextAttemptAt", "sha256", "readyAt", "createdAt", "updatedAt")
         SELECT $1 || '-p' || i, 'ready', now(), md5($1 || 'f' || i) || md5('f' || i || $1), now(), now(), now()
           FROM generate_series(1, $2::int) AS i`,
        [run, POSTS],
      );
      await sql.exec(
        `ANALYZE "Post"; ANALYZE "PostMedia"; ANALYZE "MediaFrame"; ANALYZE "HashBankEntry"; ANALYZE "HashBankChunk"`,
      );
      const bankSize = (
        await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM "HashBankEntry" WHERE "kind" = 'perceptual' AND "active" AND NOT "legacy"`,
        )
      )[0]!.n;
      ctx.log(`bench: scanning ${POSTS} posts × ${FRAMES} frames against ${bankSize} perceptual hashes`);
      try {
        let t = performance.now();
        let scanned = 0;
        for (;;) {
          const r = await scanNewPosts(ctx.db, { now: new Date() });
          if (r.scanned === 0) break;
          scanned += r.scanned;
        }
        const value = scanned / ((performance.now() - t) / 1000);
        const flagged = await sql.query<Match>(
          `SELECT s."postId", s."payload"->>'hashBankEntryId' AS "entryId", s."payload"->>'matchKind' AS "matchKind",
                  (s."payload"->>'queryPct')::float8 AS "queryPct", (s."payload"->>'comparisonPct')::float8 AS "comparisonPct"
             FROM "Signal" s JOIN "Post" p ON p."id" = s."postId"
            WHERE p."creatorId" = $1 AND s."model" = 'hash_bank'`,
          [run],
        );
        // Baseline: the same matches found by hand through the same chunk index (each frame's 16 chunks and their
        // one-bit neighbours probed, the candidates compared in full, the shares of unique frames of quality ≥ 50
        // counted per banked video), the exact hashes by index, and the posts marked scanned: two plain statements
        // for all the posts at once, without claiming, batches or flagging. It looks at the posts afresh.
        await sql.query(`UPDATE "Post" SET "hashScannedAt" = NULL WHERE "id" LIKE $1 || '-p%'`, [run]);
        t = performance.now();
        const found = await sql.query<Match>(
          `WITH frames AS MATERIALIZED (
                  SELECT DISTINCT m."postId", f."pdq", ('x' || f."pdq")::bit(256) AS b
                    FROM "Post" p JOIN "PostMedia" m ON m."postId" = p."id" AND m."status" = 'ready'
                    JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept" AND f."quality" >= $3
                   WHERE p."creatorId" = $1 AND p."hashScannedAt" IS NULL),
                probes AS (
                  SELECT DISTINCT f."postId", f."pdq", i AS part, ('x' || substr(f."pdq", i * 4 + 1, 4))::bit(16)::int # m.mask AS value
                    FROM frames f, generate_series(0, 15) AS i, (SELECT 0 AS mask UNION ALL SELECT 1 << b FROM generate_series(0, 15) AS b) m),
                candidates AS (
                  SELECT DISTINCT p."postId", p."pdq", c."entryId" FROM probes p JOIN "HashBankChunk" c ON c."part" = p.part AND c."value" = p.value),
                pairs AS (
                  SELECT f."postId", f."pdq", e."id", e."postId" AS banked, e."hash", bit_count(f.b # ('x' || e."hash")::bit(256)) AS distance
                    FROM candidates c
                    JOIN frames f ON f."postId" = c."postId" AND f."pdq" = c."pdq"
                    JOIN "HashBankEntry" e ON e."id" = c."entryId" AND e."kind" = 'perceptual' AND e."active" AND NOT e."legacy"
                         AND e."postId" IS NOT NULL AND e."postId" <> f."postId" AND e."quality" >= $3
                   WHERE bit_count(f.b # ('x' || e."hash")::bit(256)) <= $2),
                shared AS (
                  SELECT "postId", banked, count(DISTINCT "pdq") AS q, count(DISTINCT "hash") AS c,
                         (array_agg("id" ORDER BY distance, "id"))[1] AS "entryId", min(distance) AS distance
                    FROM pairs GROUP BY 1, 2),
                totals AS (
                  SELECT "postId", count(*) AS n FROM frames GROUP BY 1),
                banked AS (
                  SELECT e."postId" AS banked, count(DISTINCT e."hash") AS n FROM "HashBankEntry" e
                   WHERE e."kind" = 'perceptual' AND e."active" AND NOT e."legacy" AND e."quality" >= $3
                     AND e."postId" IN (SELECT banked FROM shared) GROUP BY 1),
                perceptual AS (
                  SELECT s."postId", s."entryId", s.distance, round(100.0 * s.q / t.n, 1)::float8 AS "queryPct",
                         round(100.0 * s.c / b.n, 1)::float8 AS "comparisonPct"
                    FROM shared s JOIN totals t USING ("postId") JOIN banked b USING (banked)
                   WHERE 100.0 * s.c / b.n >= $4),
                exact AS (
                  SELECT DISTINCT ON (p."id") p."id" AS "postId", e."id" AS "entryId"
                    FROM "Post" p
                    LEFT JOIN "PostMedia" m ON m."postId" = p."id" AND m."status" = 'ready'
                    JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" IN (p."contentHash", m."sha256") AND e."postId" IS DISTINCT FROM p."id"
                   WHERE p."creatorId" = $1 AND p."hashScannedAt" IS NULL
                   ORDER BY p."id", e."createdAt")
           SELECT DISTINCT ON ("postId") "postId", "entryId"::text AS "entryId", "matchKind", "queryPct", "comparisonPct"
             FROM (SELECT "postId", "entryId", 'exact' AS "matchKind", 0 AS distance, NULL::float8 AS "queryPct", NULL::float8 AS "comparisonPct" FROM exact
                   UNION ALL SELECT "postId", "entryId", 'perceptual', distance, "queryPct", "comparisonPct" FROM perceptual) m
            ORDER BY "postId", "matchKind", "comparisonPct" DESC, distance`,
          [run, DEFAULT_MAX_DISTANCE, DEFAULT_MIN_QUALITY, DEFAULT_MATCH_PCT],
        );
        await sql.query(
          `UPDATE "Post" SET "hashScannedAt" = now() WHERE "creatorId" = $1 AND "hashScannedAt" IS NULL`,
          [run],
        );
        const baseline = POSTS / ((performance.now() - t) / 1000);

        const [a, b] = [flagged.map(key).sort(), found.map(key).sort()];
        ctx.log(`bench: ${flagged.length} posts flagged by the matcher, ${found.length} by the baseline`);
        if (a.length === 0 || a.join("\n") !== b.join("\n"))
          throw new Error(`the matcher and the baseline disagree: ${JSON.stringify({ matcher: a, baseline: b })}`);
        return { value, baseline };
      } finally {
        const posts = `SELECT "id" FROM "Post" WHERE "creatorId" = $1`;
        await sql.query(`DELETE FROM "Signal" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(`DELETE FROM "Case" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(`DELETE FROM "HashBankEntry" WHERE "postId" IN (${posts})`, [run]); // chunks cascade
        await sql.query(`DELETE FROM "PostMedia" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(
          `DELETE FROM "MediaFile" WHERE "sha256" IN (SELECT md5($1 || 'f' || i) || md5('f' || i || $1) FROM generate_series(1, $2::int) AS i)`,
          [run, POSTS],
        ); // frames cascade
        await sql.query(`DELETE FROM "Post" WHERE "creatorId" = $1`, [run]);
        await sql.query(`DELETE FROM "Account" WHERE "id" = $1`, [run]);
      }
    },
  },
];
