import { TRPCError } from "@trpc/server";
import { moderatorProcedure, roleAtLeast, router } from "../trpc.ts";
import { CaseListInput, listCases, queueSummaries } from "../domain/cases/case-list.ts";

export const caseRouter = router({
  /** Queues the signed-in user may work, with open counts and oldest age. */
  queues: moderatorProcedure.query(async ({ ctx }) => {
    const all = await queueSummaries(ctx.db.prisma, ctx.now());
    return all.filter((q) => roleAtLeast(ctx.user.role, q.minRole));
  }),

  list: moderatorProcedure.input(CaseListInput).query(async ({ ctx, input }) => {
    const settings = await ctx.db.prisma.queueSetting.findMany({ select: { queue: true, minRole: true } });
    const allowed = settings.filter((s) => roleAtLeast(ctx.user.role, s.minRole)).map((s) => s.queue);
    if (input.queue && !allowed.includes(input.queue)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `The ${input.queue} queue needs a higher role than ${ctx.user.role}.` });
    }
    return listCases(ctx.db.prisma, input, allowed);
  }),
});
