// Runs cameo actions that are too large to run within a request, and resumes any that a stopped server left
// mid-cascade. Several servers may run it: each chunk waits on the action's row lock, so none is done twice.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { runCameoAction, runnableCameoActions } from "./run-action.ts";

export interface CameoActionWorker {
  stop(): Promise<void>;
}

export function startCameoActionWorker(opts: { db: Database; log: Logger; now: () => Date; pollMs?: number }): CameoActionWorker {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    for (const id of await runnableCameoActions(opts.db)) {
      if (stopped) return;
      const started = Date.now();
      const ran = await runCameoAction(opts.db, id, { now: opts.now });
      if (ran) opts.log.info({ actionId: id, durationMs: Date.now() - started }, "cameo action completed");
    }
  };
  const timer = setInterval(() => {
    current = current.then(tick).catch((err) => opts.log.error({ err }, "cameo action run failed; retrying on the next tick"));
  }, opts.pollMs ?? 1_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
