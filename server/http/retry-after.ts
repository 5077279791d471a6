// tRPC answers that ask the caller to wait carry the wait as a Retry-After header too, as the platform API does,
// so clients and proxies that know nothing of tRPC's error body still see it.
import type { TRPCError } from "@trpc/server";
import { DomainError } from "../lib/errors.ts";

/** responseMeta for the tRPC adapters: the longest wait of the request's errors (a batch may hold several). */
export function retryAfterMeta({ errors }: { errors: TRPCError[] }): { headers?: Record<string, string> } {
  const waits = errors.map((e) => (e.cause instanceof DomainError ? (e.cause.retryAfterSeconds ?? 0) : 0));
  const wait = Math.max(0, ...waits);
  return wait > 0 ? { headers: { "Retry-After": String(Math.ceil(wait)) } } : {};
}
