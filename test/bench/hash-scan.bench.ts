// The hash bank matcher at scale: 2,000 new posts whose media Vigil processed (30 kept frames each), scanned in its
// batches by scanNewPosts through the server's in-memory PDQ index, against a bank of 1,000,000 frame hashes
// (about 33,000 banked videos of 30 frames). Every 20th post is a near copy of a banked video (each frame 6 bits
// off: a match, flagged), every 20th + 10 shares one frame with one (3%: no match), the rest match nothing.
//
// Baseline: the same scanNewPosts (claiming, loading the frames, vPDQ shares, flagging, audit) with the frames
// compared with every banked frame instead of looked up: PdqIndex.bruteForce over the same live entries in the
// same typed arrays. That is the plain way to get the same answer without an index, and nothing else differs. It
// costs about a second a post at 1M, so it runs on the first posts of the same set (their share of copies is the
// same) and its rate is posts per second like the value's; both must flag the same posts with the same items.
import { createHash } from "node:crypto";
import { DEFAULT_MAX_DISTANCE, scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { hashIndexFor, type HashIndexService, type ItemMatch } from "../../server/domain/hashbank/index-service.ts";
import { PdqIndex, parsePdqHex } from "../../server/domain/hashbank/pdq-index.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "../../server/domain/hashbank/perceptual.ts";
import { seedOnce, type BenchContext, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_SCAN_POSTS ?? 2_000);
const BASELINE_POSTS = Number(process.env.BENCH_SCAN_BASELINE_POSTS ?? 20);
const FRAMES = 30;
/** Posts whose frames are also looked up alone, to tell the index's share of the scan. */
const LOOKUP_POSTS = 200;

/** Banked frame hashes in the bench's own bank (kept between runs: it is the same every time). */
export const FRAME_BANK_SIZE = Number(process.env.BENCH_FRAME_BANK ?? 1_000_000);
export const FRAME_BANK_ID = "0190bbbb-0000-7000-8000-000000000001";
export const FRAME_BANK_NAME = "bench: banked frames";
/** Frames per banked video: frame hash i belongs to item ⌊i / 30⌋. */
export const FRAMES_PER_ITEM = 30;
/** File hashes (SHA-256) banked alongside, for the exact lookups the match API bench compares with. */
export const EXACT_BANK_SIZE = 1_000;

/** The banked frame hash i, as SQL writes it below: md5('bf' || i) || md5('fb' || i). */
export function bankedFrameHex(i: number): string {
  return createHash("md5").update(`bf${i}`).digest("hex") + createHash("md5").update(`fb${i}`).digest("hex");
}

export const bankedItemId = (i: number) => `bench-item-${Math.floor(i / FRAMES_PER_ITEM)}`;

/** Makes sure the bench bank holds its 1M frame hashes (written once; the bench database keeps them). */
export function ensureFrameBank(ctx: BenchContext): Promise<void> {
  return seedOnce("frame bank", () => fillFrameBank(ctx));
}

async function fillFrameBank(ctx: BenchContext) {
  const sql = ctx.db.sql;
  await sql.query(
    `INSERT INTO "HashBank" ("id", "name", "kind", "description", "createdAt", "updatedAt")
     VALUES ($1, $2, 'removed_content', 'frame hashes for the benchmarks', now(), now()) ON CONFLICT DO NOTHING`,
    [FRAME_BANK_ID, FRAME_BANK_NAME],
  );
  const counts = await sql.query<{ kind: string; n: string }>(
    `SELECT "kind"::text AS "kind", count(*) AS n FROM "HashBankEntry" WHERE "bankId" = $1 GROUP BY 1`,
    [FRAME_BANK_ID],
  );
  const have = (kind: string) => Number(counts.find((c) => c.kind === kind)?.n ?? 0);
  if (have("perceptual") === FRAME_BANK_SIZE && have("exact") === EXACT_BANK_SIZE) return;
  ctx.log(`bench: banking ${FRAME_BANK_SIZE} frame hashes (once; the bench database keeps them)`);
  const t = performance.now();
  await sql.query(`DELETE FROM "HashBankEntry" WHERE "bankId" = $1`, [FRAME_BANK_ID]);
  await sql.query(
    `INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "itemId", "quality", "atMs", "active", "createdAt")
     SELECT gen_random_uuid(), $1, 'perceptual', 'vpdq', md5('bf' || i) || md5('fb' || i), 'bench-item-' || (i / $3::int),
            50 + i % 51, (i % $3::int) * 1000, true, now()
       FROM generate_series(0, $2::int - 1) AS i`,
    [FRAME_BANK_ID, FRAME_BANK_SIZE, FRAMES_PER_ITEM],
  );
  await sql.query(
    `INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "active", "createdAt")
     SELECT gen_random_uuid(), $1, 'exact', 'sha256', encode(sha256(('bx' || i)::bytea), 'hex'), true, now()
       FROM generate_series(0, $2::int - 1) AS i`,
    [FRAME_BANK_ID, EXACT_BANK_SIZE],
  );
  await sql.exec(`ANALYZE "HashBankEntry"`);
  ctx.log(`bench: banked them in ${Math.round(performance.now() - t)} ms`);
}

/** The server's index of the bench database, loaded (its load time logged the first time). */
export async function loadedIndex(ctx: BenchContext): Promise<HashIndexService> {
  const index = hashIndexFor(ctx.db);
  if (!index.stats().loaded) {
    const t = performance.now();
    await index.sync();
    const s = index.stats();
    ctx.log(
      `bench: hash index loaded ${s.entries} frame hashes of ${s.items} items in ${Math.round(performance.now() - t)} ms ` +
        `(${Math.round(s.bytes / 2 ** 20)} MiB, ${s.bytesPerHash} bytes a hash)`,
    );
  }
  return index;
}

interface LiveEntry {
  id: string;
  hash: string;
  quality: number | null;
  itemId: string;
  bankId: string;
}

/**
 * The matcher's frame lookup done by comparing each frame with every live banked frame, with the same vPDQ
 * semantics as HashIndexService.matchVideo; the rest of scanNewPosts is unchanged. It reads the entries the
 * service reads; banks come from the loaded service.
 */
class BruteForceFrames {
  private readonly frames = new PdqIndex();
  private readonly entryIds: string[] = [];
  private readonly itemIds: string[] = [];
  private readonly bankIds: string[] = [];
  private readonly itemTotals = new Map<string, number>();

  private constructor(private readonly service: HashIndexService) {}

  static async load(ctx: BenchContext, service: HashIndexService): Promise<BruteForceFrames> {
    const b = new BruteForceFrames(service);
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await ctx.db.sql.query<LiveEntry>(
        `SELECT "id"::text AS "id", "hash", "quality", "itemId", "bankId"::text AS "bankId" FROM "HashBankEntry"
          WHERE "kind" = 'perceptual' AND "active" AND NOT "legacy" AND coalesce("quality", 0) >= $1 AND "id" > $2::uuid
          ORDER BY "id" LIMIT 100000`,
        [DEFAULT_MIN_QUALITY, after],
      );
      for (const r of rows) {
        if (!/^[0-9a-f]{64}$/.test(r.hash)) continue;
        b.frames.add(r.hash, b.entryIds.length, r.quality ?? 0);
        b.entryIds.push(r.id);
        b.itemIds.push(r.itemId);
        b.bankIds.push(r.bankId);
        b.itemTotals.set(r.itemId, (b.itemTotals.get(r.itemId) ?? 0) + 1);
      }
      if (rows.length < 100000) break;
      after = rows[rows.length - 1]!.id;
    }
    b.frames.flush();
    return b;
  }

  get size() {
    return this.entryIds.length;
  }

  async sync(): Promise<void> {}

  matchVideo(
    frames: readonly string[],
    opts: { maxDistance: number; matchPct: number; excludeItems?: ReadonlySet<string>; banks?: ReadonlySet<string> },
  ): ItemMatch[] {
    const unique = [...new Set(frames)];
    const perItem = new Map<string, { frames: Set<number>; refs: Set<number>; best: number; entry: number }>();
    unique.forEach((pdq, frame) => {
      this.frames.bruteForce(parsePdqHex(pdq), opts.maxDistance, (ref, distance) => {
        const bank = this.service.bank(this.bankIds[ref]!);
        if (!bank?.enabled || (opts.banks && !opts.banks.has(bank.id))) return;
        const item = this.itemIds[ref]!;
        if (opts.excludeItems?.has(item)) return;
        let m = perItem.get(item);
        if (!m) perItem.set(item, (m = { frames: new Set(), refs: new Set(), best: distance, entry: ref }));
        m.frames.add(frame);
        m.refs.add(ref);
        if (distance < m.best) [m.best, m.entry] = [distance, ref];
      });
    });
    const matches: ItemMatch[] = [];
    for (const [itemId, m] of perItem) {
      const comparisonPct = Math.round((1000 * m.refs.size) / this.itemTotals.get(itemId)!) / 10;
      if (comparisonPct < opts.matchPct) continue;
      matches.push({
        itemId,
        bank: this.service.bank(this.bankIds[m.entry]!)!,
        entryId: this.entryIds[m.entry]!,
        distance: m.best,
        queryPct: Math.round((1000 * m.frames.size) / unique.length) / 10,
        comparisonPct,
      });
    }
    const safe = matches.filter((m) => m.bank.kind === "safe");
    if (safe.length) return safe;
    return matches.sort(
      (a, b) => b.comparisonPct - a.comparisonPct || a.distance - b.distance || a.entryId.localeCompare(b.entryId),
    );
  }
}

/** A flagged post as the signal records it, by banked item (ties between equally close frames may pick either). */
interface Flagged {
  postId: string;
  itemId: string;
  distance: number;
  queryPct: number;
  comparisonPct: number;
}

async function flaggedPosts(ctx: BenchContext, postIds: string[]): Promise<string[]> {
  const rows = await ctx.db.sql.query<Flagged>(
    `SELECT s."postId", e."itemId", (s."payload"->>'distance')::int AS "distance",
            (s."payload"->>'queryPct')::float8 AS "queryPct", (s."payload"->>'comparisonPct')::float8 AS "comparisonPct"
       FROM "Signal" s JOIN "HashBankEntry" e ON e."id" = (s."payload"->>'hashBankEntryId')::uuid
      WHERE s."postId" = ANY($1::text[]) AND s."model" = 'hash_bank'`,
    [postIds],
  );
  return rows.map((r) => `${r.postId} ${r.itemId} ${r.distance} ${r.queryPct} ${r.comparisonPct}`).sort();
}

async function scanAll(ctx: BenchContext, index: HashIndexService, limit?: number): Promise<number> {
  let scanned = 0;
  for (;;) {
    const r = await scanNewPosts(ctx.db, { now: new Date(), index, limit });
    if (r.scanned === 0) return scanned;
    scanned += r.scanned;
  }
}

export const measures: Measure[] = [
  {
    name: "hash_scan_posts_per_s",
    async run(ctx) {
      await ensureFrameBank(ctx);
      const index = await loadedIndex(ctx);
      const run = `hs${Date.now().toString(36)}`;
      const sql = ctx.db.sql;
      const items = Math.floor(FRAME_BANK_SIZE / FRAMES_PER_ITEM);
      const postIds = Array.from({ length: POSTS }, (_, i) => `${run}-p${String(i + 1).padStart(6, "0")}`);
      const postId = `$1 || '-p' || lpad(i::text, 6, '0')`;
      const fileHash = `md5($1 || 'f' || i) || md5('f' || i || $1)`;
      const banked = (n: string) => `(md5('bf' || (${n})) || md5('fb' || (${n})))`;
      // 6 bits off: two in each of three hex digits in different chunks
      const flip = (h: string, at: number, mask: number) =>
        `overlay(${h} placing to_hex(('x0' || substr(${h}, ${at}, 1))::bit(8)::int # ${mask}) from ${at} for 1)`;
      const nearCopy = (n: string) => flip(flip(flip(banked(n), 64, 3), 30, 5), 7, 9);
      // Anything already waiting would be scanned too: start from an empty backlog.
      await sql.query(`UPDATE "Post" SET "hashScannedAt" = now() WHERE "hashScannedAt" IS NULL`);
      await sql.query(
        `INSERT INTO "Account" ("id", "handle", "displayName", "createdAt", "updatedAt") VALUES ($1, $1, $1, now(), now())`,
        [run],
      );
      try {
        await sql.query(
          `INSERT INTO "Post" ("id", "creatorId", "prompt", "durationMs", "posterUrl", "contentHash", "createdAt", "updatedAt")
           SELECT ${postId}, $1, 'bench clip', 30000, '/media/poster.svg', md5($1 || i::text) || md5(i::text || $1), now(), now()
             FROM generate_series(1, $2::int) AS i`,
          [run, POSTS],
        );
        await sql.query(
          `INSERT INTO "MediaFile" ("sha256", "md5", "bytes", "mimeType", "kind", "durationMs", "width", "height", "loudness", "strip",
                                    "c2paState", "provenance", "matchable", "createdAt")
           SELECT ${fileHash}, md5($1 || 'f' || i), 100000, 'video/mp4', 'video', 30000, 360, 640, '[]', '{}',
                  'absent', '{"state":"absent"}', true, now()
             FROM generate_series(1, $2::int) AS i`,
          [run, POSTS],
        );
        // post i near-copies (i % 20 = 0) or shares frame 0 with (i % 20 = 10) banked item (i / 20) × 7 mod items
        const item = `((i / 20) * 7 % $4::int)`;
        await sql.query(
          `INSERT INTO "MediaFrame" ("sha256", "index", "atMs", "pdq", "quality", "kept")
           SELECT ${fileHash}, f, f * 1000,
                  CASE WHEN i % 20 = 0 THEN ${nearCopy(`${item} * ${FRAMES_PER_ITEM} + f`)}
                       WHEN i % 20 = 10 AND f = 0 THEN ${banked(`${item} * ${FRAMES_PER_ITEM}`)}
                       ELSE md5(random()::text) || md5(random()::text) END,
                  80, true
             FROM generate_series(1, $2::int) AS i, generate_series(0, $3::int - 1) AS f`,
          [run, POSTS, FRAMES, items],
        );
        await sql.query(
          `INSERT INTO "PostMedia" ("postId", "status", "nextAttemptAt", "sha256", "readyAt", "createdAt", "updatedAt")
           SELECT ${postId}, 'ready', now(), ${fileHash}, now(), now(), now()
             FROM generate_series(1, $2::int) AS i`,
          [run, POSTS],
        );
        await sql.exec(`ANALYZE "Post"; ANALYZE "PostMedia"; ANALYZE "MediaFrame"`);
        ctx.log(
          `bench: scanning ${POSTS} posts × ${FRAMES} frames against ${index.stats().entries} banked frame hashes`,
        );

        let t = performance.now();
        const scanned = await scanAll(ctx, index);
        const value = scanned / ((performance.now() - t) / 1000);
        if (scanned !== POSTS) throw new Error(`hash_scan_posts_per_s: scanned ${scanned} posts, not ${POSTS}`);
        const flagged = await flaggedPosts(ctx, postIds);
        const planted = Math.floor(POSTS / 20);
        if (flagged.length !== planted)
          throw new Error(`hash_scan_posts_per_s: ${flagged.length} posts flagged, not the ${planted} near copies`);

        // Where the time goes: the same posts' frame lookups alone, without the database.
        const sampleFrames = await sql.query<{ postId: string; pdq: string }>(
          `SELECT DISTINCT m."postId", f."pdq" FROM "PostMedia" m
             JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept" AND f."quality" >= $2
            WHERE m."postId" = ANY($1::text[])`,
          [postIds.slice(0, LOOKUP_POSTS), DEFAULT_MIN_QUALITY],
        );
        const byPost = new Map<string, string[]>();
        for (const f of sampleFrames) byPost.set(f.postId, [...(byPost.get(f.postId) ?? []), f.pdq]);
        t = performance.now();
        for (const [id, frames] of byPost)
          index.matchVideo(frames, {
            maxDistance: DEFAULT_MAX_DISTANCE,
            matchPct: DEFAULT_MATCH_PCT,
            excludeItems: new Set([id]),
          });
        const lookupMs = performance.now() - t;
        ctx.log(
          `bench: frame lookups alone: ${(lookupMs / sampleFrames.length).toFixed(3)} ms a frame, ` +
            `${Math.round((byPost.size / lookupMs) * 1000)} posts/s at most; the scan took ${(1000 / value).toFixed(1)} ms a post`,
        );

        // The baseline scans the first posts again from where the measured scan found them: unscanned, no case.
        t = performance.now();
        const bruteForce = await BruteForceFrames.load(ctx, index);
        ctx.log(
          `bench: brute-force baseline holds ${bruteForce.size} frame hashes (${Math.round(performance.now() - t)} ms)`,
        );
        const sample = postIds.slice(0, BASELINE_POSTS);
        const expected = (await flaggedPosts(ctx, sample)).join("\n");
        await sql.query(`DELETE FROM "Signal" WHERE "postId" = ANY($1::text[])`, [sample]);
        await sql.query(`DELETE FROM "Case" WHERE "postId" = ANY($1::text[])`, [sample]);
        await sql.query(`UPDATE "Post" SET "hashScannedAt" = NULL WHERE "id" = ANY($1::text[])`, [sample]);
        t = performance.now();
        const rescanned = await scanAll(ctx, bruteForce as unknown as HashIndexService);
        const baseline = rescanned / ((performance.now() - t) / 1000);
        const found = (await flaggedPosts(ctx, sample)).join("\n");
        ctx.log(
          `bench: ${flagged.length} posts flagged by the matcher; of the first ${sample.length}, ${found.split("\n").filter(Boolean).length} by both`,
        );
        if (rescanned !== sample.length || found !== expected)
          throw new Error(
            `the matcher and the baseline disagree: ${JSON.stringify({ matcher: expected, baseline: found })}`,
          );
        return { value, baseline };
      } finally {
        const posts = `SELECT "id" FROM "Post" WHERE "creatorId" = $1`;
        await sql.query(`DELETE FROM "Signal" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(`DELETE FROM "Case" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(`DELETE FROM "PostMedia" WHERE "postId" IN (${posts})`, [run]);
        await sql.query(
          `DELETE FROM "MediaFile" WHERE "sha256" IN (SELECT ${fileHash} FROM generate_series(1, $2::int) AS i)`,
          [run, POSTS],
        ); // frames cascade
        await sql.query(`DELETE FROM "Post" WHERE "creatorId" = $1`, [run]);
        await sql.query(`DELETE FROM "Account" WHERE "id" = $1`, [run]);
      }
    },
  },
];
