import { TRPCError } from "@trpc/server";
import { moderatorProcedure, publicProcedure, router, auditActor, staffActorOf } from "../trpc.ts";
import { signIn } from "../domain/auth/sign-in.ts";
import { SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { signOut } from "../domain/auth/sign-out.ts";
import { changeOwnPassword } from "../domain/auth/password-change.ts";
import { SESSION_RESTRICTIONS } from "../domain/auth/restrictions.ts";
import { SignInInput } from "../contracts/staff.ts";
import { DomainError } from "../lib/errors.ts";
import { ChangePasswordInput } from "../contracts/account-security.ts";
import { SessionUserOutput } from "../contracts/session.ts";

/** Procedures a restricted session may still reach: signing out is always possible. */
const anyRestriction = { minRole: "moderator", allowedWhile: SESSION_RESTRICTIONS } as const;

export const authRouter = router({
  /** Who is signed in (null when nobody is): the client's first call. */
  me: publicProcedure.output(SessionUserOutput).query(({ ctx }) => {
    if (!ctx.user) return null;
    const { id, email, displayName, role } = ctx.user;
    return { id, email, displayName, role, restriction: ctx.user.restriction ?? null };
  }),

  /**
   * Email and password; for an account with two-factor sign-in, answers `secondFactorRequired` until the same
   * call also carries a code from the authenticator app or a recovery code.
   */
  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.db, {
      email: input.email,
      password: input.password,
      code: input.code,
      ip: ctx.req.ip,
      userAgent: ctx.req.userAgent,
      requestId: ctx.req.requestId,
      now: ctx.now(),
      auth: ctx.auth,
    });
    if (!result.ok && "secondFactorRequired" in result) return { secondFactorRequired: true as const };
    if (!result.ok) {
      if (result.secondFactorRejected) {
        throw new DomainError(
          "UNAUTHORIZED",
          "code: That code is not right or was already used. Enter the next code from your app.",
          {
            field: "code",
          },
        );
      }
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });
    }
    ctx.req.setCookie(SESSION_COOKIE, result.token, { maxAgeSeconds: ctx.auth.maxHours * 3600 });
    return { secondFactorRequired: false as const, user: result.user, expiresAt: result.expiresAt };
  }),

  signOut: moderatorProcedure.meta(anyRestriction).mutation(async ({ ctx }) => {
    await signOut(ctx.db, ctx.sessionId, staffActorOf(ctx), ctx.now());
    ctx.req.clearCookie(SESSION_COOKIE);
    return { ok: true };
  }),

  /** The signed-in person's own password; their other sessions end. */
  changePassword: moderatorProcedure
    .meta({ minRole: "moderator", allowedWhile: ["password_change"] })
    .input(ChangePasswordInput)
    .mutation(({ ctx, input }) =>
      changeOwnPassword(
        ctx.db,
        { ...input, userId: ctx.user.id, sessionId: ctx.sessionId },
        auditActor(ctx),
        ctx.now(),
      ),
    ),
});
