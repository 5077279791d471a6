// The queue list query through the domain module (Prisma), against hand-written keyset SQL for the same page.
import { listCases } from "../../server/domain/cases/case-list.ts";
import { contentAccessFor } from "../../server/domain/access/queue-access.ts";
import { ensureScale, medianMs, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
const DEPTH = 10;

export const measures: Measure[] = [
  {
    name: "case_list_page_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      const access = await contentAccessFor(ctx.db, "moderator");
      const [{ queue }] = await ctx.db.sql.query<{ queue: string }>(
        `SELECT "queue"::text AS queue FROM "Case" WHERE "status" = 'open' AND "queue" = ANY($1::"QueueKind"[]) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [access.workable],
      ) as [{ queue: string }];

      // Walk DEPTH pages deep, as a moderator scrolling would.
      const viaDomain = async () => {
        let cursor: string | undefined;
        for (let i = 0; i < DEPTH; i++) {
          const page = await listCases(ctx.db, { queue: queue as never, status: ["open"], sort: "priority", limit: 50, cursor }, access);
          cursor = page.nextCursor ?? undefined;
          if (!cursor) break;
        }
      };
      const viaSql = async () => {
        let last: { priority: number; id: string } | undefined;
        for (let i = 0; i < DEPTH; i++) {
          const rows = await ctx.db.sql.query<{ priority: number; id: string }>(
            `SELECT c."id", c."priority", c."queue", c."status", c."category", c."maxScore", c."hasCameo", c."signalCount",
                    c."reporterCount", c."creatorHandle", c."prompt", c."deadlineAt", c."createdAt", c."leaseUntil", c."version",
                    s."displayName", p."posterUrl", p."visibility"
               FROM "Case" c
               LEFT JOIN "StaffUser" s ON s."id" = c."claimedById"
               LEFT JOIN "Post" p ON p."id" = c."postId"
              WHERE c."queue" = $1::"QueueKind" AND c."status" = 'open'
                AND ($2::float8 IS NULL OR c."priority" < $2 OR (c."priority" = $2 AND c."id" > $3::uuid))
              ORDER BY c."priority" DESC, c."id" ASC
              LIMIT 51`,
            [queue, last?.priority ?? null, last?.id ?? null],
          );
          if (rows.length < 51) break;
          last = rows[49];
        }
      };
      const baseline = await medianMs(viaSql);
      const value = await medianMs(viaDomain);
      return { value, baseline };
    },
  },
];
