// Open count, oldest open case and next deadline per queue, for the queue overview and the navigation badges,
// counting only the cases the caller may see. Read on every page: the totals come from one grouped scan as for a
// role that sees everything, and the cases kept from the caller are found from the other side — the few posts
// and closed-queue cases behind them, by index — and taken off, instead of testing every open case.
import { QueueKind } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { openedInClosedSql, restrictedPostIdsSql, visibleCaseSubjectSql } from "../access/content-visibility.ts";
import { join, raw, sql } from "../../db/sql.ts";

const OPEN_STATUSES = ["open", "claimed", "escalated"] as const;

interface QueueTotals {
  count: number;
  oldest: Date | null;
  nextDeadline: Date | null;
}

const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

/** Open cases kept from the caller, per queue: driven by the restricted posts and the closed-queue cases. */
async function hiddenTotals(tx: Tx, access: ContentAccess): Promise<Map<QueueKind, QueueTotals>> {
  const open = raw(`c."status" IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`);
  const rows = await tx.$queryRaw<
    { queue: QueueKind; count: number; oldest: Date | null; nextDeadline: Date | null }[]
  >(
    sql`WITH restricted AS (${restrictedPostIdsSql(access)}),
          hidden AS (
            SELECT c."id", c."queue", c."createdAt", c."deadlineAt" FROM "Case" c JOIN restricted r ON c."postId" = r."postId" WHERE ${open}
            UNION
            SELECT c."id", c."queue", c."createdAt", c."deadlineAt" FROM "Case" c WHERE ${openedInClosedSql(access, "c")} AND ${open})
     SELECT "queue"::text AS "queue", count(*)::int AS "count", min("createdAt") AS "oldest", min("deadlineAt") AS "nextDeadline"
       FROM hidden GROUP BY "queue"`,
  );
  return new Map(
    rows.map((r) => [r.queue, { count: r.count, oldest: asDate(r.oldest), nextDeadline: asDate(r.nextDeadline) }]),
  );
}

/** The oldest created and soonest deadline among the cases of one queue the caller may see, walking the indexes. */
async function visibleExtremes(
  tx: Tx,
  access: ContentAccess,
  queue: QueueKind,
): Promise<Pick<QueueTotals, "oldest" | "nextDeadline">> {
  const visible = visibleCaseSubjectSql(access, "c");
  const first = (column: "createdAt" | "deadlineAt", status: (typeof OPEN_STATUSES)[number]) => {
    const col = raw(`c."${column}"`);
    return sql`(SELECT ${col} FROM "Case" c WHERE c."queue" = ${queue}::"QueueKind" AND c."status" = ${raw(`'${status}'`)} AND ${col} IS NOT NULL AND ${visible}
       ORDER BY ${col} LIMIT 1)`;
  };
  const least = (column: "createdAt" | "deadlineAt") =>
    sql`LEAST(${join(
      OPEN_STATUSES.map((s) => first(column, s)),
      ", ",
    )})`;
  const [row] = await tx.$queryRaw<{ oldest: Date | null; nextDeadline: Date | null }[]>(
    sql`SELECT ${least("createdAt")} AS "oldest", ${least("deadlineAt")} AS "nextDeadline"`,
  );
  return { oldest: asDate(row?.oldest ?? null), nextDeadline: asDate(row?.nextDeadline ?? null) };
}

export async function queueSummaries(tx: Tx, access: ContentAccess, now: Date) {
  const [settings, groups, hidden] = await Promise.all([
    tx.queueSetting.findMany({ orderBy: { queue: "asc" } }),
    tx.case.groupBy({
      by: ["queue"],
      where: { status: { in: [...OPEN_STATUSES] } },
      _count: { _all: true },
      _min: { createdAt: true, deadlineAt: true },
    }),
    access.closed.length ? hiddenTotals(tx, access) : new Map<QueueKind, QueueTotals>(),
  ]);
  const totals = new Map<QueueKind, QueueTotals>(
    groups.map((g) => [g.queue, { count: g._count._all, oldest: g._min.createdAt, nextDeadline: g._min.deadlineAt }]),
  );
  // Where a hidden case is the oldest or the next due, the caller's own oldest and next due are looked up.
  await Promise.all(
    [...hidden].map(async ([queue, h]) => {
      const all = totals.get(queue);
      if (!all) return;
      const count = all.count - h.count;
      const shadowed = (a: Date | null, b: Date | null) => a !== null && b !== null && b.getTime() <= a.getTime();
      const extremes =
        count > 0 && (shadowed(all.oldest, h.oldest) || shadowed(all.nextDeadline, h.nextDeadline))
          ? await visibleExtremes(tx, access, queue)
          : { oldest: count > 0 ? all.oldest : null, nextDeadline: count > 0 ? all.nextDeadline : null };
      totals.set(queue, { count, ...extremes });
    }),
  );
  return Object.values(QueueKind).map((queue) => {
    const setting = settings.find((s) => s.queue === queue);
    const t = totals.get(queue);
    const oldest = t?.oldest ?? null;
    return {
      queue,
      label: setting?.label ?? queue,
      slaHours: setting?.slaHours ?? null,
      minRole: setting?.minRole ?? "moderator",
      openCount: t?.count ?? 0,
      oldestCreatedAt: oldest,
      oldestAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
      nextDeadlineAt: t?.nextDeadline ?? null,
    };
  });
}
