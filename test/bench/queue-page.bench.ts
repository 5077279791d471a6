// A 50-row queue page with two filters and a sort, through the real tRPC procedure (authorization, input
// validation, the domain query), against the best hand-written SQL for the same page (the same rows for the same
// role, in the same order, read through the same index); and a page 1,000 deep against page 1, which keyset
// pagination should make cost the same.
import { contentAccessFor } from "../../server/domain/access/queue-access.ts";
import { encodeCursor } from "../../server/lib/keyset.ts";
import {
  assertSameIds,
  benchCaller,
  ensureScale,
  handVisibleCaseSql,
  p95Ms,
  pairedP95Ms,
  type BenchContext,
  type Measure,
} from "./support.ts";

const POSTS = Number(process.env.BENCH_QUEUE_POSTS ?? 1_000_000);

const FILTERS = {
  queue: "flagged_generation" as const,
  status: ["open" as const],
  minScore: 0.3,
  hasCameo: false,
  sort: "priority" as const,
  limit: 50,
};
const MATCHING = `c."queue" = 'flagged_generation' AND c."status" = 'open' AND c."maxScore" >= 0.3 AND c."hasCameo" = false`;

const visibleToModerator = async (ctx: BenchContext) =>
  handVisibleCaseSql((await contentAccessFor(ctx.db, "moderator")).closed);

const rawPage = (ctx: BenchContext, visible: string) =>
  ctx.db.sql.query<{ id: string }>(
    `SELECT c."id", c."queue", c."status", c."subjectType", c."subjectKey", c."postId", c."priority", c."category", c."maxScore",
            c."hasCameo", c."signalCount", c."reporterCount", c."creatorHandle", c."prompt", c."deadlineAt", c."createdAt",
            c."leaseUntil", c."version", c."claimedById", s."displayName", p."posterUrl", p."visibility"
       FROM "Case" c LEFT JOIN "StaffUser" s ON s."id" = c."claimedById" LEFT JOIN "Post" p ON p."id" = c."postId"
      WHERE ${MATCHING} AND ${visible}
      ORDER BY c."priority" DESC, c."id" DESC LIMIT 51`,
  );

/** The cursor after `depth` matching rows, as the list would hand it out after that many rows. */
async function cursorAt(ctx: BenchContext, depth: number) {
  const [row] = await ctx.db.sql.query<{ priority: number; id: string }>(
    `SELECT c."priority", c."id" FROM "Case" c WHERE ${MATCHING} AND ${await visibleToModerator(ctx)}
      ORDER BY c."priority" DESC, c."id" DESC OFFSET $1 LIMIT 1`,
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
      const visible = await visibleToModerator(ctx);
      assertSameIds(
        "queue_page_p95_ms",
        (await caller.case.list(FILTERS)).items,
        (await rawPage(ctx, visible)).slice(0, 50),
      );
      return pairedP95Ms(
        () => caller.case.list(FILTERS),
        () => rawPage(ctx, visible),
      );
    },
  },
  {
    name: "queue_deep_page_ratio",
    async run(ctx) {
      const caller = benchCaller(ctx, "moderator");
      const deep = await cursorAt(ctx, 50 * 999);
      const cursor = encodeCursor([deep.priority, deep.id]);
      const first = await p95Ms(() => caller.case.list(FILTERS));
      const thousandth = await p95Ms(() => caller.case.list({ ...FILTERS, cursor }));
      return { value: thousandth / first };
    },
  },
];
