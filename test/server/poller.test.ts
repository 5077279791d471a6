// The one loop every background worker runs on: one tick at a time, stop waits for the tick in progress, a failed
// tick is logged and retried, and a tick that reports work left over is followed at once.
import { describe, expect, it } from "vitest";
import { startPoller, type Tick } from "../../server/lib/poller.ts";
import { capturedLogger } from "../support/captured-log.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const until = async (what: string, ok: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    expect(Date.now(), what).toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("the worker poller", () => {
  it("never runs two ticks at once, whether the timer or a caller asks", async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    const tick: Tick = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 15));
      running--;
      ticks++;
    };
    const { log } = capturedLogger();
    const poller = startPoller({ name: "test loop", pollMs: 1, tick }, log);
    await Promise.all([poller.tick(), poller.tick(), poller.tick()]);
    await until("the timer kept ticking", () => ticks >= 6);
    await poller.stop();
    expect(most).toBe(1);
  });

  it("runs a tick asked for during a tick after it, so the caller's writes are seen", async () => {
    const gate = deferred();
    const seen: number[] = [];
    let written = 0;
    const { log } = capturedLogger();
    const poller = startPoller(
      {
        name: "test loop",
        pollMs: 3_600_000,
        immediate: true,
        tick: async () => {
          const value = written;
          await gate.promise;
          seen.push(value);
        },
      },
      log,
    );
    written = 1;
    const asked = poller.tick();
    gate.resolve();
    await asked;
    expect(seen).toEqual([0, 1]);
    await poller.stop();
  });

  it("stop waits for the tick in progress and starts no other", async () => {
    const gate = deferred();
    let started = 0;
    let finished = false;
    const { log } = capturedLogger();
    const poller = startPoller(
      {
        name: "test loop",
        pollMs: 1,
        immediate: true,
        tick: async () => {
          started++;
          await gate.promise;
          finished = true;
        },
      },
      log,
    );
    let stopped = false;
    const stopping = poller.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(started).toBe(1);
    await poller.tick();
    expect(started).toBe(1);
  });

  it("logs a failed tick and tries again on the next one", async () => {
    let calls = 0;
    const { log, lines } = capturedLogger();
    const poller = startPoller(
      {
        name: "test loop",
        pollMs: 5,
        tick: async () => {
          calls++;
          if (calls === 1) throw new Error("the database went away");
        },
      },
      log,
    );
    await until("the tick was not retried", () => calls >= 2);
    await poller.stop();
    const failures = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; loop: string; err?: { message: string } })
      .filter((l) => l.level === 50);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      loop: "test loop",
      msg: "test loop failed; retrying on the next tick",
      err: { message: "the database went away" },
    });
  });

  it("follows a tick that reports work left over at once, and waits the poll interval after one that does not", async () => {
    let left = 3;
    let calls = 0;
    const { log } = capturedLogger();
    const poller = startPoller(
      {
        name: "test loop",
        pollMs: 3_600_000,
        immediate: true,
        tick: async () => {
          calls++;
          return --left > 0;
        },
      },
      log,
    );
    await until("the backlog was not worked off", () => calls >= 3);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(3);
    await poller.stop();
  });

  it("waits on stop for the work a loop runs beside its ticks", async () => {
    const beside = deferred();
    let drained = false;
    const { log } = capturedLogger();
    const poller = startPoller(
      {
        name: "test loop",
        pollMs: 3_600_000,
        tick: async () => {},
        drain: () => beside.promise.then(() => void (drained = true)),
      },
      log,
    );
    const stopping = poller.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(drained).toBe(false);
    beside.resolve();
    await stopping;
    expect(drained).toBe(true);
  });
});
