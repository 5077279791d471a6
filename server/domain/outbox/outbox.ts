// The decision outbox. A decision writes its outbox row in the same transaction as the state change, so the
// platform is told about exactly the decisions that happened. A worker delivers rows with retries; nothing is
// dropped: after the last attempt a row is dead-lettered, where an admin can retry it.
import { uuidv7 } from "../../lib/ids.ts";
import type { Tx } from "../../db/tx.ts";
import type { WebhookEventType } from "../../contracts/platform-webhooks.ts";
import { execRows, sql } from "../../db/sql.ts";

export interface OutboxInput {
  type: WebhookEventType;
  subject: { type: "post" | "account" | "cameo" | "cameo_grant" | "invite_code"; id: string };
  data: Record<string, unknown>;
  decisionId?: string | null;
}

export async function enqueueOutbox(tx: Tx, events: OutboxInput | OutboxInput[], now: Date): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    id: uuidv7(now.getTime()),
    type: e.type,
    subjectKey: `${e.subject.type}:${e.subject.id}`,
    payload: { subject: e.subject, data: e.data, occurredAt: now.toISOString() },
    decisionId: e.decisionId ?? null,
  }));
  // One statement per 5,000 rows, in list order, so `seq` (delivery order within a subject) follows the order given.
  for (let i = 0; i < rows.length; i += 5_000) {
    await execRows(
      tx,
      rows.slice(i, i + 5_000),
      (json) =>
        sql`INSERT INTO "OutboxEvent" ("id", "type", "subjectKey", "payload", "decisionId", "createdAt", "nextAttemptAt")
       SELECT x."id"::uuid, x."type", x."subjectKey", x."payload", x."decisionId"::uuid, ${now}::timestamptz, ${now}::timestamptz
         FROM ROWS FROM (jsonb_to_recordset(${json}) AS ("id" text, "type" text, "subjectKey" text, "payload" jsonb, "decisionId" text))
              WITH ORDINALITY AS x
        ORDER BY x."ordinality"`,
    );
  }
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 12 };

/** Exponential backoff with "equal jitter": half fixed, half random, so retries from many rows spread out. */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
