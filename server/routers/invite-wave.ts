import { adminProcedure, router } from "../trpc.ts";

export const inviteWaveRouter = router({
  /** Waves with their issued and redeemed totals. */
  list: adminProcedure.query(async ({ ctx }) => {
    const waves = await ctx.db.prisma.inviteWave.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        name: true,
        purpose: true,
        status: true,
        targetSize: true,
        usesPerCode: true,
        expiresAt: true,
        regions: true,
        platforms: true,
        createdAt: true,
        _count: { select: { codes: true, batches: true } },
      },
    });
    const used = await ctx.db.prisma.inviteCode.groupBy({
      by: ["waveId"],
      where: { waveId: { in: waves.map((w) => w.id) } },
      _sum: { useCount: true },
    });
    const usedByWave = new Map(used.map((u) => [u.waveId, u._sum.useCount ?? 0]));
    return waves.map((w) => ({ ...w, redeemed: usedByWave.get(w.id) ?? 0 }));
  }),
});
