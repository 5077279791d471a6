// Lookup by file at scale: 200,000 posts whose media Vigil processed (30 kept frames each, 6,000,000 frames), and
// an upload that is a rescaled copy of one of them (each of its 30 frames 8 bits off the original's, spread over
// the hash, as a rescale leaves them). postsShowingFile finds the post through MediaFrame's chunk columns.
//
// Baseline: the same answer the plain way — one SQL statement comparing each uploaded frame with every kept frame
// (bit_count of the XOR, no index), grouped by file as postsShowingFile groups it. Both must find the same post
// with the same shares.
import { createHash } from "node:crypto";
import { postsShowingFile, LOOKUP_MIN_PCT } from "../../server/domain/media/lookup-by-file.ts";
import { FULL_ACCESS } from "../../server/domain/access/queue-access.ts";
import { DEFAULT_MIN_QUALITY } from "../../server/domain/hashbank/perceptual.ts";
import { seedOnce, type BenchContext, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_LOOKUP_POSTS ?? 200_000);
const FRAMES = 30;
const MAX_DISTANCE = 31;
/** The post the upload copies. */
const ORIGINAL = 123_457 % POSTS;
const CREATOR = "acc_bench_lookup";
const postId = (i: number) => `post_bench_lookup_${i}`;

/** Frame f of post i, as SQL writes it below: md5('lk' || i || ':' || f) || md5('kl' || i || ':' || f). */
function frameHex(i: number, f: number): string {
  const md5 = (s: string) => createHash("md5").update(s).digest("hex");
  return md5(`lk${i}:${f}`) + md5(`kl${i}:${f}`);
}

/** `hex` with `bits` bits flipped, one in each of that many 16-bit chunks (the spread a rescale leaves). */
function flipSpread(hex: string, bits: number, salt: number): string {
  const buf = Buffer.from(hex, "hex");
  for (let b = 0; b < bits; b++) {
    const chunk = (b * 2 + salt) % 16;
    buf[chunk * 2 + (b % 2)]! ^= 1 << ((b + salt) % 8);
  }
  return buf.toString("hex");
}

function ensurePosts(ctx: BenchContext): Promise<void> {
  return seedOnce("lookup posts", () => fillPosts(ctx));
}

async function fillPosts(ctx: BenchContext) {
  const sql = ctx.db.sql;
  const [row] = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM "MediaFrame" WHERE "sha256" LIKE 'bench-lookup-%'`,
  );
  if (Number(row?.n) === POSTS * FRAMES) return;
  ctx.log(`bench: writing ${POSTS} posts with ${FRAMES} processed frames each (once; the bench database keeps them)`);
  const t = performance.now();
  await sql.query(`DELETE FROM "PostMedia" WHERE "postId" LIKE 'post\\_bench\\_lookup\\_%'`);
  await sql.query(`DELETE FROM "Post" WHERE "creatorId" = $1`, [CREATOR]);
  await sql.query(`DELETE FROM "MediaFile" WHERE "sha256" LIKE 'bench-lookup-%'`);
  await sql.query(
    `INSERT INTO "Account" ("id", "handle", "displayName", "createdAt", "updatedAt")
     VALUES ($1, 'bench_lookup', 'Bench lookup', now(), now()) ON CONFLICT DO NOTHING`,
    [CREATOR],
  );
  await sql.query(
    `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
     SELECT 'post_bench_lookup_' || i, $1, 'bench clip ' || i, 30000, '/media/posts/post_bench_lookup_' || i || '/poster.svg',
            md5('lookup-post' || i), now(), now()
       FROM generate_series(0, $2::int - 1) AS i`,
    [CREATOR, POSTS],
  );
  await sql.query(
    `INSERT INTO "MediaFile" ("sha256", "md5", "bytes", "mimeType", "kind", "durationMs", "width", "height", "loudness",
                              "strip", "c2paState", "provenance", "matchable", "createdAt")
     SELECT 'bench-lookup-' || i, md5('lookup-file' || i), 1000000, 'video/mp4', 'video', 30000, 360, 640, '[]',
            '{"tiles":0,"tileWidth":50,"tileHeight":90,"atMs":[]}', 'absent', '{"state":"absent"}', true, now()
       FROM generate_series(0, $1::int - 1) AS i`,
    [POSTS],
  );
  await sql.query(
    `INSERT INTO "PostMedia" ("postId", "status", "sha256", "nextAttemptAt", "readyAt", "createdAt", "updatedAt")
     SELECT 'post_bench_lookup_' || i, 'ready', 'bench-lookup-' || i, now(), now(), now(), now()
       FROM generate_series(0, $1::int - 1) AS i`,
    [POSTS],
  );
  // in slices, so one statement never holds the whole load
  const slice = 20_000;
  for (let from = 0; from < POSTS; from += slice) {
    await sql.query(
      `INSERT INTO "MediaFrame" ("sha256", "index", "atMs", "pdq", "quality", "kept")
       SELECT 'bench-lookup-' || i, f, f * 1000, md5('lk' || i || ':' || f) || md5('kl' || i || ':' || f), 90, true
         FROM generate_series($1::int, $2::int - 1) AS i, generate_series(0, $3::int - 1) AS f`,
      [from, Math.min(POSTS, from + slice), FRAMES],
    );
  }
  await sql.exec(`ANALYZE "MediaFrame"; ANALYZE "PostMedia"; ANALYZE "Post"`);
  ctx.log(`bench: wrote them in ${Math.round(performance.now() - t)} ms`);
}

/** The plain way: every uploaded frame against every kept frame, then the same shares. */
async function bruteForce(ctx: BenchContext, frames: string[]) {
  return ctx.db.sql.query<{ sha256: string; queryFound: number; fileFound: number }>(
    `WITH q AS (SELECT ord - 1 AS "frame", ('x' || h)::bit(256) AS "bits" FROM unnest($1::text[]) WITH ORDINALITY AS u(h, ord)),
          near AS (
            SELECT q."frame", f."sha256", f."pdq"
              FROM "MediaFrame" f CROSS JOIN q
             WHERE f."kept" AND f."quality" >= $2 AND bit_count(q."bits" # ('x' || f."pdq")::bit(256)) <= $3
          )
     SELECT "sha256", count(DISTINCT "frame")::int AS "queryFound", count(DISTINCT "pdq")::int AS "fileFound"
       FROM near GROUP BY 1`,
    [frames, DEFAULT_MIN_QUALITY, MAX_DISTANCE],
  );
}

export const measures: Measure[] = [
  {
    name: "media_lookup_200k_ms",
    async run(ctx) {
      await ensurePosts(ctx);
      const upload = Array.from({ length: FRAMES }, (_, f) => flipSpread(frameHex(ORIGINAL, f), 8, f));
      const file = {
        sha256: createHash("sha256").update("bench upload").digest("hex"),
        md5: createHash("md5").update("bench upload").digest("hex"),
        frames: upload.map((pdq, f) => ({ pdq, quality: 90, atMs: f * 1000 + 40 })),
      };
      const lookup = () => postsShowingFile(ctx.db, file, { maxDistance: MAX_DISTANCE, access: FULL_ACCESS });

      // the lookup reads a few hundred thousand scattered frame rows: in shared buffers or from the OS cache
      const [setting] = await ctx.db.sql.query<{ buffers: string; table: string }>(
        `SELECT current_setting('shared_buffers') AS "buffers", pg_size_pretty(pg_relation_size('"MediaFrame"')) AS "table"`,
      );
      ctx.log(`bench: shared_buffers ${setting?.buffers}, MediaFrame ${setting?.table}`);
      const found = await lookup();
      if (found.length !== 1 || found[0]!.postId !== postId(ORIGINAL) || found[0]!.queryPct !== 100)
        throw new Error(`lookup by file found ${JSON.stringify(found.map((f) => [f.postId, f.queryPct]))}`);
      if (found[0]!.framePairs.length !== FRAMES) throw new Error("lookup by file lost frame pairs");

      // the baseline takes seconds a run: a few runs, and the value's median over more
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        await lookup();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const base: number[] = [];
      let plain: Awaited<ReturnType<typeof bruteForce>> = [];
      for (let i = 0; i < 2; i++) {
        const t = performance.now();
        plain = await bruteForce(ctx, upload);
        base.push(performance.now() - t);
      }
      const kept = plain.filter((p) => (100 * p.queryFound) / FRAMES >= LOOKUP_MIN_PCT);
      if (kept.length !== 1 || kept[0]!.sha256 !== `bench-lookup-${ORIGINAL}` || kept[0]!.queryFound !== FRAMES)
        throw new Error(`the baseline found ${JSON.stringify(kept)}`);
      return { value: times[Math.floor(times.length / 2)]!, baseline: Math.min(...base) };
    },
  },
];
