// A background loop for a worker: runs `tick` every `pollMs`, never two ticks at once, logs a failed tick and tries
// again on the next one; `stop` waits for the tick in progress.
import type { Logger } from "./logger.ts";

export interface Poller {
  stop(): Promise<void>;
}

export function startPoller(opts: { pollMs: number; log: Logger; what: string; tick: (isStopped: () => boolean) => Promise<void> }): Poller {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const isStopped = () => stopped;
  const timer = setInterval(() => {
    current = current.then(() => opts.tick(isStopped)).catch((err) => opts.log.error({ err }, `${opts.what} failed; retrying on the next tick`));
  }, opts.pollMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
