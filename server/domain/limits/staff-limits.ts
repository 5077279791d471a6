// What one staff member's console requests may ask of the server: a budget of mutations (so a stuck script or a
// stolen session cannot flood cases with notes or decisions) and a cap on calls per HTTP request.
import type { Database } from "../../db/client.ts";
import type { RequestLimits } from "../../config.ts";
import { DomainError, describeWait } from "../../lib/errors.ts";
import { takeToken } from "./request-budget.ts";

/** Takes one mutation from the staff member's budget, or refuses with how long to wait. */
export async function spendMutation(db: Database, staffId: string, limits: RequestLimits, now: Date): Promise<void> {
  const outcome = await takeToken(
    db.prisma,
    `mutation:${staffId}`,
    { perMinute: limits.mutationsPerMinute, burst: limits.mutationBurst },
    now,
  );
  if (outcome.ok) return;
  throw new DomainError(
    "TOO_MANY_REQUESTS",
    `Too many changes in a short time (at most ${limits.mutationsPerMinute} a minute); nothing was changed. Try again in ${describeWait(outcome.retryAfterSeconds)}.`,
    { retryAfterSeconds: outcome.retryAfterSeconds },
  );
}

/** A request carrying more calls than the cap runs none of them. */
export function batchTooLarge(calls: number, limits: RequestLimits): DomainError | null {
  if (calls <= limits.maxBatch) return null;
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `One request may carry at most ${limits.maxBatch} calls; this one carried ${calls}, so none of them ran. Send them in smaller batches.`,
    { retryAfterSeconds: 1 },
  );
}
