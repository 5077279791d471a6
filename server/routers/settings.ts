import { z } from "zod";
import { adminProcedure, auditActor, moderatorProcedure, router } from "../trpc.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import type { Prisma } from "../db/generated/client.ts";

/** Per-user preferences. Media wellness defaults: blurred, grayscale, muted until the reviewer opts out. */
export const PreferencesInput = z.object({
  blurMedia: z.boolean().optional(),
  grayscaleMedia: z.boolean().optional(),
  muteMedia: z.boolean().optional(),
});

export const settingsRouter = router({
  queues: adminProcedure.query(({ ctx }) => ctx.db.prisma.queueSetting.findMany({ orderBy: { queue: "asc" } })),

  updatePreferences: moderatorProcedure.input(PreferencesInput).mutation(async ({ ctx, input }) => {
    const now = ctx.now();
    return ctx.db.prisma.$transaction(async (tx) => {
      const current = await tx.staffUser.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { preferences: true } });
      const preferences = { ...(current.preferences as Record<string, unknown>), ...input };
      await tx.staffUser.update({ where: { id: ctx.user.id }, data: { preferences: preferences as Prisma.InputJsonValue } });
      await appendAudit(
        tx,
        { ...auditActor(ctx), action: "staff_user.preferences", subjectType: "staff_user", subjectId: ctx.user.id, details: input },
        now,
      );
      return preferences;
    });
  }),

  preferences: moderatorProcedure.query(async ({ ctx }) => {
    const user = await ctx.db.prisma.staffUser.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { preferences: true } });
    return { blurMedia: true, grayscaleMedia: true, muteMedia: true, ...(user.preferences as Record<string, unknown>) };
  }),
});
