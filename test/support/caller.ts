// Calls the real app router in-process, as a given staff user (or anonymously), against a real database.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import { appRouter } from "../../server/router.ts";
import { createCallerFactory, type Context, type RequestInfo, type SessionUser } from "../../server/trpc.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from "../../server/config.ts";
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

export function contextFor(
  db: Database,
  user: SessionUser | null,
  opts: { now?: () => Date; auth?: AuthConfig; req?: FakeRequest; sessionId?: string } = {},
): Context {
  return {
    db,
    auth: opts.auth ?? DEFAULT_AUTH_CONFIG,
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
