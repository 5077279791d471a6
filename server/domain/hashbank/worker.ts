// Keeps the hash bank matcher caught up: a tick scans one batch of new posts, and the next follows at once until
// none are left. Several processes may run it; each batch is claimed with SKIP LOCKED.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../../lib/poller.ts";
import { scanNewPosts } from "./scan.ts";
import { hashIndexFor } from "./index-service.ts";
import { runRetroScanStep } from "./retro-scan.ts";

type HashScanLoopOptions = {
  db: Database;
  log: Logger;
  now: () => Date;
  maxDistance: number;
  matchPct?: number;
  pollMs?: number;
};

export function hashScanLoop(opts: HashScanLoopOptions): Loop {
  return {
    name: "hash bank scan",
    pollMs: opts.pollMs ?? 2_000,
    async tick() {
      const result = await scanNewPosts(opts.db, {
        now: opts.now(),
        maxDistance: opts.maxDistance,
        matchPct: opts.matchPct,
      });
      if (result.matched) opts.log.info(result, "hash bank matches flagged for review");
      return result.scanned > 0;
    },
  };
}

export function startHashScanWorker(opts: HashScanLoopOptions): Poller {
  return startPoller(hashScanLoop(opts), opts.log);
}

/**
 * Keeps this process's in-memory index of the banks current: reads the banks' changes every second, so an entry
 * added or taken out through any server matches, or stops matching, here within a couple of seconds.
 */
export function hashIndexLoop(opts: { db: Database; log: Logger; pollMs?: number }): Loop {
  let loaded = false;
  return {
    name: "hash index",
    pollMs: opts.pollMs ?? 1_000,
    async tick() {
      const index = hashIndexFor(opts.db);
      const started = Date.now();
      await index.sync();
      if (!loaded) {
        loaded = true;
        opts.log.info({ ...index.stats(), durationMs: Date.now() - started }, "hash index loaded");
      }
      return false;
    },
  };
}

/** Looks for newly banked items among recent posts, a batch a tick, until no retro-scan is left. */
export function hashRetroScanLoop(opts: {
  db: Database;
  log: Logger;
  now: () => Date;
  maxDistance: number;
  matchPct?: number;
  pollMs?: number;
}): Loop {
  return {
    name: "hash retro-scan",
    pollMs: opts.pollMs ?? 5_000,
    async tick() {
      const step = await runRetroScanStep(opts.db, {
        now: opts.now(),
        maxDistance: opts.maxDistance,
        matchPct: opts.matchPct,
      });
      if (step.matched) opts.log.info(step, "retro-scan matches flagged for review");
      return step.jobId !== null;
    },
  };
}
