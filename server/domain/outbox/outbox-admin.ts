// The admins' view of deliveries to the platform: the outbox by state, and putting dead-lettered deliveries back
// in line.
import type { OutboxListInput, OutboxStatusName, RetryDeliveriesInput } from "../../contracts/outbox.ts";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { decodeCursor, pageOf } from "../../lib/keyset.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";

/** Deliveries in one state, oldest first, with how many are in each state. */
export async function listOutbox(db: Database, input: OutboxListInput) {
  const where: Prisma.OutboxEventWhereInput = { status: input.status };
  if (input.cursor) where.seq = { gt: BigInt(String(decodeCursor(input.cursor, 1)[0])) };
  const [rows, counts] = await Promise.all([
    db.prisma.outboxEvent.findMany({
      where,
      orderBy: { seq: "asc" },
      take: input.limit + 1,
      select: {
        id: true,
        seq: true,
        type: true,
        subjectKey: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        deliveredAt: true,
        lastError: true,
        createdAt: true,
        decisionId: true,
      },
    }),
    db.prisma.outboxEvent.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const page = pageOf(rows, input.limit, (r) => [r.seq.toString()]);
  return {
    items: page.items.map(({ seq, ...r }) => ({ ...r, seq: seq.toString() })),
    nextCursor: page.nextCursor,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<
      Record<OutboxStatusName, number>
    >,
  };
}

/**
 * Puts dead-lettered deliveries back in line for an immediate attempt. Pending ones are left alone: one may be
 * in flight under a worker's lease, and pulling its next attempt forward could send it twice.
 */
export function retryDeadDeliveries(db: Database, input: RetryDeliveriesInput, staff: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const rows = await tx.outboxEvent.findMany({
      where: { id: { in: input.ids }, status: "dead" },
      select: { id: true },
    });
    if (rows.length === 0) return { retried: 0 };
    await tx.outboxEvent.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { status: "pending", nextAttemptAt: now, attempts: 0 },
    });
    await appendAudit(
      tx,
      rows.map((r) => ({
        ...staffAuditActor(staff),
        action: "outbox.retry",
        subjectType: "outbox_event",
        subjectId: r.id,
        details: { from: "dead" },
      })),
      now,
    );
    return { retried: rows.length };
  });
}
