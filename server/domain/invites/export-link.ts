// Where the browser downloads a wave's (or one batch's) codes as CSV; the download itself is authorized and
// audited by the export route.
import type { Database } from "../../db/client.ts";
import { notFound } from "../../lib/errors.ts";

export async function inviteCodesExportUrl(db: Database, input: { waveId: string; batchId?: string }) {
  const wave = await db.prisma.inviteWave.findUnique({ where: { id: input.waveId }, select: { id: true } });
  if (!wave) throw notFound("Invite wave");
  const params = new URLSearchParams({ waveId: input.waveId, ...(input.batchId ? { batchId: input.batchId } : {}) });
  return { url: `/exports/invite-codes.csv?${params.toString()}` };
}
