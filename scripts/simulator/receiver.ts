// The platform's side of Vigil's webhooks: verify the signature, apply the decision, acknowledge. It also
// watches Vigil's delivery promises: a subject's events in order, a refused event retried before anything later.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookEvent } from "../../server/contracts/platform-webhooks.ts";
import { SIGNATURE_HEADERS, verifySignature } from "../../server/platform/signature.ts";
import { unitFromString } from "./random.ts";
import type { ApplyOutcome } from "./world.ts";

export type WebhookMode =
  | { kind: "up" }
  /** answers 503 to everything, for `forSeconds` after start or for good */
  | { kind: "down"; forSeconds?: number }
  /** answers 503 to a share of deliveries, decided per event id and attempt from the seed */
  | { kind: "flaky"; refuseRate?: number }
  | { kind: "off" };

export function parseWebhookMode(text: string): WebhookMode {
  const [kind, arg] = text.split(":", 2);
  if (kind === "up" || kind === "off" || kind === "flaky") {
    if (arg === undefined) return { kind };
  } else if (kind === "down") {
    if (arg === undefined) return { kind };
    if (/^\d+(\.\d+)?$/.test(arg)) return { kind, forSeconds: Number(arg) };
  }
  throw new Error(`--webhook must be up, down, down:<seconds>, flaky or off (got "${text}")`);
}

export interface OrderingViolation {
  subject: string;
  eventId: string;
  problem: string;
}

export interface ReceiverStats {
  /** requests to the webhook path */
  received: number;
  /** answered 204: applied now, or applied before (duplicates) */
  acknowledged: number;
  /** answered 503 on purpose (down or flaky) */
  refused: number;
  /** answered 401 */
  badSignature: number;
  /** answered 400: not a webhook event */
  invalid: number;
  /** ids delivered again after they were acknowledged */
  duplicates: number;
  /** decisions about subjects this simulator never created (e.g. Vigil's demo data) */
  unknownSubjects: number;
  /** applied events by type */
  byType: Record<string, number>;
  /**
   * applied events whose statement of reasons says the decision was automated (a bank's automatic take-down or
   * hold), by type: the platform tells the user so
   */
  automated: Record<string, number>;
  orderingViolations: OrderingViolation[];
}

export interface ReceiverOptions {
  /** 0 picks a free port */
  port: number;
  /** default: every interface, IPv4 and IPv6 */
  host?: string;
  /** keyId → secret; Vigil signs with one of the platform keys */
  keys: ReadonlyMap<string, string>;
  /** a mode, or its command-line spelling ("flaky", "down:30") */
  mode: Exclude<WebhookMode, { kind: "off" }> | string;
  seed?: number;
  /** where decisions are applied; usually the traffic generator's world */
  world?: { applyWebhook(event: WebhookEvent): ApplyOutcome };
  now?: () => Date;
}

export interface Receiver {
  /** full URL of the webhook, to put in VIGIL_PLATFORM_WEBHOOK_URL */
  readonly url: string;
  readonly port: number;
  readonly stats: Readonly<ReceiverStats>;
  close(): Promise<void>;
}

export const WEBHOOK_PATH = "/webhook";
const MAX_BODY_BYTES = 1_000_000;

interface SubjectState {
  lastOccurredAt: number;
  lastId: string;
  /** ids refused and not yet applied: nothing later for this subject may arrive before them */
  refused: Set<string>;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const now = options.now ?? (() => new Date());
  const { keys } = options;
  const mode = typeof options.mode === "string" ? parseWebhookMode(options.mode) : options.mode;
  if (mode.kind === "off") throw new Error('Webhook mode "off" means no receiver: do not start one.');
  const seed = options.seed ?? 1;
  const startedAt = now().getTime();
  const stats: ReceiverStats = {
    received: 0,
    acknowledged: 0,
    refused: 0,
    badSignature: 0,
    invalid: 0,
    duplicates: 0,
    unknownSubjects: 0,
    byType: {},
    automated: {},
    orderingViolations: [],
  };
  const applied = new Set<string>();
  const attempts = new Map<string, number>();
  const subjects = new Map<string, SubjectState>();

  const isDown = () =>
    mode.kind === "down" && (mode.forSeconds === undefined || now().getTime() - startedAt < mode.forSeconds * 1000);

  function refuse(event: WebhookEvent | null, res: http.ServerResponse): void {
    stats.refused++;
    if (event && !applied.has(event.id)) subjectOf(event).refused.add(event.id);
    reply(res, 503, { error: "platform unavailable (simulated)" });
  }

  function subjectOf(event: WebhookEvent): SubjectState {
    const key = `${event.subject.type}:${event.subject.id}`;
    let state = subjects.get(key);
    if (!state) subjects.set(key, (state = { lastOccurredAt: -Infinity, lastId: "", refused: new Set() }));
    return state;
  }

  function apply(event: WebhookEvent): void {
    const state = subjectOf(event);
    const subject = `${event.subject.type}:${event.subject.id}`;
    const overtaken = [...state.refused].find((id) => id !== event.id);
    if (overtaken)
      stats.orderingViolations.push({
        subject,
        eventId: event.id,
        problem: `arrived while earlier event ${overtaken} was still unapplied`,
      });
    const at = Date.parse(event.occurredAt);
    if (at < state.lastOccurredAt) {
      stats.orderingViolations.push({
        subject,
        eventId: event.id,
        problem: `occurred before ${state.lastId}, which was applied first`,
      });
    }
    state.refused.delete(event.id);
    if (at >= state.lastOccurredAt) {
      state.lastOccurredAt = at;
      state.lastId = event.id;
    }
    applied.add(event.id);
    stats.byType[event.type] = (stats.byType[event.type] ?? 0) + 1;
    if (event.data.automatedDecision === true) stats.automated[event.type] = (stats.automated[event.type] ?? 0) + 1;
    if (options.world?.applyWebhook(event) === "unknown_subject") stats.unknownSubjects++;
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    if (path !== WEBHOOK_PATH) return reply(res, 404, { error: `POST webhooks to ${WEBHOOK_PATH}` });
    if (req.method !== "POST") return reply(res, 405, { error: "Use POST" });
    stats.received++;
    const check = verifySignature(
      keys,
      {
        keyId: header(req, SIGNATURE_HEADERS.keyId),
        timestamp: header(req, SIGNATURE_HEADERS.timestamp),
        signature: header(req, SIGNATURE_HEADERS.signature),
      },
      { method: req.method ?? "POST", path: req.url ?? "/", body },
      now(),
      // Vigil signs every webhook with v2; a platform that checks v2 needs nothing weaker.
      { v1: "refuse" },
    );
    const parsed = check.ok ? WebhookEvent.safeParse(parseJson(body)) : null;
    // A platform that is down answers nothing useful, but what it was sent still tells whether Vigil keeps order.
    if (isDown()) return refuse(parsed?.success ? parsed.data : null, res);
    if (!check.ok) {
      stats.badSignature++;
      return reply(res, 401, { error: check.reason });
    }
    if (!parsed?.success) {
      stats.invalid++;
      return reply(res, 400, { error: "Not a webhook event", issues: parsed?.error.issues.slice(0, 5) ?? [] });
    }
    const event = parsed.data;
    const attempt = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, attempt);
    if (mode.kind === "flaky" && unitFromString(`${seed}:${event.id}:${attempt}`) < (mode.refuseRate ?? 0.3))
      return refuse(event, res);
    if (applied.has(event.id)) stats.duplicates++;
    else apply(event);
    stats.acknowledged++;
    res.writeHead(204).end();
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) return reply(res, 413, { error: "Body too large" });
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (err) {
        reply(res, 500, { error: (err as Error).message });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}${WEBHOOK_PATH}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
