// Who decided what over a period, for the leads: decisions per reviewer (restrictive, dismissed, escalated) and
// how their decisions fared on appeal. Counts only decisions made on cases by staff, in the period; appeals count
// in the period they were decided. An overturn rate is shown once a reviewer has enough decided appeals to mean
// something.
import type { Database } from "../../db/client.ts";
import { RESTRICTIVE_ACTIONS } from "../../contracts/decisions.ts";
import { raw, sql } from "../../db/sql.ts";

const DAY_MS = 86_400_000;
/** Fewer decided appeals than this and a rate says more about chance than about the reviewer. */
export const MIN_APPEALS_FOR_RATE = 5;

export interface ReviewerActivity {
  staffId: string;
  displayName: string;
  role: string;
  decisions: number;
  restrictive: number;
  dismissed: number;
  escalated: number;
  appealsDecided: number;
  overturned: number;
  /** overturned / decided appeals, 0–1; null below MIN_APPEALS_FOR_RATE */
  overturnRate: number | null;
}

export async function reviewerActivity(
  { prisma: tx }: Database,
  input: { days: number },
  now: Date,
): Promise<ReviewerActivity[]> {
  const from = new Date(now.getTime() - input.days * DAY_MS);
  const restrictive = raw(RESTRICTIVE_ACTIONS.map((a) => `'${a}'`).join(", "));
  const rows = await tx.$queryRaw<
    {
      staffId: string;
      displayName: string;
      role: string;
      decisions: bigint;
      restrictive: bigint;
      dismissed: bigint;
      escalated: bigint;
      appealsDecided: bigint;
      overturned: bigint;
    }[]
  >(
    sql`WITH made AS (
       SELECT d."actorId" AS "staffId", count(*) AS "decisions",
              count(*) FILTER (WHERE d."type"::text IN (${restrictive})) AS "restrictive",
              count(*) FILTER (WHERE d."type" = 'dismiss') AS "dismissed",
              count(*) FILTER (WHERE d."type" = 'escalate') AS "escalated"
         FROM "Decision" d
        WHERE d."createdAt" >= ${from}::timestamptz AND d."createdAt" <= ${now}::timestamptz AND d."caseId" IS NOT NULL AND d."actorId" IS NOT NULL
        GROUP BY 1
     ), appealed AS (
       SELECT d."actorId" AS "staffId", count(*) AS "appealsDecided", count(*) FILTER (WHERE a."status" = 'overturned') AS "overturned"
         FROM "Appeal" a JOIN "Decision" d ON d."id" = a."decisionId"
        WHERE a."decidedAt" >= ${from}::timestamptz AND a."decidedAt" <= ${now}::timestamptz AND a."status" <> 'open' AND d."actorId" IS NOT NULL
        GROUP BY 1
     )
     SELECT s."id"::text AS "staffId", s."displayName", s."role"::text AS "role",
            coalesce(m."decisions", 0) AS "decisions", coalesce(m."restrictive", 0) AS "restrictive",
            coalesce(m."dismissed", 0) AS "dismissed", coalesce(m."escalated", 0) AS "escalated",
            coalesce(x."appealsDecided", 0) AS "appealsDecided", coalesce(x."overturned", 0) AS "overturned"
       FROM "StaffUser" s
       LEFT JOIN made m ON m."staffId" = s."id"
       LEFT JOIN appealed x ON x."staffId" = s."id"
      WHERE m."staffId" IS NOT NULL OR x."staffId" IS NOT NULL
      ORDER BY coalesce(m."decisions", 0) DESC, s."displayName"`,
  );
  return rows.map((r) => {
    const appealsDecided = Number(r.appealsDecided);
    const overturned = Number(r.overturned);
    return {
      staffId: r.staffId,
      displayName: r.displayName,
      role: r.role,
      decisions: Number(r.decisions),
      restrictive: Number(r.restrictive),
      dismissed: Number(r.dismissed),
      escalated: Number(r.escalated),
      appealsDecided,
      overturned,
      overturnRate: appealsDecided >= MIN_APPEALS_FOR_RATE ? overturned / appealsDecided : null,
    };
  });
}
