// One simulation run: generate events at the chosen rate and hand them to the sender in batches. Batches go out
// one at a time; while one is being retried nothing new is sent, and the backlog is sent afterwards at full speed,
// so the average rate holds and no event overtakes one it depends on.
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import type { PlatformKey } from "../../server/platform/signature.ts";
import type { MatchCheck } from "./match-check.ts";
import { createSender, sleep, type Sender, type SenderOptions } from "./sender.ts";
import { createTraffic, type Traffic } from "./traffic.ts";

export interface SimulationOptions {
  url: string;
  key: PlatformKey;
  /** events per second */
  rate: number;
  /** seconds; 0 = until `stop` is aborted */
  durationSeconds: number;
  /** most events per request */
  batchSize: number;
  seed: number;
  run?: string;
  /** an existing generator, e.g. one whose world a webhook receiver is updating */
  traffic?: Traffic;
  /** stop generating, send what is left, then resolve */
  stop?: AbortSignal;
  /** give up at once, even mid-retry */
  abort?: AbortSignal;
  /** a batch is sent when it is full or when its oldest event has waited this long */
  flushMs?: number;
  sender?: Partial<Omit<SenderOptions, "url" | "key" | "signal">>;
  /** looks each upload up with Vigil's match API before it is posted; refused uploads are never sent */
  matchCheck?: MatchCheck;
}

export interface Simulation {
  readonly traffic: Traffic;
  readonly sender: Sender;
  /** resolves when the run has ended and every generated event has been taken by Vigil */
  readonly done: Promise<SimulationResult>;
}

export interface SimulationResult {
  generated: number;
  /** uploads the match check kept off the platform (not sent) */
  refused: number;
  elapsedMs: number;
  stoppedEarly: boolean;
}

const MAX_BACKLOG = 50_000;

export function startSimulation(options: SimulationOptions): Simulation {
  const traffic = options.traffic ?? createTraffic(options.seed, { run: options.run });
  const sender = createSender({ ...options.sender, url: options.url, key: options.key, signal: options.abort });
  const flushMs = options.flushMs ?? 1_000;
  const durationMs = options.durationSeconds * 1000;
  const started = Date.now();
  const signals = [options.stop, options.abort].filter((s): s is AbortSignal => !!s);
  const wakeSignal = signals.length > 0 ? AbortSignal.any(signals) : undefined;

  const loop = async (): Promise<SimulationResult> => {
    const backlog: ReturnType<Traffic["next"]>[] = [];
    let generated = 0;
    let lastSend = Date.now();
    for (;;) {
      const elapsed = Date.now() - started;
      const ended = options.stop?.aborted || (durationMs > 0 && elapsed >= durationMs);
      const due = Math.floor((options.rate * (durationMs > 0 ? Math.min(elapsed, durationMs) : elapsed)) / 1000);
      while (!options.stop?.aborted && generated < due && backlog.length < MAX_BACKLOG) {
        const event = traffic.next();
        generated++;
        if (!options.matchCheck || (await screenUpload(traffic, options.matchCheck, event))) backlog.push(event);
      }
      const full = backlog.length >= options.batchSize;
      if (backlog.length > 0 && (full || ended || Date.now() - lastSend >= flushMs)) {
        await sender.send(backlog.splice(0, options.batchSize));
        lastSend = Date.now();
        continue;
      }
      if (ended && backlog.length === 0) {
        return {
          generated,
          refused: (options.matchCheck?.stats.refused ?? 0) + (options.matchCheck?.stats.held ?? 0),
          elapsedMs: Date.now() - started,
          stoppedEarly: !!options.stop?.aborted && (durationMs === 0 || elapsed < durationMs),
        };
      }
      const nextEventAt = started + ((generated + 1) * 1000) / options.rate;
      const wake = Math.min(
        nextEventAt,
        backlog.length > 0 ? lastSend + flushMs : Infinity,
        durationMs > 0 ? started + durationMs : Infinity,
      );
      await waitUntil(wake, wakeSignal, options.abort);
    }
  };

  return { traffic, sender, done: loop() };
}

/**
 * The platform's check before an upload goes out: true when the event may be sent. An upload whose file a bank
 * takes down or holds is refused here, and the generator forgets the post; any other event passes unchecked.
 */
export async function screenUpload(traffic: Traffic, check: MatchCheck, event: PlatformEvent): Promise<boolean> {
  if (event.type !== "post.published") return true;
  const verdict = await check.check(event.data);
  if (verdict !== "refused" && verdict !== "held") return true;
  traffic.refuse(event.data.id);
  return false;
}

/** Sleeps until `at` (a quarter second at most), or until the run is told to stop, whichever is first. */
async function waitUntil(at: number, wake?: AbortSignal, abort?: AbortSignal): Promise<void> {
  try {
    await sleep(Math.max(1, Math.min(250, at - Date.now())), wake);
  } catch (err) {
    if (abort?.aborted) throw err;
  }
}
