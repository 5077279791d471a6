// The one tRPC client of the app. The server's router type is imported as a type only, so no server code
// reaches the bundle.
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@contracts/app-router.ts";
import { CONSOLE_BATCH_SIZE } from "@contracts/api-limits.ts";

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ApiError = TRPCClientError<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Absolute, so the same code works in the browser and under a test runner whose fetch has no base URL. */
export function defaultApiUrl(): string {
  return new URL("/trpc", window.location.origin).toString();
}

export function createApiClient(url: string = defaultApiUrl()) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url,
        // Long filter inputs make GET URLs long; split the batch before proxies start refusing it.
        maxURLLength: 2000,
        // The server refuses a request carrying more calls than its cap (VIGIL_TRPC_MAX_BATCH, never below this).
        maxItems: CONSOLE_BATCH_SIZE,
      }),
    ],
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

/**
 * What a server type looks like after JSON: dates arrive as ISO strings. The inferred router types still say
 * Date, so every query hook passes its data through `asWire` to type it as it really is.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export function asWire<T>(data: T): Wire<T> {
  return data as unknown as Wire<T>;
}
