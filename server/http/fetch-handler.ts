// The tRPC API over the Fetch API (Request → Response). Used where there is no express: the client test suite
// runs the real router behind msw with it.
import crypto from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "../router.ts";
import { createContext, responseMeta, type ServerDeps } from "./context.ts";
import { parseCookies, serializeCookie } from "./cookies.ts";

export function handleTrpcRequest(request: Request, deps: ServerDeps, endpoint = "/trpc"): Promise<Response> {
  const cookies = parseCookies(request.headers.get("cookie"));
  const secure = new URL(request.url).protocol === "https:";
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    responseMeta,
    createContext: ({ resHeaders, info }) =>
      createContext(
        deps,
        {
          requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
          ip: request.headers.get("x-forwarded-for") ?? "127.0.0.1",
          userAgent: request.headers.get("user-agent"),
          secure,
          getCookie: (name) => cookies[name],
          setCookie: (name, value, options) =>
            resHeaders.append("Set-Cookie", serializeCookie(name, value, secure, options)),
          clearCookie: (name) => resHeaders.append("Set-Cookie", serializeCookie(name, "", secure, { expire: true })),
        },
        info,
      ),
  });
}
