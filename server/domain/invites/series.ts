// Redemptions over time for one wave, in hourly or daily buckets (UTC), with empty buckets filled in and a
// running total against the wave's target, for the redemption chart.
import type { Database } from "../../db/client.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { RedemptionSeriesInput } from "../../contracts/invites.ts";
import { sql } from "../../db/sql.ts";

const MAX_BUCKETS = 2_000;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

function truncate(at: Date, bucket: "hour" | "day"): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  if (bucket === "day") d.setUTCHours(0);
  return d;
}

export async function redemptionSeries({ prisma: tx }: Database, raw: unknown, now: Date) {
  const input = parseInput(RedemptionSeriesInput, raw);
  const bucket = input.bucket ?? "day";
  const wave = await tx.inviteWave.findUnique({
    where: { id: input.waveId },
    select: { id: true, createdAt: true, targetSize: true },
  });
  if (!wave) throw notFound("Invite wave");
  const from = truncate(input.from ? new Date(input.from) : wave.createdAt, bucket);
  const to = input.to ? new Date(input.to) : now;
  if (to.getTime() < from.getTime()) throw new DomainError("BAD_REQUEST", "to: must be after from.", { field: "to" });
  const buckets = Math.floor((to.getTime() - from.getTime()) / BUCKET_MS[bucket]) + 1;
  if (buckets > MAX_BUCKETS) {
    throw new DomainError(
      "BAD_REQUEST",
      `from: ${buckets} ${bucket}ly buckets is too many (at most ${MAX_BUCKETS}); choose a shorter range or daily buckets.`,
      { field: "from" },
    );
  }

  const rows = await tx.$queryRaw<{ at: Date; redeemed: bigint }[]>(
    sql`SELECT date_trunc(${bucket}, r."redeemedAt", 'UTC') AS "at", count(*) AS "redeemed"
       FROM "Redemption" r JOIN "InviteCode" c ON c."id" = r."codeId"
      WHERE c."waveId" = ${wave.id}::uuid AND r."redeemedAt" >= ${from}::timestamptz AND r."redeemedAt" <= ${to}::timestamptz
      GROUP BY 1`,
  );
  const [before] = await tx.$queryRaw<{ n: bigint }[]>(
    sql`SELECT count(*) AS n FROM "Redemption" r JOIN "InviteCode" c ON c."id" = r."codeId" WHERE c."waveId" = ${wave.id}::uuid AND r."redeemedAt" < ${from}::timestamptz`,
  );
  const byBucket = new Map(rows.map((r) => [new Date(r.at).getTime(), Number(r.redeemed)]));
  let cumulative = Number(before?.n ?? 0);
  const points = Array.from({ length: buckets }, (_, i) => {
    const at = from.getTime() + i * BUCKET_MS[bucket];
    const redeemed = byBucket.get(at) ?? 0;
    cumulative += redeemed;
    return { at: new Date(at).toISOString(), redeemed, cumulative };
  });
  return { waveId: wave.id, bucket, targetSize: wave.targetSize, total: cumulative, points };
}
