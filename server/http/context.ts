// Builds the tRPC context for a request, whichever adapter carried it (express in production, fetch in tests).
import type { Database } from "../db/client.ts";
import type { AuthConfig } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import { ContextFailed, type Context, type RequestInfo } from "../trpc.ts";
import { resolveSession, SESSION_COOKIE } from "../domain/auth/sessions.ts";

export interface ServerDeps {
  db: Database;
  auth: AuthConfig;
  log: Logger;
  /** the clock; tests replace it */
  now: () => Date;
}

export async function createContext(deps: ServerDeps, req: RequestInfo): Promise<Context> {
  const now = deps.now();
  const session = await resolveSession(deps.db.prisma, req.getCookie(SESSION_COOKIE), now, deps.auth).catch((err: unknown) => {
    throw new ContextFailed(req.requestId, err);
  });
  return {
    db: deps.db,
    auth: deps.auth,
    log: deps.log,
    req,
    user: session?.user ?? null,
    sessionId: session?.sessionId ?? null,
    now: deps.now,
  };
}
