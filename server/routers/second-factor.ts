// Two-factor sign-in for the signed-in staff member. Enrolment stays reachable while a role that requires a
// second factor has none yet: that is the only way out of the restriction.
import { auditActor, moderatorProcedure, router } from "../trpc.ts";
import {
  beginSecondFactorEnrolment,
  confirmSecondFactorEnrolment,
  disableSecondFactor,
  replaceRecoveryCodes,
  secondFactorStatus,
} from "../domain/auth/second-factor.ts";
import {
  ConfirmSecondFactorInput,
  DisableSecondFactorInput,
  SecondFactorCodeInput,
} from "../contracts/account-security.ts";

const whileEnrolling = { minRole: "moderator", allowedWhile: ["second_factor_enrolment"] } as const;

export const secondFactorRouter = router({
  status: moderatorProcedure.meta(whileEnrolling).query(({ ctx }) => secondFactorStatus(ctx.db, ctx.user, ctx.auth)),

  /** The secret (text, URI and QR code) for the authenticator app, shown this once. */
  beginEnrolment: moderatorProcedure
    .meta(whileEnrolling)
    .mutation(({ ctx }) => beginSecondFactorEnrolment(ctx.db, ctx.user, auditActor(ctx), ctx.now())),

  /** The first code turns the factor on; the answer carries the recovery codes, shown this once. */
  confirmEnrolment: moderatorProcedure
    .meta(whileEnrolling)
    .input(ConfirmSecondFactorInput)
    .mutation(({ ctx, input }) => confirmSecondFactorEnrolment(ctx.db, ctx.user, input, auditActor(ctx), ctx.now())),

  disable: moderatorProcedure
    .input(DisableSecondFactorInput)
    .mutation(({ ctx, input }) => disableSecondFactor(ctx.db, ctx.user, input, auditActor(ctx), ctx.now())),

  replaceRecoveryCodes: moderatorProcedure
    .input(SecondFactorCodeInput)
    .mutation(({ ctx, input }) => replaceRecoveryCodes(ctx.db, ctx.user, input, auditActor(ctx), ctx.now())),
});
