// Recomputes what a case shows from its signals — counts, top category, highest classifier score, deadline —
// and its priority with the parts it is made of. Runs in the transaction that added the signals.
import type { Tx } from "../../db/tx.ts";
import type { QueueKind } from "../../db/generated/enums.ts";
import { computePriority, hoursUntil, queueSlaHours, severityForCategory } from "./priority.ts";
import { execRows, sql } from "../../db/sql.ts";

interface CaseAggregate {
  id: string;
  queue: QueueKind;
  createdAt: Date;
  deadlineAt: Date | null;
  postId: string | null;
  accountId: string | null;
  cameoId: string | null;
  signalCount: number;
  maxScore: number | null;
  reporters: string[];
  categories: string[];
}

export async function rescoreCases(
  tx: Tx,
  caseIds: string[],
  now: Date,
  newDeadlines = new Map<string, Date>(),
): Promise<void> {
  if (caseIds.length === 0) return;
  const aggregates = await tx.$queryRaw<CaseAggregate[]>(
    sql`SELECT c."id"::text AS "id", c."queue"::text AS "queue", c."createdAt", c."deadlineAt", c."postId", c."accountId", c."cameoId",
            count(s."id")::int AS "signalCount", max(s."score") AS "maxScore",
            coalesce(array_agg(DISTINCT s."reporterId") FILTER (WHERE s."reporterId" IS NOT NULL), '{}') AS "reporters",
            coalesce(array_agg(DISTINCT s."category") FILTER (WHERE s."category" IS NOT NULL), '{}') AS "categories"
       FROM "Case" c LEFT JOIN "Signal" s ON s."caseId" = c."id"
      WHERE c."id" = ANY(${caseIds}::uuid[])
      GROUP BY c."id"`,
  );
  const postIds = [...new Set(aggregates.map((a) => a.postId).filter((id): id is string => !!id))];
  const accountIds = [...new Set(aggregates.map((a) => a.accountId).filter((id): id is string => !!id))];
  const cameoIds = [...new Set(aggregates.map((a) => a.cameoId).filter((id): id is string => !!id))];
  const reporterIds = [...new Set(aggregates.flatMap((a) => a.reporters))];
  const [posts, accounts, cameos, reporters, settings] = await Promise.all([
    tx.post.findMany({
      where: { id: { in: postIds } },
      select: {
        id: true,
        prompt: true,
        viewCount: true,
        remixCount: true,
        creator: { select: { handle: true } },
        _count: { select: { appearances: true } },
      },
    }),
    tx.account.findMany({ where: { id: { in: accountIds } }, select: { id: true, handle: true } }),
    tx.cameo.findMany({ where: { id: { in: cameoIds } }, select: { id: true, owner: { select: { handle: true } } } }),
    tx.account.findMany({
      where: { id: { in: reporterIds } },
      select: { id: true, reportsFiled: true, reportsActioned: true },
    }),
    tx.queueSetting.findMany({ select: { queue: true, slaHours: true } }),
  ]);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const handleByAccount = new Map(accounts.map((a) => [a.id, a.handle]));
  const ownerByCameo = new Map(cameos.map((c) => [c.id, c.owner.handle]));
  const reporterById = new Map(reporters.map((r) => [r.id, r]));
  const slaByQueue = new Map(settings.map((s) => [s.queue, s.slaHours]));

  const rows = aggregates.map((a) => {
    const post = a.postId ? postById.get(a.postId) : undefined;
    // The strictest clock wins: an earlier deadline already on the case, a new legal clock, or the queue's target.
    const sla = new Date(
      new Date(a.createdAt).getTime() + (slaByQueue.get(a.queue) ?? queueSlaHours[a.queue]) * 3_600_000,
    );
    const candidates = [a.deadlineAt ? new Date(a.deadlineAt) : null, newDeadlines.get(a.id) ?? null, sla].filter(
      (d): d is Date => !!d,
    );
    const deadline = new Date(Math.min(...candidates.map((d) => d.getTime())));
    const category = a.categories.reduce<string | null>(
      (best, c) => (best === null || severityForCategory(c) > severityForCategory(best) ? c : best),
      null,
    );
    const priority = computePriority({
      severity: severityForCategory(category),
      maxScore: a.maxScore,
      reporters: a.reporters.map((id) => reporterById.get(id) ?? { reportsFiled: 0, reportsActioned: 0 }),
      reach: { views: post?.viewCount ?? 0, remixes: post?.remixCount ?? 0 },
      hoursToDeadline: hoursUntil(deadline, now),
    });
    return {
      id: a.id,
      priority: priority.score,
      components: priority.components,
      deadline: deadline.toISOString(),
      category,
      maxScore: a.maxScore,
      hasCameo: a.cameoId !== null || (post?._count.appearances ?? 0) > 0,
      signalCount: a.signalCount,
      reporterCount: a.reporters.length,
      creatorHandle:
        post?.creator.handle ??
        (a.accountId ? handleByAccount.get(a.accountId) : a.cameoId ? ownerByCameo.get(a.cameoId) : null) ??
        null,
      prompt: post?.prompt ?? null,
    };
  });
  await execRows(
    tx,
    rows,
    (json) =>
      sql`UPDATE "Case" c SET "priority" = x."priority", "priorityComponents" = x."components", "deadlineAt" = x."deadline"::timestamptz,
            "category" = x."category", "maxScore" = x."maxScore", "hasCameo" = x."hasCameo", "signalCount" = x."signalCount",
            "reporterCount" = x."reporterCount", "creatorHandle" = x."creatorHandle", "prompt" = x."prompt",
            "version" = c."version" + 1, "lastChangedById" = NULL,
            "lastChangedAt" = ${now}::timestamptz, "updatedAt" = ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "priority" float8, "components" jsonb, "deadline" text, "category" text,
            "maxScore" float8, "hasCameo" boolean, "signalCount" int, "reporterCount" int, "creatorHandle" text, "prompt" text)
      WHERE c."id" = x."id"::uuid`,
  );
}
