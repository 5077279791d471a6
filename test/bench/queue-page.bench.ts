// A 50-row queue page with two filters and a sort, through the real tRPC procedure (authorization, input
// validation, the domain query), against the same page in hand-written SQL; and a page 1,000 deep against
// page 1, which keyset pagination should make cost the same.
import { encodeCursor } from "../../server/lib/keyset.ts";
import { benchCaller, ensureScale, type BenchContext, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);
const RUNS = 200;

async function p95(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)]!;
}

const FILTERS = { queue: "flagged_generation" as const, status: ["open" as const], minScore: 0.3, hasCameo: false, sort: "priority" as const, limit: 50 };

const rawPage = (ctx: BenchContext, after: { priority: number; id: string } | null) =>
  ctx.db.sql.query(
    `SELECT c."id", c."queue", c."status", c."subjectType", c."subjectKey", c."postId", c."priority", c."category", c."maxScore",
            c."hasCameo", c."signalCount", c."reporterCount", c."creatorHandle", c."prompt", c."deadlineAt", c."createdAt",
            c."leaseUntil", c."version", s."id" AS "claimedById", s."displayName", p."posterUrl", p."visibility"
       FROM "Case" c LEFT JOIN "StaffUser" s ON s."id" = c."claimedById" LEFT JOIN "Post" p ON p."id" = c."postId"
      WHERE c."status" = 'open' AND c."queue" = 'flagged_generation' AND c."maxScore" >= 0.3 AND c."hasCameo" = false
        AND ($1::float8 IS NULL OR c."priority" < $1 OR (c."priority" = $1 AND c."id" > $2::uuid))
      ORDER BY c."priority" DESC, c."id" ASC LIMIT 51`,
    [after?.priority ?? null, after?.id ?? null],
  );

/** The cursor after `depth` matching rows, as the list would hand it out after that many rows. */
async function cursorAt(ctx: BenchContext, depth: number) {
  const [row] = await ctx.db.sql.query<{ priority: number; id: string }>(
    `SELECT c."priority", c."id" FROM "Case" c
      WHERE c."status" = 'open' AND c."queue" = 'flagged_generation' AND c."maxScore" >= 0.3 AND c."hasCameo" = false
      ORDER BY c."priority" DESC, c."id" ASC OFFSET $1 LIMIT 1`,
    [depth - 1],
  );
  if (!row) throw new Error(`the bench data has fewer than ${depth} matching cases; seed more posts`);
  return row;
}

export const measures: Measure[] = [
  {
    name: "queue_page_p95_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      await ctx.db.sql.exec("ANALYZE");
      const caller = benchCaller(ctx, "moderator");
      const baseline = await p95(() => rawPage(ctx, null));
      const value = await p95(() => caller.case.list(FILTERS));
      return { value, baseline };
    },
  },
  {
    name: "queue_deep_page_ratio",
    async run(ctx) {
      const caller = benchCaller(ctx, "moderator");
      const deep = await cursorAt(ctx, 50 * 999);
      const cursor = encodeCursor([deep.priority, deep.id]);
      const first = await p95(() => caller.case.list(FILTERS));
      const thousandth = await p95(() => caller.case.list({ ...FILTERS, cursor }));
      return { value: thousandth / first };
    },
  },
];
