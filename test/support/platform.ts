// The platform side of the contract for tests: events and signed requests to a running app.
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { signedHeaders, type PlatformKey, type SignatureScheme } from "../../server/platform/signature.ts";

export const TEST_KEY: PlatformKey = { id: "test-key", secret: "s3cret-s3cret-s3cret-s3cret" };
export const TEST_KEYS = new Map([[TEST_KEY.id, TEST_KEY.secret]]);

export interface SigningOptions {
  key?: PlatformKey;
  /** the signature's timestamp: the clock of the app under test */
  now: Date;
  /** default v2 */
  schemes?: readonly SignatureScheme[];
}

/** Headers for a platform request to `path` (with its query string), signed as the contract says (v2 by default). */
export function platformHeaders(
  method: string,
  path: string,
  body: string,
  opts: SigningOptions,
): Record<string, string> {
  return signedHeaders(opts.key ?? TEST_KEY, { method, path, body }, opts.now, opts.schemes);
}

/** A signed GET of a platform feed, e.g. `/api/v1/hash-bank?limit=10`. */
export function getSigned(baseUrl: string, path: string, opts: SigningOptions & { headers?: Record<string, string> }) {
  return fetch(`${baseUrl}${path}`, { headers: { ...platformHeaders("GET", path, "", opts), ...opts.headers } });
}

/** A signed POST of a raw JSON body to a platform endpoint. */
export function postSigned(
  baseUrl: string,
  path: string,
  raw: string,
  opts: SigningOptions & { headers?: Record<string, string> },
) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...platformHeaders("POST", path, raw, opts), ...opts.headers },
    body: raw,
  });
}

export async function postEvents(
  baseUrl: string,
  body: unknown,
  opts: {
    key?: PlatformKey;
    now?: Date;
    rawBody?: string;
    headers?: Record<string, string>;
    schemes?: readonly SignatureScheme[];
  } = {},
) {
  const raw = opts.rawBody ?? JSON.stringify(body);
  const res = await fetch(`${baseUrl}/api/v1/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...platformHeaders("POST", "/api/v1/events", raw, { ...opts, now: opts.now ?? new Date() }),
      ...opts.headers,
    },
    body: opts.rawBody !== undefined && body !== undefined ? JSON.stringify(body) : raw,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

let seq = 0;
const at = "2026-11-20T10:00:00Z";

/** A small, valid world in event form: an account, a post by them, two reporters. */
export function worldEvents(prefix = `w${++seq}`): PlatformEvent[] {
  return [
    {
      id: `${prefix}-e1`,
      type: "account.upserted",
      occurredAt: at,
      data: { id: `${prefix}-creator`, handle: `${prefix}_creator`, displayName: "Creator", createdAt: at },
    },
    {
      id: `${prefix}-e2`,
      type: "account.upserted",
      occurredAt: at,
      data: { id: `${prefix}-r1`, handle: `${prefix}_r1`, displayName: "Reporter 1", createdAt: at },
    },
    {
      id: `${prefix}-e3`,
      type: "account.upserted",
      occurredAt: at,
      data: { id: `${prefix}-r2`, handle: `${prefix}_r2`, displayName: "Reporter 2", createdAt: at },
    },
    {
      id: `${prefix}-e4`,
      type: "post.published",
      occurredAt: at,
      data: {
        id: `${prefix}-post`,
        creatorId: `${prefix}-creator`,
        prompt: "a politician juggling flaming torches",
        durationMs: 8_000,
        contentHash: "a".repeat(64),
        keyframes: [{ index: 0, atMs: 0, phash: "b".repeat(64) }],
        cameoIds: [],
        hasC2pa: true,
        hasWatermark: true,
        viewCount: 12_000,
        remixCount: 40,
        createdAt: at,
      },
    },
  ];
}

export function reportEvent(
  id: string,
  postId: string,
  reporterId: string,
  reason: "deepfake" | "harassment" | "likeness" = "harassment",
): PlatformEvent {
  return {
    id,
    type: "report.filed",
    occurredAt: at,
    data: { subject: { type: "post", id: postId }, reporterId, reason, text: "this is not ok" },
  };
}
