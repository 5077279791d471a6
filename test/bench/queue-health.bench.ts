// The queue health report (30 days, every queue, through the tRPC procedure) on the scale data, against the best
// hand-written SQL for the same report: the cases opened per queue and day, those resolved per queue and day with
// their deadlines met or missed, the open and overdue counts now, and the queues' labels, as four plain grouped
// statements side by side on the pool.
import { benchCaller, ensureScale, pairedMs, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);
const DAYS = 30;

export const measures: Measure[] = [
  {
    name: "queue_health_30d_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      await ctx.db.sql.exec('ANALYZE "Case"');
      const caller = benchCaller(ctx, "admin");
      const cases = await ctx.db.prisma.case.count();
      ctx.log(`bench: queue health over ${cases} cases`);
      const bySql = () => {
        const now = new Date();
        const from = new Date(
          Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (DAYS - 1) * 86_400_000,
        );
        const window = [from.toISOString(), now.toISOString()];
        return Promise.all([
          ctx.db.sql.query(
            `SELECT "queue", date_trunc('day', "createdAt", 'UTC') AS "day", count(*) AS "n" FROM "Case"
              WHERE "createdAt" >= $1::timestamptz AND "createdAt" <= $2::timestamptz GROUP BY 1, 2`,
            window,
          ),
          ctx.db.sql.query(
            `SELECT "queue", date_trunc('day', "resolvedAt", 'UTC') AS "day", count(*) AS "n",
                    count(*) FILTER (WHERE "resolvedAt" <= "deadlineAt") AS "onTime", count(*) FILTER (WHERE "resolvedAt" > "deadlineAt") AS "late"
               FROM "Case" WHERE "resolvedAt" >= $1::timestamptz AND "resolvedAt" <= $2::timestamptz GROUP BY 1, 2`,
            window,
          ),
          ctx.db.sql.query(
            `SELECT "queue", count(*) AS "n", count(*) FILTER (WHERE "deadlineAt" < $1::timestamptz) AS "overdue" FROM "Case"
              WHERE "status" IN ('open', 'claimed', 'escalated') GROUP BY 1`,
            [window[1]],
          ),
          ctx.db.sql.query(`SELECT "queue", "label", "slaHours" FROM "QueueSetting"`),
        ]);
      };
      return pairedMs(() => caller.case.queueHealth({ days: DAYS }), bySql, { runs: 10, warmup: 2 });
    },
  },
];
