// One decision for many cases. The client sends the selection in chunks that share a batch id (so it can show
// progress); each case is decided in its own transaction, so a case that changed meanwhile is skipped and
// reported without holding back the others, and an interrupted batch leaves only whole decisions behind.
import type { Database } from "../../db/client.ts";
import type { DecideBulkInput } from "../../contracts/decisions.ts";
import { DomainError } from "../../lib/errors.ts";
import type { Reviewer } from "../cases/claims.ts";
import { decideCase } from "./decide.ts";

export interface BulkOutcome {
  caseId: string;
  status: "decided" | "skipped";
  decisionId?: string;
  /** why it was skipped, in words the reviewer can act on */
  message?: string;
}

export async function decideCasesBulk(
  db: Database,
  input: DecideBulkInput,
  reviewer: Reviewer,
  now: Date,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const item of input.items) {
    try {
      const result = await decideCase(
        db,
        {
          ...input,
          caseId: item.caseId,
          expectedVersion: item.expectedVersion,
          // Retrying a chunk after a lost answer must not decide its cases twice.
          idempotencyKey: `bulk:${input.batchId}:${item.caseId}`,
        },
        reviewer,
        now,
      );
      outcomes.push({ caseId: item.caseId, status: "decided", decisionId: result.decisionId });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes.push({ caseId: item.caseId, status: "skipped", message: err.message });
    }
  }
  return outcomes;
}
