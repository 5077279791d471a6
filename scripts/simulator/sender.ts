// Sends event batches to Vigil the way a platform should: signed, one request at a time so earlier events are
// stored before later ones reference them, and a failed batch is retried unchanged (same event ids) until Vigil
// takes it, so nothing is lost and nothing is counted twice.
import type { z } from "zod";
import type { EventBatchResponse as ResponseSchema, PlatformEvent } from "../../server/contracts/platform-events.ts";
import { signedHeaders, type PlatformKey } from "../../server/platform/signature.ts";

export interface SenderOptions {
  /** Vigil's base URL, e.g. http://localhost:3000 */
  url: string;
  key: PlatformKey;
  requestTimeoutMs?: number;
  /** first retry delay; doubles per attempt up to maxBackoffMs */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** give up when Vigil has not taken a batch for this long (0 = never) */
  giveUpAfterMs?: number;
  /** aborts waiting and retrying at once */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

export interface SenderStats {
  requests: number;
  /** distinct events handed to Vigil at least once */
  sent: number;
  accepted: number;
  duplicates: number;
  /** requests repeated after a failure */
  retries: number;
  /** failed requests: network errors, timeouts, 5xx, 429 (rate limited) */
  errors: number;
  lastError: string | null;
  /** true while a batch is waiting to be retried */
  retrying: boolean;
}

/** Vigil refused the batch in a way a retry cannot fix (400, 401, 404, …): a bug or a misconfiguration. */
export class BatchRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
    /** the batch that was refused: the server's error indexes point into it */
    readonly events: PlatformEvent[] = [],
  ) {
    super(message);
    this.name = "BatchRefusedError";
  }
}

/** Vigil could not be reached, or kept failing, for longer than giveUpAfterMs. */
export class ServerUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServerUnreachableError";
  }
}

export interface Sender {
  /** Resolves once Vigil has stored (or recognised as duplicates) every event of `events`. */
  send(events: PlatformEvent[]): Promise<EventBatchResponse>;
  readonly stats: Readonly<SenderStats>;
}

export type EventBatchResponse = z.infer<typeof ResponseSchema>;

type Attempt =
  | { ok: true; result: EventBatchResponse }
  | { ok: false; retryAfterMs?: number; error: string; tooLarge?: boolean; throttled?: boolean };

export function createSender(options: SenderOptions): Sender {
  const { key, signal } = options;
  const endpointUrl = new URL("/api/v1/events", options.url);
  const endpoint = endpointUrl.toString();
  // The v2 signature covers the path the request goes to, exactly as fetch sends it.
  const endpointPath = `${endpointUrl.pathname}${endpointUrl.search}`;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const baseMs = options.baseBackoffMs ?? 250;
  const maxMs = options.maxBackoffMs ?? 10_000;
  const giveUpAfterMs = options.giveUpAfterMs ?? 120_000;
  const seen = new Set<string>();
  const stats: SenderStats = {
    requests: 0,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    retries: 0,
    errors: 0,
    lastError: null,
    retrying: false,
  };

  async function attempt(body: string, events: PlatformEvent[]): Promise<Attempt> {
    stats.requests++;
    let res: Response;
    try {
      // Signed per attempt: a retry minutes later must not carry a timestamp Vigil would call stale.
      const headers = {
        "content-type": "application/json",
        ...signedHeaders(key, { method: "POST", path: endpointPath, body }, now()),
      };
      const timeout = AbortSignal.timeout(timeoutMs);
      res = await fetchImpl(endpoint, {
        method: "POST",
        headers,
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      return { ok: false, error: describeNetworkError(err) };
    }
    const text = await res.text().catch(() => "");
    const json = parseJson(text);
    if (res.ok) {
      const result = json as Partial<EventBatchResponse> | null;
      return {
        ok: true,
        result: { accepted: Number(result?.accepted ?? 0), duplicates: Number(result?.duplicates ?? 0) },
      };
    }
    const detail = describeBody(json, text);
    if (res.status === 413) return { ok: false, tooLarge: true, error: `HTTP 413${detail}` };
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), now());
      return { ok: false, error: `HTTP ${res.status}${detail}`, retryAfterMs, throttled: res.status === 429 };
    }
    throw new BatchRefusedError(
      res.status,
      json ?? text,
      `Vigil refused the batch: HTTP ${res.status}${detail}`,
      events,
    );
  }

  async function sendBody(events: PlatformEvent[]): Promise<EventBatchResponse> {
    const body = JSON.stringify({ events });
    for (const e of events) {
      if (!seen.has(e.id)) {
        seen.add(e.id);
        stats.sent++;
      }
    }
    let failures = 0;
    let failingSince: number | null = null;
    for (;;) {
      const outcome = await attempt(body, events);
      if (outcome.ok) {
        stats.retrying = false;
        stats.accepted += outcome.result.accepted;
        stats.duplicates += outcome.result.duplicates;
        return outcome.result;
      }
      if (outcome.tooLarge) {
        if (events.length === 1)
          throw new BatchRefusedError(413, null, `Vigil refused a single event as too large: ${outcome.error}`, events);
        // Halves keep the order, so references inside the batch still point backwards.
        const half = Math.ceil(events.length / 2);
        const a = await sendBody(events.slice(0, half));
        const b = await sendBody(events.slice(half));
        return { accepted: a.accepted + b.accepted, duplicates: a.duplicates + b.duplicates };
      }
      stats.errors++;
      stats.lastError = outcome.error;
      stats.retrying = true;
      // Being told to slow down means Vigil is there; only outright failures count towards giving up.
      failingSince = outcome.throttled ? null : (failingSince ?? now().getTime());
      if (failingSince !== null && giveUpAfterMs > 0 && now().getTime() - failingSince >= giveUpAfterMs) {
        throw new ServerUnreachableError(
          `Gave up after ${Math.round(giveUpAfterMs / 1000)} s without Vigil taking a batch; last error: ${outcome.error}`,
        );
      }
      const backoff = Math.min(maxMs, baseMs * 2 ** failures++);
      const delay = outcome.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
      await sleep(delay, signal);
      stats.retries++;
    }
  }

  return { send: sendBody, stats };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function describeBody(json: unknown, text: string): string {
  const error =
    json && typeof json === "object" && "error" in json
      ? String((json as { error: unknown }).error)
      : text.slice(0, 200);
  return error ? `: ${error}` : "";
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === "TimeoutError") return "request timed out";
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}

/** Retry-After is seconds or an HTTP date; capped so a bad header cannot stall the run for hours. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(60_000, Math.max(0, Math.round(seconds * 1000)));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
