// The checkpoint loop: every AUDIT_CHECKPOINT_MS it checks the rows added since the last checkpoint and
// checkpoints the new head outside the database (checkpointAuditHead). The first step runs at start.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../../lib/poller.ts";
import type { AuditSeal } from "./audit-seal.ts";
import { checkpointAuditHead, describeChainProblem } from "./audit-verification.ts";

/** well inside the minute the checkpoint may lag behind the head */
export const AUDIT_CHECKPOINT_MS = 30_000;

type AuditCheckpointLoopOptions = { db: Database; log: Logger; now: () => Date; seal: AuditSeal; pollMs?: number };

export function auditCheckpointLoop(opts: AuditCheckpointLoopOptions): Loop {
  let held: boolean | null = null;
  return {
    name: "audit checkpoint",
    pollMs: opts.pollMs ?? AUDIT_CHECKPOINT_MS,
    immediate: true,
    async tick() {
      const result = await checkpointAuditHead(opts.db, { now: opts.now(), seal: opts.seal });
      if (!result.held && held !== false) {
        opts.log.error(
          { brokenAtSeq: result.brokenAtSeq?.toString() ?? null, problem: result.problem },
          `the audit chain does not hold; the checkpoint stays where it was. ${describeChainProblem(result.problem, result.brokenAtSeq)}`,
        );
      } else if (result.held && held === false) {
        opts.log.warn({ throughSeq: result.throughSeq.toString() }, "the audit chain holds again");
      }
      held = result.held;
    },
  };
}

export function startAuditCheckpointWorker(opts: AuditCheckpointLoopOptions): Poller {
  return startPoller(auditCheckpointLoop(opts), opts.log);
}
