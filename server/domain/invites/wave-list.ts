// The invite waves page: waves newest first with their issued, redeemed and still-issuing totals.
import type { Database } from "../../db/client.ts";

export async function listWaves(db: Database) {
  const waves = await db.prisma.inviteWave.findMany({
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
      allotment: true,
      createdAt: true,
      _count: { select: { codes: true, batches: true } },
    },
  });
  const used = await db.prisma.inviteCode.groupBy({
    by: ["waveId"],
    where: { waveId: { in: waves.map((w) => w.id) } },
    _sum: { useCount: true },
  });
  const issuing = await db.prisma.inviteBatch.groupBy({
    by: ["waveId"],
    where: { waveId: { in: waves.map((w) => w.id) }, status: "issuing" },
    _count: { _all: true },
  });
  const usedByWave = new Map(used.map((u) => [u.waveId, u._sum.useCount ?? 0]));
  const issuingByWave = new Map(issuing.map((b) => [b.waveId, b._count._all]));
  return waves.map((w) => ({
    ...w,
    redeemed: usedByWave.get(w.id) ?? 0,
    issuingBatches: issuingByWave.get(w.id) ?? 0,
  }));
}
