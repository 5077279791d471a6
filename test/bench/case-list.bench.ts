// The queue list query through the domain module, ten keyset pages deep, against the best hand-written SQL for the
// same pages: one index-ordered scan of (queue, status, priority, id) with the row-comparison keyset, the same
// content rule for the role, the same columns and joins, the same page size.
import { listCases, type CaseListRow } from "../../server/domain/cases/case-list.ts";
import { contentAccessFor } from "../../server/domain/access/queue-access.ts";
import { assertSameIds, ensureScale, handVisibleCaseSql, pairedMs, type Measure } from "./support.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
const DEPTH = 10;
const LIMIT = 50;

export const measures: Measure[] = [
  {
    name: "case_list_page_ms",
    async run(ctx) {
      await ensureScale(ctx, POSTS);
      const access = await contentAccessFor(ctx.db, "moderator");
      const [{ queue }] = (await ctx.db.sql.query<{ queue: string }>(
        `SELECT "queue"::text AS queue FROM "Case" WHERE "status" = 'open' AND "queue" = ANY($1::"QueueKind"[]) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
        [access.workable],
      )) as [{ queue: string }];

      // Walk DEPTH pages deep, as a moderator scrolling would.
      const viaDomain = async () => {
        const seen: CaseListRow[] = [];
        let cursor: string | undefined;
        for (let i = 0; i < DEPTH; i++) {
          const page = await listCases(
            ctx.db,
            { queue: queue as never, status: ["open"], sort: "priority", limit: LIMIT, cursor },
            access,
          );
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
          if (!cursor) break;
        }
        return seen;
      };
      const visible = handVisibleCaseSql(access.closed);
      const viaSql = async () => {
        const seen: { id: string; priority: number }[] = [];
        let last: { priority: number; id: string } | undefined;
        for (let i = 0; i < DEPTH; i++) {
          const rows = await ctx.db.sql.query<{ priority: number; id: string }>(
            `SELECT c."id", c."queue", c."status", c."subjectType", c."subjectKey", c."postId", c."priority", c."category", c."maxScore",
                    c."hasCameo", c."signalCount", c."reporterCount", c."creatorHandle", c."prompt", c."deadlineAt", c."createdAt",
                    c."leaseUntil", c."version", c."claimedById", s."displayName", p."posterUrl", p."visibility"
               FROM "Case" c
               LEFT JOIN "StaffUser" s ON s."id" = c."claimedById"
               LEFT JOIN "Post" p ON p."id" = c."postId"
              WHERE c."queue" = $1::"QueueKind" AND c."status" = 'open'
                ${last ? `AND (c."priority", c."id") < ($2::float8, $3::uuid)` : ""}
                AND ${visible}
              ORDER BY c."priority" DESC, c."id" DESC
              LIMIT ${LIMIT + 1}`,
            last ? [queue, last.priority, last.id] : [queue],
          );
          seen.push(...rows.slice(0, LIMIT));
          if (rows.length <= LIMIT) break;
          last = rows[LIMIT - 1];
        }
        return seen;
      };
      assertSameIds("case_list_page_ms", await viaDomain(), await viaSql());
      return pairedMs(viaDomain, viaSql);
    },
  },
];
