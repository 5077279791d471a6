// Runs cameo actions that are too large to run within a request, and resumes any that a stopped server left
// mid-cascade. Several processes may run it: each chunk waits on the action's row lock, so none is done twice.
import type { Database } from "../../db/client.ts";
import type { Logger } from "../../lib/logger.ts";
import { startPoller, type Loop, type Poller } from "../../lib/poller.ts";
import { runCameoAction, runnableCameoActions } from "./run-action.ts";

type CameoLoopOptions = { db: Database; log: Logger; now: () => Date; pollMs?: number };

export function cameoActionLoop(opts: CameoLoopOptions): Loop {
  return {
    name: "cameo action run",
    pollMs: opts.pollMs ?? 1_000,
    async tick(isStopped) {
      for (const id of await runnableCameoActions(opts.db)) {
        if (isStopped()) return;
        const started = Date.now();
        const ran = await runCameoAction(opts.db, id, { now: opts.now });
        if (ran) opts.log.info({ actionId: id, durationMs: Date.now() - started }, "cameo action completed");
      }
    },
  };
}

export function startCameoActionWorker(opts: CameoLoopOptions): Poller {
  return startPoller(cameoActionLoop(opts), opts.log);
}
