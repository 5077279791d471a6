import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { moderatorProcedure, publicProcedure, router } from "../trpc.ts";
import { signIn } from "../domain/auth/sign-in.ts";
import { revokeSession, SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { SignInInput } from "../contracts/staff.ts";


const SessionUserOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(["moderator", "staff", "admin"]),
  })
  .nullable();

export const authRouter = router({
  /** Who is signed in (null when nobody is): the client's first call. */
  me: publicProcedure.output(SessionUserOutput).query(({ ctx }) => {
    if (!ctx.user) return null;
    const { id, email, displayName, role } = ctx.user;
    return { id, email, displayName, role };
  }),

  signIn: publicProcedure.input(SignInInput).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.db, {
      email: input.email,
      password: input.password,
      ip: ctx.req.ip,
      userAgent: ctx.req.userAgent,
      requestId: ctx.req.requestId,
      now: ctx.now(),
      auth: ctx.auth,
    });
    if (!result.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });
    ctx.req.setCookie(SESSION_COOKIE, result.token, { maxAgeSeconds: ctx.auth.maxHours * 3600 });
    return { user: result.user, expiresAt: result.expiresAt };
  }),

  signOut: moderatorProcedure.mutation(async ({ ctx }) => {
    const now = ctx.now();
    await ctx.db.prisma.$transaction(async (tx) => {
      if (ctx.sessionId) await revokeSession(tx, ctx.sessionId, now);
      await appendAudit(
        tx,
        {
          actorType: "staff",
          actorId: ctx.user.id,
          action: "auth.sign_out",
          subjectType: "staff_user",
          subjectId: ctx.user.id,
          requestId: ctx.req.requestId,
          ip: ctx.req.ip,
        },
        now,
      );
    });
    ctx.req.clearCookie(SESSION_COOKIE);
    return { ok: true };
  }),
});
