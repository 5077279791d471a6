// The ambient clock of a test process. Code under test takes an injected `now`, and tests pass one; what is left
// (defaults, fixtures, timestamps a library takes) reads `Date`, which here starts at a fixed instant and runs
// at real speed. So no test depends on the calendar or the time of day, and CI runs the PostgreSQL pass with a
// later epoch (VIGIL_TEST_EPOCH) to catch a test whose fixed clock meets the ambient one.
export const DEFAULT_TEST_EPOCH = "2026-12-01T10:00:00.000Z";

// A process keeps the real Date under this key, so installing again (each test file's setup) does not stack offsets.
const REAL_DATE = Symbol.for("vigil.test.realDate");
const store = globalThis as unknown as Record<symbol, DateConstructor | undefined>;
const RealDate: DateConstructor = (store[REAL_DATE] ??= Date);

const clock = { offsetMs: 0, heldAt: null as number | null };
const now = () => clock.heldAt ?? RealDate.now() + clock.offsetMs;

/** Replaces the global Date with one `offsetMs` ahead of the real clock; every Date it makes is a native Date. */
export function shiftDate(offsetMs: number): void {
  if (!Number.isFinite(offsetMs)) throw new Error(`clock offset must be a number of milliseconds, got ${offsetMs}`);
  clock.offsetMs = offsetMs;
  clock.heldAt = null;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, prop, receiver) {
      if (prop === "now") return now;
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Starts this process's clock at the test epoch; returns the offset child processes need to share it. */
export function installTestClock(epoch = process.env.VIGIL_TEST_EPOCH ?? DEFAULT_TEST_EPOCH): number {
  const start = RealDate.parse(epoch);
  if (Number.isNaN(start)) throw new Error(`VIGIL_TEST_EPOCH is not a date: ${epoch}`);
  const offsetMs = start - RealDate.now();
  shiftDate(offsetMs);
  process.env.VIGIL_TEST_CLOCK_OFFSET_MS = String(offsetMs);
  return offsetMs;
}

/**
 * Stops the ambient clock (for a test that shows times relative to now: "in 5m" must not turn into "in 4m" on a
 * busy machine between writing the data and reading the page). Returns the instant it stands at.
 */
export function holdClock(at: Date = new Date()): Date {
  clock.heldAt = at.getTime();
  return new RealDate(clock.heldAt);
}

/** Lets the ambient clock run again from where it was held. */
export function releaseClock(): void {
  if (clock.heldAt === null) return;
  clock.offsetMs = clock.heldAt - RealDate.now();
  clock.heldAt = null;
}
