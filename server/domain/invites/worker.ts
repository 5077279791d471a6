// The invite worker, one per server process: audits new redemptions in batches, resumes batches left 'issuing' by
// a crash or restart, and prunes refusals that have left every rate-limit window. Safe to run in many processes:
// each step locks what it takes.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { runBatch } from "./issuing.ts";
import { auditRedemptions } from "./redeem.ts";
import { pruneRedeemFailures } from "./rate-limit.ts";

const AUDIT_BATCH = 2_000;

export interface InviteWorker {
  stop(): Promise<void>;
  /** one pass: audit redemptions, resume unfinished batches, prune old refusals (for tests and the first tick) */
  tick(): Promise<void>;
}

/** Audits new redemptions, resumes batches left 'issuing' by a crash or restart, and keeps the redemption-refusal window small. */
export function startInviteWorker(opts: { db: Database; log: Logger; now: () => Date; pollMs?: number }): InviteWorker {
  let stopping = false;
  let inFlight: Promise<void> | null = null;
  const issuing = new Set<Promise<void>>();
  const tick = async () => {
    while ((await auditRedemptions(opts.db, opts.now(), AUDIT_BATCH)) === AUDIT_BATCH && !stopping);
    // Batches run beside the ticks (a million codes take a while); runBatch keeps one run per batch.
    const unfinished = await opts.db.prisma.inviteBatch.findMany({ where: { status: "issuing" }, select: { id: true }, orderBy: { createdAt: "asc" }, take: 20 });
    for (const b of unfinished) {
      if (stopping) break;
      const run = runBatch(opts.db, b.id, { now: opts.now, log: opts.log, shouldStop: () => stopping });
      issuing.add(run);
      void run.finally(() => issuing.delete(run));
    }
    await pruneRedeemFailures(opts.db.prisma, opts.now());
  };
  // A slow pass (a large audit backlog) outlasts intervals; ticks meanwhile join it instead of queueing.
  const pass = () =>
    (inFlight ??= tick()
      .catch((err) => opts.log.error({ err }, "invite worker pass failed"))
      .finally(() => {
        inFlight = null;
      }));
  void pass();
  const timer = setInterval(() => void pass(), opts.pollMs ?? 5_000);
  timer.unref();
  return {
    tick: pass,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await inFlight;
      // each run stops after the chunk it is writing; the next process resumes from there
      await Promise.all(issuing);
    },
  };
}
