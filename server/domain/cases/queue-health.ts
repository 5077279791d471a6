// Queue health over time, per queue and UTC day: cases opened and resolved, how many were open at the end of the
// day, and how many of the resolved ones met their deadline. Derived from the cases themselves (created and
// resolved times), so there is no snapshot job to miss a day. A case counts in the queue it is in now: an
// escalated case's history moves with it to the escalation queue.
import type { Tx } from "../../db/tx.ts";
import type { QueueKind } from "../../db/generated/enums.ts";
import { sql } from "../../db/sql.ts";

const DAY_MS = 86_400_000;

export interface QueueHealthDay {
  /** UTC day, YYYY-MM-DD */
  day: string;
  opened: number;
  resolved: number;
  /** open (not resolved) at the end of the day, or now for today */
  openAtEnd: number;
  /** resolved cases that had a deadline, by whether they met it */
  resolvedOnTime: number;
  resolvedLate: number;
}

export interface QueueHealth {
  queue: QueueKind;
  openNow: number;
  overdueNow: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** share of resolved cases with a deadline that met it, 0–1; null when none had one */
  compliance: number | null;
  days: QueueHealthDay[];
}

interface DayCount {
  queue: QueueKind;
  day: Date;
  n: bigint;
  on_time: bigint;
  late: bigint;
}

const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/**
 * One grouped scan each for cases opened and cases resolved within the window and one for what is open now;
 * each day's open count is walked back from now: open at the end of day D = open now − opened after D + resolved
 * after D.
 */
export async function queueHealth(
  db: Tx,
  queues: readonly QueueKind[],
  input: { days: number },
  now: Date,
): Promise<QueueHealth[]> {
  if (queues.length === 0) return [];
  const from = new Date(startOfUtcDay(now).getTime() - (input.days - 1) * DAY_MS);
  const wanted = sql`${[...queues]}::"QueueKind"[]`;

  const [opened, resolved, open] = await Promise.all([
    db.$queryRaw<DayCount[]>(
      sql`SELECT "queue", date_trunc('day', "createdAt", 'UTC') AS "day", count(*) AS "n", 0::bigint AS "on_time", 0::bigint AS "late"
         FROM "Case"
        WHERE "createdAt" >= ${from}::timestamptz AND "createdAt" <= ${now}::timestamptz AND "queue" = ANY(${wanted})
        GROUP BY 1, 2`,
    ),
    db.$queryRaw<DayCount[]>(
      sql`SELECT "queue", date_trunc('day', "resolvedAt", 'UTC') AS "day", count(*) AS "n",
              count(*) FILTER (WHERE "deadlineAt" IS NOT NULL AND "resolvedAt" <= "deadlineAt") AS "on_time",
              count(*) FILTER (WHERE "deadlineAt" IS NOT NULL AND "resolvedAt" > "deadlineAt") AS "late"
         FROM "Case"
        WHERE "resolvedAt" >= ${from}::timestamptz AND "resolvedAt" <= ${now}::timestamptz AND "queue" = ANY(${wanted})
        GROUP BY 1, 2`,
    ),
    db.$queryRaw<{ queue: QueueKind; n: bigint; overdue: bigint }[]>(
      sql`SELECT "queue", count(*) AS "n", count(*) FILTER (WHERE "deadlineAt" < ${now}::timestamptz) AS "overdue"
         FROM "Case"
        WHERE "status" IN ('open', 'claimed', 'escalated') AND "queue" = ANY(${wanted})
        GROUP BY 1`,
    ),
  ]);

  const key = (queue: string, day: Date) => `${queue}|${new Date(day).toISOString().slice(0, 10)}`;
  const openedBy = new Map(opened.map((r) => [key(r.queue, r.day), Number(r.n)]));
  const resolvedBy = new Map(resolved.map((r) => [key(r.queue, r.day), r]));
  const openBy = new Map(open.map((r) => [r.queue, r]));

  return queues.map((queue) => {
    const openNow = Number(openBy.get(queue)?.n ?? 0);
    const days: QueueHealthDay[] = [];
    // Walk from today back to the first day: the open count at the end of a day is the next day's end minus what
    // the next day opened plus what it resolved.
    let openAtEnd = openNow;
    let onTimeTotal = 0;
    let lateTotal = 0;
    for (let i = input.days - 1; i >= 0; i--) {
      const day = new Date(from.getTime() + i * DAY_MS);
      const k = key(queue, day);
      const r = resolvedBy.get(k);
      const entry: QueueHealthDay = {
        day: day.toISOString().slice(0, 10),
        opened: openedBy.get(k) ?? 0,
        resolved: Number(r?.n ?? 0),
        openAtEnd,
        resolvedOnTime: Number(r?.on_time ?? 0),
        resolvedLate: Number(r?.late ?? 0),
      };
      onTimeTotal += entry.resolvedOnTime;
      lateTotal += entry.resolvedLate;
      days.push(entry);
      openAtEnd = Math.max(0, openAtEnd - entry.opened + entry.resolved);
    }
    days.reverse();
    return {
      queue,
      openNow,
      overdueNow: Number(openBy.get(queue)?.overdue ?? 0),
      resolvedOnTime: onTimeTotal,
      resolvedLate: lateTotal,
      compliance: onTimeTotal + lateTotal > 0 ? onTimeTotal / (onTimeTotal + lateTotal) : null,
      days,
    };
  });
}
