// Keeps the hash bank matcher caught up: a tick scans one batch of new posts, and the next follows at once until
// none are left. Several processes may run it; each batch is claimed with SKIP LOCKED.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../../lib/poller.ts";
import { scanNewPosts } from "./scan.ts";

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
