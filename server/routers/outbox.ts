import { z } from "zod";
import { adminProcedure, auditActor, router } from "../trpc.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { decodeCursor, pageOf } from "../lib/keyset.ts";
import type { Prisma } from "../db/generated/client.ts";

const OutboxListInput = z.object({
  status: z.enum(["pending", "dead", "delivered"]).default("pending"),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const outboxRouter = router({
  /** Deliveries to the platform by state, oldest first, with how many are in each state. */
  list: adminProcedure.input(OutboxListInput).query(async ({ ctx, input }) => {
    const where: Prisma.OutboxEventWhereInput = { status: input.status };
    if (input.cursor) where.seq = { gt: BigInt(String(decodeCursor(input.cursor, 1)[0])) };
    const [rows, counts] = await Promise.all([
      ctx.db.prisma.outboxEvent.findMany({
        where,
        orderBy: { seq: "asc" },
        take: input.limit + 1,
        select: { id: true, seq: true, type: true, subjectKey: true, status: true, attempts: true, nextAttemptAt: true, deliveredAt: true, lastError: true, createdAt: true, decisionId: true },
      }),
      ctx.db.prisma.outboxEvent.groupBy({ by: ["status"], _count: { _all: true } }),
    ]);
    const page = pageOf(rows, input.limit, (r) => [r.seq.toString()]);
    return {
      items: page.items.map(({ seq, ...r }) => ({ ...r, seq: seq.toString() })),
      nextCursor: page.nextCursor,
      counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<"pending" | "dead" | "delivered", number>>,
    };
  }),

  /**
   * Puts dead-lettered deliveries back in line for an immediate attempt. Pending ones are left alone: one may be
   * in flight under a worker's lease, and pulling its next attempt forward could send it twice.
   */
  retry: adminProcedure
    .input(z.object({ ids: z.array(z.uuid()).min(1, { message: "Select at least one delivery" }).max(500) }))
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return ctx.db.prisma.$transaction(async (tx) => {
        const rows = await tx.outboxEvent.findMany({ where: { id: { in: input.ids }, status: "dead" }, select: { id: true } });
        if (rows.length === 0) return { retried: 0 };
        await tx.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: "pending", nextAttemptAt: now, attempts: 0 } });
        await appendAudit(
          tx,
          rows.map((r) => ({ ...auditActor(ctx), action: "outbox.retry", subjectType: "outbox_event", subjectId: r.id, details: { from: "dead" } })),
          now,
        );
        return { retried: rows.length };
      });
    }),
});
