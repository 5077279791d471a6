// Keeps the hash bank matcher caught up: every tick it scans batches of new posts until none are left. Several
// servers may run it; each batch is claimed with SKIP LOCKED.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { scanNewPosts } from "./scan.ts";

export interface HashScanWorker {
  stop(): Promise<void>;
}

export function startHashScanWorker(opts: { db: Database; log: Logger; now: () => Date; maxDistance: number; pollMs?: number }): HashScanWorker {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    while (!stopped) {
      const result = await scanNewPosts(opts.db, { now: opts.now(), maxDistance: opts.maxDistance });
      if (result.matched) opts.log.info(result, "hash bank matches flagged for review");
      if (result.scanned === 0) return;
    }
  };
  const timer = setInterval(() => {
    current = current.then(tick).catch((err) => opts.log.error({ err }, "hash bank scan failed; retrying on the next tick"));
  }, opts.pollMs ?? 2_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
