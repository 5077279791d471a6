// Calls the real app router in-process, as a given staff user (or anonymously), against a real database.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import { appRouter } from "../../server/router.ts";
import { createCallerFactory, type Context, type RequestInfo, type SessionUser } from "../../server/trpc.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig, type RequestLimits } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";

export const createCaller = createCallerFactory(appRouter);

export interface FakeRequest extends RequestInfo {
  /** cookies the procedure set, by name ("" when cleared) */
  setCookies: Record<string, string>;
}

export function fakeRequest(overrides: Partial<RequestInfo> = {}): FakeRequest {
  const setCookies: Record<string, string> = {};
  return {
    requestId: crypto.randomUUID(),
    ip: "203.0.113.7",
    userAgent: "vitest",
    secure: false,
    getCookie: () => undefined,
    setCookie: (name, value) => {
      setCookies[name] = value;
    },
    clearCookie: (name) => {
      setCookies[name] = "";
    },
    setCookies,
    ...overrides,
  };
}

/**
 * Limits high enough that tests of other behaviour (hundreds of claims or mutations by one reviewer) are never
 * throttled; the limits' own tests pass DEFAULT_REQUEST_LIMITS or their own.
 */
export const UNTHROTTLED_LIMITS: RequestLimits = {
  mutationsPerMinute: 1_000_000,
  mutationBurst: 1_000_000,
  maxBatch: 1_000,
  maxHeldCases: 100_000,
};

export function contextFor(
  db: Database,
  user: SessionUser | null,
  opts: { now?: () => Date; auth?: AuthConfig; limits?: RequestLimits; req?: FakeRequest; sessionId?: string } = {},
): Context {
  return {
    db,
    auth: opts.auth ?? DEFAULT_AUTH_CONFIG,
    limits: opts.limits ?? UNTHROTTLED_LIMITS,
    log: silentLogger,
    req: opts.req ?? fakeRequest(),
    user,
    sessionId: opts.sessionId ?? null,
    now: opts.now ?? (() => new Date()),
  };
}

export function callerFor(db: Database, user: SessionUser | null, opts: Parameters<typeof contextFor>[2] = {}) {
  return createCaller(contextFor(db, user, opts));
}
