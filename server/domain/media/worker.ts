// The media worker's loops: due fetch-and-process jobs (one batch per tick, the next at once while there are more)
// and the retention purge.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import type { Loop } from "../../lib/poller.ts";
import type { MediaStore } from "../../media/store.ts";
import { processDueMedia, type MediaServices } from "./jobs.ts";
import { purgeExpiredMedia } from "./retention.ts";

export function mediaLoop(opts: { db: Database; log: Logger; now: () => Date; services: MediaServices }): Loop {
  return {
    name: "media",
    pollMs: 1_000,
    async tick() {
      const result = await processDueMedia(opts.db, opts.services, { now: opts.now() });
      if (result.failed) opts.log.warn(result, "media that could not be fetched or processed");
      return result.claimed > 0;
    },
  };
}

export function mediaPurgeLoop(opts: {
  db: Database;
  log: Logger;
  now: () => Date;
  store: MediaStore;
  retentionDays: number;
}): Loop {
  return {
    name: "media retention",
    pollMs: 60 * 60_000,
    async tick() {
      const purged = await purgeExpiredMedia(opts.db, opts.store, {
        now: opts.now(),
        retentionDays: opts.retentionDays,
      });
      if (purged) opts.log.info({ purged }, "media past its retention period deleted");
      return purged > 0;
    },
  };
}
