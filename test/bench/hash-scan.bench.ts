// The hash bank matcher: 2,000 new posts with 8 keyframes each, scanned in its batches against a bank of 20,000
// perceptual hashes (and the exact hashes), against the same matches found through the same chunk index in plain
// SQL for all the posts at once, and the posts marked scanned: what claiming in batches, flagging and the audit
// cost on top of the bare lookup.
import { scanNewPosts, DEFAULT_MAX_DISTANCE } from "../../server/domain/hashbank/scan.ts";
import type { Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_SCAN_POSTS ?? 2_000);
const BANK = Number(process.env.BENCH_SCAN_BANK ?? 20_000);
const FRAMES = 8;

export const measures: Measure[] = [
  {
    name: "hash_scan_posts_per_s",
    async run(ctx) {
      const run = `hs${Date.now().toString(36)}`;
      const sql = ctx.db.sql;
      // Anything already waiting would be scanned too: start from an empty backlog.
      await sql.query(`UPDATE "Post" SET "hashScannedAt" = now() WHERE "hashScannedAt" IS NULL`);
      await sql.query(
        `INSERT INTO "Account" ("id", "handle", "displayName", "createdAt", "updatedAt") VALUES ($1, $1, $1, now(), now())`,
        [run],
      );
      await sql.query(
        `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
         SELECT $1 || '-p' || i, $1, 'bench clip', 8000, '/media/poster.svg', md5($1 || i::text) || md5(i::text || $1), now(), now()
           FROM generate_series(1, $2::int) AS i`,
        [run, POSTS],
      );
      const randomHash = `md5(random()::text) || md5(random()::text)`;
      await sql.query(
        `INSERT INTO "PostKeyframe" ("postId", "index", "atMs", "imageUrl", "phash")
         SELECT $1 || '-p' || i, f, f * 1000, '/media/k.svg', ${randomHash} FROM generate_series(1, $2::int) AS i, generate_series(0, $3::int - 1) AS f`,
        [run, POSTS, FRAMES],
      );
      await sql.query(
        `INSERT INTO "HashBankEntry" ("id", "kind", "hash", "active", "createdAt")
         SELECT gen_random_uuid(), 'perceptual', ${randomHash}, true, now() FROM generate_series(1, $1::int)`,
        [BANK],
      );
      await sql.exec(`ANALYZE "Post"; ANALYZE "PostKeyframe"; ANALYZE "HashBankEntry"; ANALYZE "HashBankChunk"`);
      const bankSize = (
        await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM "HashBankEntry" WHERE "kind" = 'perceptual' AND "active"`,
        )
      )[0]!.n;
      ctx.log(`bench: scanning ${POSTS} posts × ${FRAMES} keyframes against ${bankSize} perceptual hashes`);
      try {
        let t = performance.now();
        let scanned = 0;
        for (;;) {
          const r = await scanNewPosts(ctx.db, { now: new Date() });
          if (r.scanned === 0) break;
          scanned += r.scanned;
        }
        const value = scanned / ((performance.now() - t) / 1000);
        // Baseline: the same matches found by hand through the same chunk index (each keyframe's 16 chunks and
        // their one-bit neighbours probed, the candidates compared in full), the exact hashes by index, and the
        // posts marked scanned: two plain statements for all the posts at once, without claiming or batches.
        t = performance.now();
        await sql.query(
          `WITH frames AS MATERIALIZED (
                  SELECT k."postId", k."index", k."phash", ('x' || k."phash")::bit(256) AS b FROM "PostKeyframe" k WHERE k."postId" LIKE $1 || '-p%'),
                probes AS (
                  SELECT DISTINCT f."postId", f."index", i AS part, ('x' || substr(f."phash", i * 4 + 1, 4))::bit(16)::int # m.mask AS value
                    FROM frames f, generate_series(0, 15) AS i, (SELECT 0 AS mask UNION ALL SELECT 1 << b FROM generate_series(0, 15) AS b) m),
                candidates AS (
                  SELECT DISTINCT p."postId", p."index", c."entryId" FROM probes p JOIN "HashBankChunk" c ON c."part" = p.part AND c."value" = p.value)
           SELECT f."postId", e."id", min(bit_count(f.b # ('x' || e."hash")::bit(256))) AS distance
             FROM candidates c
             JOIN frames f ON f."postId" = c."postId" AND f."index" = c."index"
             JOIN "HashBankEntry" e ON e."id" = c."entryId" AND e."kind" = 'perceptual' AND e."active" AND e."postId" IS DISTINCT FROM f."postId"
            WHERE bit_count(f.b # ('x' || e."hash")::bit(256)) <= $2
            GROUP BY 1, 2
           UNION ALL
           SELECT p."id", e."id", 0 FROM "Post" p JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" = p."contentHash"
            WHERE p."creatorId" = $1`,
          [run, DEFAULT_MAX_DISTANCE],
        );
        await sql.query(`UPDATE "Post" SET "hashScannedAt" = now() WHERE "creatorId" = $1`, [run]);
        const baseline = POSTS / ((performance.now() - t) / 1000);
        return { value, baseline };
      } finally {
        await sql.query(`DELETE FROM "HashBankEntry" WHERE "postId" IS NULL AND "decisionId" IS NULL`); // chunks cascade
        await sql.query(`DELETE FROM "PostKeyframe" WHERE "postId" LIKE $1 || '-p%'`, [run]);
        await sql.query(`DELETE FROM "Post" WHERE "creatorId" = $1`, [run]);
        await sql.query(`DELETE FROM "Account" WHERE "id" = $1`, [run]);
      }
    },
  },
];
