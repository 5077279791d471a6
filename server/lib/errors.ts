// Domain errors: thrown by domain modules, mapped to tRPC codes in one place (server/trpc.ts).
export type DomainErrorCode =
  "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHORIZED" | "BAD_REQUEST" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** the input field the error is about, when there is one */
  readonly field?: string;
  /** seconds to wait, for TOO_MANY_REQUESTS */
  readonly retryAfterSeconds?: number;

  constructor(code: DomainErrorCode, message: string, extra: { field?: string; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
