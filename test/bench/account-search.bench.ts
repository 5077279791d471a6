// Account search by handle prefix (through the tRPC procedure) on the scale data, against looking one account up
// by its primary key: the prefix index should keep a search within a small multiple of a key lookup.
import { benchCaller, ensureScale, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);
const RUNS = 200;

async function p95(fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)]!;
}

export const measures: Measure[] = [
  {
    name: "account_search_p95_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      await ctx.db.sql.exec(`ANALYZE "Account"`);
      const sample = await ctx.db.sql.query<{ id: string; handle: string }>(`SELECT "id", "handle" FROM "Account" ORDER BY random() LIMIT 100`);
      ctx.log(`bench: account search over ${await ctx.db.prisma.account.count()} accounts`);
      const caller = benchCaller(ctx, "moderator");
      // Three-character prefixes match many accounts: the search must stop at the page, not sort them all.
      const value = await p95((i) => caller.account.search({ query: `@${sample[i % sample.length]!.handle.slice(0, 3)}` }));
      const baseline = await p95((i) => ctx.db.sql.query(`SELECT * FROM "Account" WHERE "id" = $1`, [sample[i % sample.length]!.id]));
      return { value, baseline };
    },
  },
];
