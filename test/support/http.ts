// Sends real HTTP-shaped tRPC requests through the fetch adapter, the same path the browser's requests take.
import type { Database } from "../../server/db/client.ts";
import { DEFAULT_AUTH_CONFIG, type AuthConfig, type RequestLimits } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { handleTrpcRequest } from "../../server/http/fetch-handler.ts";
import { UNTHROTTLED_LIMITS } from "./caller.ts";

export interface TrpcErrorBody {
  error: {
    message: string;
    data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number };
  };
}

export async function trpcHttp(
  db: Database,
  path: string,
  type: "query" | "mutation",
  input: unknown,
  opts: { cookie?: string; now?: () => Date; auth?: AuthConfig; limits?: RequestLimits; ip?: string } = {},
) {
  const headers = new Headers({ "content-type": "application/json" });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.ip) headers.set("x-forwarded-for", opts.ip);
  const url = new URL(`http://localhost/trpc/${path}`);
  let request: Request;
  if (type === "query") {
    if (input !== undefined) url.searchParams.set("input", JSON.stringify(input));
    request = new Request(url, { method: "GET", headers });
  } else {
    request = new Request(url, {
      method: "POST",
      headers,
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }
  const response = await handleTrpcRequest(request, {
    db,
    auth: opts.auth ?? DEFAULT_AUTH_CONFIG,
    limits: opts.limits ?? UNTHROTTLED_LIMITS,
    log: silentLogger,
    now: opts.now ?? (() => new Date()),
  });
  const body = (await response.json()) as TrpcErrorBody | { result: { data: unknown } };
  return { status: response.status, body, headers: response.headers };
}
