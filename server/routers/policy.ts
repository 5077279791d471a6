import { moderatorProcedure, router } from "../trpc.ts";

export const policyRouter = router({
  /** The catalogue a decision cites. */
  list: moderatorProcedure.query(({ ctx }) =>
    ctx.db.prisma.policy.findMany({
      where: { active: true },
      orderBy: [{ severity: "desc" }, { code: "asc" }],
      select: {
        id: true,
        code: true,
        name: true,
        description: true,
        severity: true,
        strikeWeight: true,
        strikeThreshold: true,
        dsaCategory: true,
        dsaGround: true,
        legalReference: true,
      },
    }),
  ),
});
