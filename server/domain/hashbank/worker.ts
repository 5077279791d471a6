// Keeps the hash bank matcher caught up: every tick it scans batches of new posts until none are left. Several
// servers may run it; each batch is claimed with SKIP LOCKED.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Poller } from "../../lib/poller.ts";
import { scanNewPosts } from "./scan.ts";

export function startHashScanWorker(opts: { db: Database; log: Logger; now: () => Date; maxDistance: number; pollMs?: number }): Poller {
  return startPoller({
    pollMs: opts.pollMs ?? 2_000,
    log: opts.log,
    what: "hash bank scan",
    async tick(isStopped) {
      while (!isStopped()) {
        const result = await scanNewPosts(opts.db, { now: opts.now(), maxDistance: opts.maxDistance });
        if (result.matched) opts.log.info(result, "hash bank matches flagged for review");
        if (result.scanned === 0) return;
      }
    },
  });
}
