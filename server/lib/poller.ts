// The one loop every background worker runs on: a tick every `pollMs`, never two at once, at once again when a
// tick says more work is waiting; a failed tick is logged and retried on the next one; `stop` waits for the tick
// in progress. `tick()` runs a step now (after the running one), so tests and callers need not wait for the timer.
import type { Logger } from "./logger.ts";

/** One step of a loop. `true` means work is left over: the next tick follows at once instead of after `pollMs`. */
export type Tick = (isStopped: () => boolean) => Promise<boolean | void>;

/** A background loop: what it is called, how often it ticks, and the step it takes. */
export interface Loop {
  /** names the loop in logs */
  name: string;
  pollMs: number;
  tick: Tick;
  /** run the first tick at once (work a stopped process left behind) instead of after `pollMs` */
  immediate?: boolean;
  /** after the last tick on stop: waits for work the loop runs beside its ticks */
  drain?: () => Promise<void>;
}

export interface Poller {
  /** runs one tick now, after the one in progress if any; resolves when it has finished (never rejects) */
  tick(): Promise<void>;
  /** stops polling and resolves once the tick in progress, if any, has finished */
  stop(): Promise<void>;
}

export function startPoller(loop: Loop, log: Logger): Poller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const isStopped = () => stopped;

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    timer = setTimeout(() => void runTick(), ms);
    timer.unref();
  };

  const step = async () => {
    let more = false;
    try {
      more = (await loop.tick(isStopped)) === true;
    } catch (err) {
      log.error({ err, loop: loop.name }, `${loop.name} failed; retrying on the next tick`);
    }
    running = null;
    schedule(more ? 0 : loop.pollMs);
  };

  const runTick = (): Promise<void> => {
    if (stopped) return running ?? Promise.resolve();
    if (running) {
      // Calls during a tick share one follow-up tick: what they wrote is seen by it, and nothing piles up.
      queued ??= running.then(() => {
        queued = null;
        return runTick();
      });
      return queued;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    running = step();
    return running;
  };

  if (loop.immediate) void runTick();
  else schedule(loop.pollMs);

  return {
    tick: runTick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await (queued ?? running);
      await loop.drain?.();
    },
  };
}
