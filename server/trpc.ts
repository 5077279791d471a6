// tRPC foundation: context, the role ladder, base procedures, and the one place where errors become responses.
// Every procedure declares its minimum role in `meta.minRole`; the authorization middleware reads it from there,
// so the role a procedure demands and the role the router test checks cannot drift apart.
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import type { StaffRole } from "./db/generated/enums.ts";
import type { Database } from "./db/client.ts";
import type { AuthConfig, RequestLimits } from "./config.ts";
import type { Logger } from "./lib/logger.ts";
import { DomainError } from "./lib/errors.ts";
import { describeIssues, InputIssues, isValidationError } from "./lib/validation.ts";
import { findMalformedText } from "./lib/text-rule.ts";
import { staffAuditActor } from "./domain/audit/staff-actor.ts";
import { Prisma } from "./db/generated/client.ts";
import { RESTRICTION_MESSAGES, type SessionRestriction } from "./domain/auth/restrictions.ts";
import { spendMutation } from "./domain/limits/staff-limits.ts";

export type MinRole = "public" | StaffRole;

import { roleAtLeast, type SessionUser } from "./domain/access/roles.ts";
export { ROLE_RANK, STAFF_ROLES, roleAtLeast, type SessionUser } from "./domain/access/roles.ts";

export interface CookieOptions {
  maxAgeSeconds?: number;
}

/** What a procedure may know about the HTTP request, independent of the adapter (express, fetch, direct call). */
export interface RequestInfo {
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** served over https: cookies get the Secure attribute */
  secure: boolean;
  getCookie(name: string): string | undefined;
  setCookie(name: string, value: string, options?: CookieOptions): void;
  clearCookie(name: string): void;
}

export interface Context {
  db: Database;
  auth: AuthConfig;
  limits: RequestLimits;
  log: Logger;
  req: RequestInfo;
  user: SessionUser | null;
  sessionId: string | null;
  now: () => Date;
}

export interface Meta {
  minRole: MinRole;
  /** the session restrictions under which this procedure still runs; without it a restricted session is refused */
  allowedWhile?: readonly SessionRestriction[];
}

const DOMAIN_TO_TRPC = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  BAD_REQUEST: "BAD_REQUEST",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
} as const;

/** What a client is told about a failure of ours; the details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on the server.";

/** Maps anything a procedure may throw onto a TRPCError with a message a person can act on. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError)
    return new TRPCError({ code: DOMAIN_TO_TRPC[err.code], message: err.message, cause: err });
  if (isValidationError(err))
    return new TRPCError({ code: "BAD_REQUEST", message: describeIssues(err.issues).message, cause: err });
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002")
      return new TRPCError({ code: "CONFLICT", message: "That record already exists.", cause: err });
    if (err.code === "P2025")
      return new TRPCError({ code: "NOT_FOUND", message: "That record was not found.", cause: err });
    if (err.code === "P2003")
      return new TRPCError({ code: "BAD_REQUEST", message: "A referenced record does not exist.", cause: err });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE, cause: err });
}

/** Building the context failed (the session could not be read): carries the request id the context would have. */
export class ContextFailed extends TRPCError {
  constructor(
    readonly requestId: string,
    cause: unknown,
  ) {
    super({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_ERROR_MESSAGE, cause });
  }
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Never put stack traces in answers, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const zod = isValidationError(cause) ? describeIssues(cause.issues) : null;
      const domain = cause instanceof DomainError ? cause : null;
      // An unexpected error's own message may name files, SQL or ORM calls: the client gets the request id to
      // quote instead, and the log has the rest.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const requestId = ctx?.req.requestId ?? (error instanceof ContextFailed ? error.requestId : undefined);
      return {
        ...shape,
        message: internal
          ? `${INTERNAL_ERROR_MESSAGE}${requestId ? ` Quote request id ${requestId} when reporting it.` : ""}`
          : zod
            ? zod.message
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: internal ? requestId : undefined,
          // Beside a field the message stands alone; the "field: " prefix is for messages shown without one.
          fieldErrors:
            zod?.fieldErrors ??
            (domain?.field ? { [domain.field]: [domain.message.replace(`${domain.field}: `, "")] } : undefined),
          retryAfterSeconds: domain?.retryAfterSeconds,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Logs each call (never its input) and maps thrown errors once, for every procedure. */
const observed = t.procedure.use(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const entry = { requestId: ctx.req.requestId, userId: ctx.user?.id ?? null, procedure: path, type, durationMs };
  if (result.ok) ctx.log.info(entry, "procedure");
  // The error's code says whose fault it was: only our own failures are errors with a stack; a client's bad
  // request (malformed JSON included) is an ordinary refusal.
  else if (result.error.code === "INTERNAL_SERVER_ERROR")
    ctx.log.error({ ...entry, err: result.error.cause ?? result.error }, "procedure failed");
  else ctx.log.info({ ...entry, code: result.error.code }, "procedure refused");
  return result;
});

// The checks every call passes, in order, in as few middleware layers as they need: each layer costs a copy of
// the call's options and context on every call, and the queue page is read many times a minute.

/** Fails closed: a procedure without a declared minimum role is refused to everyone. */
function authorize(ctx: Context, meta: Meta | undefined): void {
  const minRole = meta?.minRole;
  if (minRole === "public") return;
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (!minRole || !roleAtLeast(ctx.user.role, minRole)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: minRole ? `This needs the ${minRole} role; you are signed in as ${ctx.user.role}.` : "Not allowed.",
    });
  }
  const restriction = ctx.user.restriction;
  if (restriction && !meta?.allowedWhile?.includes(restriction)) {
    throw new TRPCError({ code: "FORBIDDEN", message: RESTRICTION_MESSAGES[restriction] });
  }
}

/** Every signed-in mutation spends from its staff member's budget, before its input is even read. */
async function spendBudget(ctx: Context, type: string): Promise<void> {
  if (type !== "mutation" || !ctx.user) return;
  try {
    await spendMutation(ctx.db, ctx.user.id, ctx.limits, ctx.now());
  } catch (err) {
    throw toTRPCError(err);
  }
}

/**
 * The text rule (server/lib/text-rule.ts) for every procedure, on the raw input before any schema parses it:
 * refused as BAD_REQUEST with a field error per place, like any other validation failure.
 */
async function checkText(getRawInput: () => Promise<unknown>): Promise<void> {
  // A body that is not JSON at all is left to the input parser, which refuses it for procedures that take input;
  // a procedure without input never reads it (a bare POST with no body is a valid call).
  const raw = await getRawInput().catch(() => undefined);
  const problems = findMalformedText(raw);
  if (problems.length > 0) {
    const cause = new InputIssues(problems);
    throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  }
}

/** Role, budget and text rule, in that order: a refused call reads neither budget nor input. */
const guarded = observed.use(async ({ ctx, meta, type, getRawInput, next }) => {
  authorize(ctx, meta);
  await spendBudget(ctx, type);
  await checkText(getRawInput);
  return next();
});

/** Domain errors thrown inside resolvers become tRPC errors with the right code. */
async function mapErrors<R extends { ok: boolean; error?: { cause?: unknown } }>(pending: Promise<R>): Promise<R> {
  const result = await pending;
  if (!result.ok) {
    const cause = result.error?.cause;
    if (
      cause instanceof DomainError ||
      cause instanceof Prisma.PrismaClientKnownRequestError ||
      isValidationError(cause)
    ) {
      throw toTRPCError(cause);
    }
  }
  return result;
}

const mapped = guarded.use(({ next }) => mapErrors(next()));

/** For resolvers' types: past the role check, a signed-in user is present. */
const signedIn = guarded.use(({ ctx, next }) => {
  const user = ctx.user;
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return mapErrors(next({ ctx: { user } }));
});

export const publicProcedure = mapped.meta({ minRole: "public" });
export const moderatorProcedure = signedIn.meta({ minRole: "moderator" });
export const staffProcedure = signedIn.meta({ minRole: "staff" });
export const adminProcedure = signedIn.meta({ minRole: "admin" });

export type AuthedContext = Context & { user: SessionUser };

export { z };

/** The Retry-After header for a response whose calls were refused for a while (the longest wait of them). */
export function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.map((e) => (e.cause instanceof DomainError ? (e.cause.retryAfterSeconds ?? 0) : 0));
  const longest = Math.max(0, ...waits);
  return longest > 0 ? { "Retry-After": String(longest) } : {};
}

/** The signed-in staff member behind a request, as domain functions take them. */
export function staffActorOf(ctx: AuthedContext) {
  return { id: ctx.user.id, displayName: ctx.user.displayName, requestId: ctx.req.requestId, ip: ctx.req.ip };
}

/** Who did it, for the audit log, from a signed-in context. */
export function auditActor(ctx: AuthedContext) {
  return staffAuditActor(staffActorOf(ctx));
}
