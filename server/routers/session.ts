// "Your sessions": every signed-in staff member sees and ends their own sessions, never anyone else's.
import { auditActor, moderatorProcedure, router } from "../trpc.ts";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "../domain/auth/own-sessions.ts";
import { SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { EndSessionInput } from "../contracts/account-security.ts";

export const sessionRouter = router({
  list: moderatorProcedure.query(({ ctx }) => listOwnSessions(ctx.db, ctx.user.id, ctx.sessionId, ctx.now(), ctx.auth)),

  end: moderatorProcedure.input(EndSessionInput).mutation(async ({ ctx, input }) => {
    const result = await endOwnSession(
      ctx.db,
      { userId: ctx.user.id, publicId: input.sessionId, currentSessionId: ctx.sessionId },
      auditActor(ctx),
      ctx.now(),
    );
    if (result.endedCurrent) ctx.req.clearCookie(SESSION_COOKIE);
    return result;
  }),

  endOthers: moderatorProcedure.mutation(({ ctx }) =>
    endOtherOwnSessions(ctx.db, { userId: ctx.user.id, currentSessionId: ctx.sessionId }, auditActor(ctx), ctx.now()),
  ),
});
