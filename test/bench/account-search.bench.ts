// Account search by handle prefix (through the tRPC procedure) on the scale data, against the best hand-written
// SQL for the same answer: the exact id match, then the first 20 handles with the prefix read in order from the
// index on lower(handle) in C collation, straight on the pool.
import { assertSameIds, benchCaller, ensureScale, pairedP95Ms, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);
const LIMIT = 20;

export const measures: Measure[] = [
  {
    name: "account_search_p95_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      await ctx.db.sql.exec(`ANALYZE "Account"`);
      const sample = await ctx.db.sql.query<{ id: string; handle: string }>(
        `SELECT "id", "handle" FROM "Account" ORDER BY random() LIMIT 100`,
      );
      ctx.log(`bench: account search over ${await ctx.db.prisma.account.count()} accounts`);
      const caller = benchCaller(ctx, "moderator");
      // Three-character prefixes match many accounts: the search must stop at the page, not sort them all.
      const prefix = (i: number) => sample[i % sample.length]!.handle.slice(0, 3);
      const search = (i: number) => caller.account.search({ query: `@${prefix(i)}`, limit: LIMIT });
      const bySql = (i: number) => {
        const text = prefix(i);
        return ctx.db.sql.query<{ id: string }>(
          `(SELECT "id", "handle", "displayName", "status", "strikeCount", "country", "createdAt", 0 AS "rank", '' AS "key" FROM "Account" WHERE "id" = $1)
           UNION ALL
           (SELECT "id", "handle", "displayName", "status", "strikeCount", "country", "createdAt", 1, lower("handle") COLLATE "C"
              FROM "Account" WHERE lower("handle") COLLATE "C" LIKE $2 AND "id" <> $1
             ORDER BY lower("handle") COLLATE "C" LIMIT ${LIMIT})
           ORDER BY "rank", "key"`,
          [text, `${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`],
        );
      };
      for (const i of [0, 1, 2])
        assertSameIds("account_search_p95_ms", await search(i), (await bySql(i)).slice(0, LIMIT));
      return pairedP95Ms(search, bySql);
    },
  },
];
