// Builds the tRPC context for a request, whichever adapter carried it (express in production, fetch in tests).
import type { TRPCError } from "@trpc/server";
import type { TRPCRequestInfo } from "@trpc/server/http";
import type { Database } from "../db/client.ts";
import { DEFAULT_REQUEST_LIMITS, type AuthConfig, type RequestLimits } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import { ContextFailed, retryAfterHeader, toTRPCError, type Context, type RequestInfo } from "../trpc.ts";
import { resolveSession, SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { batchTooLarge } from "../domain/limits/staff-limits.ts";

export interface ServerDeps {
  db: Database;
  auth: AuthConfig;
  log: Logger;
  /** the clock; tests replace it */
  now: () => Date;
  /** budgets and caps on staff requests; default DEFAULT_REQUEST_LIMITS */
  limits?: RequestLimits;
}

/**
 * The context is built once per HTTP request, before any call runs: a batch over the cap is refused here, so each
 * of its calls answers 429 and none of them executes.
 */
export async function createContext(
  deps: ServerDeps,
  req: RequestInfo,
  info?: Pick<TRPCRequestInfo, "calls">,
): Promise<Context> {
  const limits = deps.limits ?? DEFAULT_REQUEST_LIMITS;
  const oversized = info ? batchTooLarge(info.calls.length, limits) : null;
  if (oversized) throw toTRPCError(oversized);
  const now = deps.now();
  const session = await resolveSession(deps.db.prisma, req.getCookie(SESSION_COOKIE), now, deps.auth).catch(
    (err: unknown) => {
      throw new ContextFailed(req.requestId, err);
    },
  );
  return {
    db: deps.db,
    auth: deps.auth,
    limits,
    log: deps.log,
    req,
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    now: deps.now,
  };
}

/** Response headers both adapters add: Retry-After when calls were refused for a while. */
export function responseMeta({ errors }: { errors: readonly TRPCError[] }) {
  return { headers: retryAfterHeader(errors) };
}
