// The case queue list: server-side filters, three sorts, keyset pagination on indexed columns.
import { z } from "zod";
import type { Prisma } from "../../db/generated/client.ts";
import { CaseStatus, QueueKind } from "../../db/generated/enums.ts";
import type { Tx } from "../../db/tx.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";

export const CASE_SORTS = ["priority", "oldest", "deadline"] as const;

export const CaseListInput = z.object({
  queue: z.enum(QueueKind).optional(),
  status: z.array(z.enum(CaseStatus)).min(1).max(4).optional(),
  sort: z.enum(CASE_SORTS).default("priority"),
  category: z.string().trim().min(1).max(64).optional(),
  minScore: z.number().min(0).max(1).optional(),
  hasCameo: z.boolean().optional(),
  minReporters: z.number().int().min(0).max(100_000).optional(),
  creatorHandle: z.string().trim().min(1).max(64).optional(),
  promptContains: z.string().trim().min(2).max(200).optional(),
  assigneeId: z.uuid().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CaseListInput = z.input<typeof CaseListInput>;

export const caseListSelect = {
  id: true,
  queue: true,
  status: true,
  subjectType: true,
  subjectKey: true,
  postId: true,
  priority: true,
  category: true,
  maxScore: true,
  hasCameo: true,
  signalCount: true,
  reporterCount: true,
  creatorHandle: true,
  prompt: true,
  deadlineAt: true,
  createdAt: true,
  leaseUntil: true,
  version: true,
  claimedBy: { select: { id: true, displayName: true } },
  post: { select: { posterUrl: true, visibility: true } },
} satisfies Prisma.CaseSelect;

export const DEFAULT_LIST_STATUSES: CaseStatus[] = ["open", "claimed", "escalated"];

function filtersOf(input: z.output<typeof CaseListInput>): Prisma.CaseWhereInput[] {
  const and: Prisma.CaseWhereInput[] = [{ status: { in: input.status ?? DEFAULT_LIST_STATUSES } }];
  if (input.queue) and.push({ queue: input.queue });
  if (input.category) and.push({ category: input.category });
  if (input.minScore !== undefined) and.push({ maxScore: { gte: input.minScore } });
  if (input.hasCameo !== undefined) and.push({ hasCameo: input.hasCameo });
  if (input.minReporters !== undefined) and.push({ reporterCount: { gte: input.minReporters } });
  if (input.creatorHandle) and.push({ creatorHandle: input.creatorHandle.replace(/^@/, "") });
  if (input.promptContains) and.push({ prompt: { contains: input.promptContains, mode: "insensitive" } });
  if (input.assigneeId) and.push({ claimedById: input.assigneeId });
  if (input.createdFrom) and.push({ createdAt: { gte: input.createdFrom } });
  if (input.createdTo) and.push({ createdAt: { lt: input.createdTo } });
  return and;
}

type Row = Prisma.CaseGetPayload<{ select: typeof caseListSelect }>;

const SORTS = {
  priority: {
    orderBy: [{ priority: "desc" }, { id: "asc" }] as Prisma.CaseOrderByWithRelationInput[],
    cursorOf: (r: Row) => [r.priority, r.id],
    after: ([p, id]: unknown[]): Prisma.CaseWhereInput => ({
      OR: [{ priority: { lt: Number(p) } }, { priority: Number(p), id: { gt: String(id) } }],
    }),
  },
  oldest: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }] as Prisma.CaseOrderByWithRelationInput[],
    cursorOf: (r: Row) => [r.createdAt.toISOString(), r.id],
    after: ([at, id]: unknown[]): Prisma.CaseWhereInput => ({
      OR: [{ createdAt: { gt: new Date(String(at)) } }, { createdAt: new Date(String(at)), id: { gt: String(id) } }],
    }),
  },
  deadline: {
    orderBy: [{ deadlineAt: { sort: "asc", nulls: "last" } }, { id: "asc" }] as Prisma.CaseOrderByWithRelationInput[],
    cursorOf: (r: Row) => [r.deadlineAt?.toISOString() ?? null, r.id],
    after: ([at, id]: unknown[]): Prisma.CaseWhereInput =>
      at === null
        ? { deadlineAt: null, id: { gt: String(id) } }
        : {
            OR: [
              { deadlineAt: { gt: new Date(String(at)) } },
              { deadlineAt: new Date(String(at)), id: { gt: String(id) } },
              { deadlineAt: null },
            ],
          },
  },
} as const;

/** `visibleQueues` limits an unfiltered list to the queues the caller may work. */
export async function listCases(db: Tx, rawInput: CaseListInput, visibleQueues?: QueueKind[]) {
  const input = CaseListInput.parse(rawInput);
  const sort = SORTS[input.sort];
  const where: Prisma.CaseWhereInput = { AND: filtersOf(input) };
  if (!input.queue && visibleQueues) (where.AND as Prisma.CaseWhereInput[]).push({ queue: { in: visibleQueues } });
  if (input.cursor) (where.AND as Prisma.CaseWhereInput[]).push(sort.after(decodeCursor(input.cursor, 2)));
  const rows = await db.case.findMany({
    where,
    orderBy: sort.orderBy,
    take: input.limit + 1,
    select: caseListSelect,
    // one round trip: the reviewer's name and the poster come from joins, not follow-up queries
    relationLoadStrategy: "join",
  });
  return pageOf(rows, input.limit, sort.cursorOf);
}

/** Open count and oldest open case per queue, for the queue overview and the navigation badges. */
export async function queueSummaries(db: Tx, now: Date) {
  const [settings, groups] = await Promise.all([
    db.queueSetting.findMany({ orderBy: { queue: "asc" } }),
    db.case.groupBy({
      by: ["queue"],
      where: { status: { in: ["open", "claimed", "escalated"] } },
      _count: { _all: true },
      _min: { createdAt: true, deadlineAt: true },
    }),
  ]);
  const byQueue = new Map(groups.map((g) => [g.queue, g]));
  return Object.values(QueueKind).map((queue) => {
    const setting = settings.find((s) => s.queue === queue);
    const g = byQueue.get(queue);
    const oldest = g?._min.createdAt ?? null;
    return {
      queue,
      label: setting?.label ?? queue,
      slaHours: setting?.slaHours ?? null,
      minRole: setting?.minRole ?? "moderator",
      openCount: g?._count._all ?? 0,
      oldestCreatedAt: oldest,
      oldestAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
      nextDeadlineAt: g?._min.deadlineAt ?? null,
    };
  });
}
