// Delivers outbox rows to the platform's webhook. Safe with several workers in several processes: a row is
// claimed with FOR UPDATE SKIP LOCKED and leased by pushing its next attempt into the future, so no two workers
// hold it at once; only the oldest undelivered row of a subject is ever claimable, so a subject's events arrive
// in order.
import crypto from "node:crypto";
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Loop } from "../../lib/poller.ts";
import { signedHeaders, type PlatformKey, type SignatureScheme } from "../../platform/signature.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from "./outbox.ts";
import { sql } from "../../db/sql.ts";

export interface DeliveryOptions {
  db: Database;
  log: Logger;
  webhookUrl: string;
  key: PlatformKey;
  /** how webhooks are signed; default v2 alone */
  signatureSchemes?: readonly SignatureScheme[];
  now: () => Date;
  policy?: BackoffPolicy;
  /** how long a claimed row stays out of other workers' reach; longer than the request timeout */
  leaseMs?: number;
  requestTimeoutMs?: number;
  batchSize?: number;
  fetchImpl?: typeof fetch;
}

/** Names this server process in the User-Agent, so an operator can tell which instance sent a delivery. */
const USER_AGENT = `Vigil-Webhooks/1 (instance ${crypto.randomBytes(4).toString("hex")})`;

interface ClaimedRow {
  id: string;
  type: string;
  subjectKey: string;
  payload: { subject: unknown; data: unknown; occurredAt: string };
  attempts: number;
}

export async function claimDueEvents(db: Database, now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
  return db.prisma.$queryRaw<ClaimedRow[]>(
    sql`WITH due AS (
       SELECT e."id" FROM "OutboxEvent" e
        WHERE e."status" = 'pending' AND e."nextAttemptAt" <= ${now}::timestamptz
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxEvent" p
             WHERE p."subjectKey" = e."subjectKey" AND p."status" = 'pending' AND p."seq" < e."seq")
        ORDER BY e."seq"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
     UPDATE "OutboxEvent" o SET "nextAttemptAt" = ${new Date(now.getTime() + leaseMs)}::timestamptz, "attempts" = o."attempts" + 1
       FROM due WHERE o."id" = due."id"
     RETURNING o."id"::text AS "id", o."type", o."subjectKey", o."payload", o."attempts"`,
  );
}

function describeFailure(err: unknown): string {
  if (err instanceof Error) return err.name === "TimeoutError" || err.name === "AbortError" ? "timed out" : err.message;
  return String(err);
}

/** What the webhook's signature covers besides the body: the path and query the request is sent to. */
const webhookPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

async function deliverOne(
  opts: Required<Omit<DeliveryOptions, "fetchImpl">> & { fetchImpl: typeof fetch },
  row: ClaimedRow,
) {
  const body = JSON.stringify({
    id: row.id,
    type: row.type,
    occurredAt: row.payload.occurredAt,
    subject: row.payload.subject,
    data: row.payload.data,
  });
  let failure: string | null = null;
  try {
    const res = await opts.fetchImpl(opts.webhookUrl, {
      method: "POST",
      // The signature's timestamp proves freshness on the wire, so it always comes from the wall clock.
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "x-vigil-event-id": row.id,
        ...signedHeaders(
          opts.key,
          { method: "POST", path: webhookPath(opts.webhookUrl), body },
          new Date(),
          opts.signatureSchemes,
        ),
      },
      body,
      signal: AbortSignal.timeout(opts.requestTimeoutMs),
    });
    if (!res.ok)
      failure = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}: ${(await res.text().catch(() => "")).slice(0, 300)}`;
    else await res.body?.cancel().catch(() => undefined);
  } catch (err) {
    failure = describeFailure(err);
  }

  const now = opts.now();
  await opts.db.prisma.$transaction(async (tx) => {
    if (failure === null) {
      await tx.outboxEvent.update({
        where: { id: row.id },
        data: { status: "delivered", deliveredAt: now, lastError: null },
      });
      await appendAudit(
        tx,
        {
          actorType: "system",
          action: "outbox.delivered",
          subjectType: "outbox_event",
          subjectId: row.id,
          details: { type: row.type, attempts: row.attempts },
        },
        now,
      );
    } else if (row.attempts >= opts.policy.maxAttempts) {
      await tx.outboxEvent.update({ where: { id: row.id }, data: { status: "dead", lastError: failure } });
      await appendAudit(
        tx,
        {
          actorType: "system",
          action: "outbox.dead_lettered",
          subjectType: "outbox_event",
          subjectId: row.id,
          details: { type: row.type, attempts: row.attempts, lastError: failure },
        },
        now,
      );
    } else {
      const next = new Date(now.getTime() + retryDelayMs(row.attempts, opts.policy));
      await tx.outboxEvent.update({ where: { id: row.id }, data: { nextAttemptAt: next, lastError: failure } });
    }
  });
  if (failure)
    opts.log.warn({ outboxEventId: row.id, attempts: row.attempts, error: failure }, "webhook delivery failed");
  return failure === null;
}

/** Claims and delivers one round of due events; returns how many were attempted. */
export async function deliverDueEvents(options: DeliveryOptions): Promise<{ attempted: number; delivered: number }> {
  const opts = {
    policy: DEFAULT_BACKOFF,
    leaseMs: 60_000,
    requestTimeoutMs: 10_000,
    batchSize: 25,
    signatureSchemes: ["v2"] as readonly SignatureScheme[],
    fetchImpl: globalThis.fetch,
    ...options,
  };
  const rows = await claimDueEvents(opts.db, opts.now(), opts.batchSize, opts.leaseMs);
  // Rows of one round belong to different subjects, so they may go out concurrently without reordering anything.
  const results = await Promise.all(rows.map((row) => deliverOne(opts, row)));
  return { attempted: rows.length, delivered: results.filter(Boolean).length };
}

/** The delivery loop: a round per poll, the next at once while rounds find due events. */
export function outboxDeliveryLoop(options: DeliveryOptions & { pollMs?: number }): Loop {
  return {
    name: "outbox delivery",
    pollMs: options.pollMs ?? 1_000,
    immediate: true,
    tick: async () => (await deliverDueEvents(options)).attempted > 0,
  };
}
