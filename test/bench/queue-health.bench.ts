// The queue health report (30 days, every queue, through the tRPC procedure) on the scale data, against the open
// counts per queue that the queue overview reads every minute: how much more a look at history costs.
import { benchCaller, ensureScale, medianMs, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);

export const measures: Measure[] = [
  {
    name: "queue_health_30d_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      await ctx.db.sql.exec("ANALYZE \"Case\"");
      const caller = benchCaller(ctx, "admin");
      const cases = await ctx.db.prisma.case.count();
      ctx.log(`bench: queue health over ${cases} cases`);
      const baseline = await medianMs(() => ctx.db.sql.query(`SELECT "queue", count(*) FROM "Case" WHERE "status" IN ('open', 'claimed', 'escalated') GROUP BY 1`), 10, 2);
      const value = await medianMs(() => caller.case.queueHealth({ days: 30 }), 10, 2);
      return { value, baseline };
    },
  },
];
