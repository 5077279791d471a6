// What every traffic module shares: the world, the seeded randomness, the clock and the event queue.
import type { EventOf, PlatformEvent, PlatformEventType } from "../../server/contracts/platform-events.ts";
import type { Rng } from "./random.ts";
import type { World } from "./world.ts";

export class TrafficContext {
  /** events built but not yet handed out, in the order they must reach Vigil */
  readonly queue: PlatformEvent[] = [];
  private eventSeq = 0;
  private readonly entitySeq = new Map<string, number>();

  constructor(
    readonly rng: Rng,
    readonly world: World,
    readonly now: () => Date,
    /** prefix of every id this run creates, e.g. "sim-1" */
    readonly prefix: string,
    /** appended to handles so separate runs never claim the same handle */
    readonly handleSuffix: string,
    /** where a post's file is, by post number; none: posts carry no media */
    readonly mediaUrl?: (postNumber: number) => string,
  ) {}

  /** A new platform id for an entity kind, e.g. "a" (account) → "sim-1-a7". */
  newId(kind: string): string {
    const n = (this.entitySeq.get(kind) ?? 0) + 1;
    this.entitySeq.set(kind, n);
    return `${this.prefix}-${kind}${n}`;
  }

  count(kind: string): number {
    return this.entitySeq.get(kind) ?? 0;
  }

  emit<T extends PlatformEventType>(type: T, data: EventOf<T>["data"]): void {
    this.eventSeq++;
    const event = { id: `${this.prefix}-e${this.eventSeq}`, type, occurredAt: this.iso(), data };
    this.queue.push(event as PlatformEvent);
  }

  iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }
}
