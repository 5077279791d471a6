import { adminProcedure, moderatorProcedure, router, staffActorOf } from "../trpc.ts";
import { OrgMediaDefaultsInput, PreferencesInput } from "../contracts/staff.ts";
import { listQueueSettings } from "../domain/cases/queue-settings.ts";
import {
  getOrgMediaDefaults,
  getPreferences,
  setOrgMediaDefaults,
  updatePreferences,
} from "../domain/staff/preferences.ts";

export const settingsRouter = router({
  queues: adminProcedure.query(({ ctx }) => listQueueSettings(ctx.db)),

  /** The signed-in person's own media preferences; unset ones keep the wellness defaults. */
  updatePreferences: moderatorProcedure
    .input(PreferencesInput)
    .mutation(({ ctx, input }) => updatePreferences(ctx.db, input, staffActorOf(ctx), ctx.now())),

  preferences: moderatorProcedure.query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),

  /** The organisation's media wellness defaults, which reviewers' own preferences override. */
  orgMediaDefaults: moderatorProcedure.query(({ ctx }) => getOrgMediaDefaults(ctx.db)),

  setOrgMediaDefaults: adminProcedure
    .input(OrgMediaDefaultsInput)
    .mutation(({ ctx, input }) => setOrgMediaDefaults(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
