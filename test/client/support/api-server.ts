// The real tRPC router behind msw, against a real database: one per test file. It stands in for the browser's
// cookie jar too — the session cookie the server sets is sent with every later request, as a browser would.
import { http, type HttpHandler } from "msw";
import { setupServer } from "msw/node";
import type { Database } from "../../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig } from "../../../server/config.ts";
import { handleTrpcRequest } from "../../../server/http/fetch-handler.ts";
import { silentLogger } from "../../../server/lib/logger.ts";
import { createTestDatabase } from "../../support/db.ts";

const SESSION_COOKIE = "vigil_session";

let database: Promise<Database> | undefined;
let sessionToken: string | null = null;
let serverDeps: { now: () => Date; auth: AuthConfig } = { now: () => new Date(), auth: DEFAULT_AUTH_CONFIG };

/** The clock and auth settings the router runs with, for a test that depends on them; reset after each test. */
export function configureApiServer(deps: { now: () => Date; auth?: AuthConfig }): void {
  serverDeps = { now: deps.now, auth: deps.auth ?? DEFAULT_AUTH_CONFIG };
}

export function resetApiServer(): void {
  serverDeps = { now: () => new Date(), auth: DEFAULT_AUTH_CONFIG };
}

export function testDatabase(): Promise<Database> {
  database ??= createTestDatabase();
  return database;
}

export async function closeTestDatabase(): Promise<void> {
  if (database) await (await database).close();
  database = undefined;
}

export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

function rememberSessionCookie(response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
    if (!match) continue;
    const cleared = /max-age=0/i.test(cookie) || match[1] === "";
    sessionToken = cleared ? null : decodeURIComponent(match[1]!);
  }
}

export const trpcHandler: HttpHandler = http.all("*/trpc/*", async ({ request }) => {
  const db = await testDatabase();
  const headers = new Headers(request.headers);
  if (sessionToken) headers.set("cookie", `${SESSION_COOKIE}=${encodeURIComponent(sessionToken)}`);
  else headers.delete("cookie");
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const forwarded = new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
  });
  const response = await handleTrpcRequest(forwarded, {
    db,
    auth: serverDeps.auth,
    log: silentLogger,
    now: serverDeps.now,
  });
  rememberSessionCookie(response);
  return response;
});

/** Tests may put a handler in front of the real router with `mockApi.use(...)`, to simulate an outage. */
export const mockApi = setupServer(trpcHandler);
