// Each server's checkpoint loop: every AUDIT_CHECKPOINT_MS it checks the rows added since the last checkpoint and
// checkpoints the new head outside the database (checkpointAuditHead). The first step runs at start.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Poller } from "../../lib/poller.ts";
import type { AuditSeal } from "./audit-seal.ts";
import { checkpointAuditHead, describeChainProblem } from "./audit-verification.ts";

/** well inside the minute the checkpoint may lag behind the head */
export const AUDIT_CHECKPOINT_MS = 30_000;

export function startAuditCheckpointWorker(opts: { db: Database; log: Logger; now: () => Date; seal: AuditSeal; pollMs?: number }): Poller {
  let held: boolean | null = null;
  const step = async () => {
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
  };
  const first = step().catch((err) => opts.log.error({ err }, "audit checkpoint failed; retrying on the next tick"));
  const poller = startPoller({
    pollMs: opts.pollMs ?? AUDIT_CHECKPOINT_MS,
    log: opts.log,
    what: "audit checkpoint",
    tick: async () => {
      await first;
      await step();
    },
  });
  return {
    async stop() {
      await first;
      await poller.stop();
    },
  };
}
