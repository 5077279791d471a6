import { adminProcedure, moderatorProcedure, router, staffActorOf } from "../trpc.ts";
import { PreferencesInput } from "../contracts/staff.ts";
import { listQueueSettings } from "../domain/cases/queue-settings.ts";
import { getPreferences, updatePreferences } from "../domain/staff/preferences.ts";

export const settingsRouter = router({
  queues: adminProcedure.query(({ ctx }) => listQueueSettings(ctx.db)),

  /** The signed-in person's own media preferences; unset ones keep the wellness defaults. */
  updatePreferences: moderatorProcedure
    .input(PreferencesInput)
    .mutation(({ ctx, input }) => updatePreferences(ctx.db, input, staffActorOf(ctx), ctx.now())),

  preferences: moderatorProcedure.query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),
});
