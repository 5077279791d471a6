// The real router behind a real session: the context is built from a session cookie the way every request's is
// (server/http/context.ts), so session expiry and session restrictions apply as in production.
import { generate } from "otplib";
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { createContext } from "../../server/http/context.ts";
import { SESSION_COOKIE } from "../../server/domain/auth/sessions.ts";
import { TOTP_PERIOD_SECONDS } from "../../server/domain/auth/totp.ts";
import { createCaller, fakeRequest, type FakeRequest } from "./caller.ts";

export interface SessionCallerOptions {
  now: () => Date;
  auth?: AuthConfig;
  ip?: string;
  userAgent?: string;
}

/** A caller for whoever holds `token` (null: nobody); `req.setCookies` shows what the server set. */
export async function callerWithSession(db: Database, token: string | null, opts: SessionCallerOptions) {
  const req: FakeRequest = fakeRequest({
    getCookie: (name) => (name === SESSION_COOKIE && token ? token : undefined),
    ...(opts.ip ? { ip: opts.ip } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
  });
  const ctx = await createContext(
    { db, auth: opts.auth ?? DEFAULT_AUTH_CONFIG, log: silentLogger, now: opts.now },
    req,
  );
  return { caller: createCaller(ctx), req, user: ctx.user };
}

/** Signs in through `auth.signIn`; the session token when it succeeded, else null, and the procedure's answer. */
export async function signInWith(
  db: Database,
  credentials: { email: string; password: string; code?: string },
  opts: SessionCallerOptions,
) {
  const { caller, req } = await callerWithSession(db, null, opts);
  const result = await caller.auth.signIn(credentials);
  return { result, token: req.setCookies[SESSION_COOKIE] || null };
}

/** The code an authenticator app shows for `secret` at `at`, or `steps` time steps later or earlier. */
export function totpCodeAt(secret: string, at: Date, steps = 0): Promise<string> {
  return generate({
    secret,
    epoch: Math.floor(at.getTime() / 1000) + steps * TOTP_PERIOD_SECONDS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** One clock for a test: starts where it is told and moves only when the test moves it. */
export function testClock(start: string) {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}
