// The invite loop: audits new redemptions in batches, resumes batches left 'issuing' by a crash or restart, and
// prunes refusals that have left every rate-limit window. Safe to run in many processes: each step locks what it
// takes.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../../lib/poller.ts";
import { runBatch } from "./issuing.ts";
import { auditRedemptions } from "./redeem.ts";
import { pruneRedeemFailures } from "./rate-limit.ts";

const AUDIT_BATCH = 2_000;

type InviteLoopOptions = { db: Database; log: Logger; now: () => Date; pollMs?: number };

/** Audits new redemptions, resumes batches left 'issuing' by a crash or restart, and keeps the redemption-refusal window small. */
export function inviteLoop(opts: InviteLoopOptions): Loop {
  const issuing = new Set<Promise<void>>();
  return {
    name: "invite worker pass",
    pollMs: opts.pollMs ?? 5_000,
    immediate: true,
    async tick(isStopped) {
      while ((await auditRedemptions(opts.db, opts.now(), AUDIT_BATCH)) === AUDIT_BATCH && !isStopped());
      // Batches run beside the ticks (a million codes take a while); runBatch keeps one run per batch.
      const unfinished = await opts.db.prisma.inviteBatch.findMany({
        where: { status: "issuing" },
        select: { id: true },
        orderBy: { createdAt: "asc" },
        take: 20,
      });
      for (const b of unfinished) {
        if (isStopped()) break;
        const run = runBatch(opts.db, b.id, { now: opts.now, log: opts.log, shouldStop: isStopped });
        issuing.add(run);
        void run.finally(() => issuing.delete(run));
      }
      await pruneRedeemFailures(opts.db.prisma, opts.now());
    },
    // each run stops after the chunk it is writing; the next process resumes from there
    drain: async () => void (await Promise.all(issuing)),
  };
}

export function startInviteWorker(opts: InviteLoopOptions): Poller {
  return startPoller(inviteLoop(opts), opts.log);
}
