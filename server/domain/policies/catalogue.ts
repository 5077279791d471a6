// The policy catalogue a decision cites: active policies, most severe first.
import type { Database } from "../../db/client.ts";

export function listActivePolicies(db: Database) {
  return db.prisma.policy.findMany({
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
  });
}
