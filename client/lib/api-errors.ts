// Turns what the server refused into what a person can act on: a message and, for forms, per-field messages.
import { isApiError } from "./trpc.ts";

export function httpStatusOf(error: unknown): number | null {
  if (!isApiError(error)) return null;
  return error.data?.httpStatus ?? null;
}

export function errorCodeOf(error: unknown): string | null {
  if (!isApiError(error)) return null;
  return error.data?.code ?? null;
}

/** A client error (4xx) will fail the same way again; retrying only delays the message. */
export function isClientError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== null && status >= 400 && status < 500;
}

export function messageOf(error: unknown): string {
  if (isApiError(error)) {
    if (!error.data && /fetch|network/i.test(error.message))
      return "The server could not be reached. Check your connection and try again.";
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!isApiError(error)) return {};
  return error.data?.fieldErrors ?? {};
}
