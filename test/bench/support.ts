import type { Database } from "../../server/db/client.ts";
import { appRouter } from "../../server/router.ts";
import { createCallerFactory, type Context } from "../../server/trpc.ts";
import { DEFAULT_AUTH_CONFIG, DEFAULT_REQUEST_LIMITS } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import type { StaffRole } from "../../server/db/generated/enums.ts";

export interface BenchContext {
  db: Database;
  log(message: string): void;
}

export interface BenchResult {
  value: number;
  baseline?: number;
}

export interface Measure {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

export interface BenchModule {
  measures: Measure[];
}

/** Median wall time of `fn` in milliseconds, after warm-up runs. */
export async function medianMs(fn: () => Promise<unknown>, runs = 30, warmup = 5): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** p95 wall time of `fn` in milliseconds over `runs` calls, after warm-up runs; `fn` gets the run's index. */
export async function p95Ms(fn: (i: number) => Promise<unknown>, runs = 200, warmup = 20): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.95)]!;
}

/**
 * A quantile (the median unless told) of a measured path's and of its baseline's wall times in milliseconds, their
 * calls alternating, so that load from elsewhere on the machine falls on both alike.
 */
export async function pairedMs(
  value: (i: number) => Promise<unknown>,
  baseline: (i: number) => Promise<unknown>,
  { runs = 30, warmup = 5, quantile = 0.5 }: { runs?: number; warmup?: number; quantile?: number } = {},
): Promise<{ value: number; baseline: number }> {
  for (let i = 0; i < warmup; i++) {
    await baseline(i);
    await value(i);
  }
  const times = { value: [] as number[], baseline: [] as number[] };
  const timed = async (which: "value" | "baseline", fn: (i: number) => Promise<unknown>, i: number) => {
    const t = performance.now();
    await fn(i);
    times[which].push(performance.now() - t);
  };
  for (let i = 0; i < runs; i++) {
    // each goes first in every other round
    if (i % 2) await timed("value", value, i).then(() => timed("baseline", baseline, i));
    else await timed("baseline", baseline, i).then(() => timed("value", value, i));
  }
  const at = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length * quantile)]!;
  return { value: at(times.value), baseline: at(times.baseline) };
}

/** p95 of a measured path and of its baseline over 200 alternating calls each. */
export const pairedP95Ms = (value: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>) =>
  pairedMs(value, baseline, { runs: 200, warmup: 20, quantile: 0.95 });

/**
 * The content rule for a role whose closed queues are `closed`, written by hand for the baselines (table alias
 * `c`): the case was not opened in a closed queue, and its post has no case opened in one and, when takedowns are
 * closed, no takedown request. A baseline for a role's list must leave out what the role may not see, or it
 * answers a different question.
 */
export function handVisibleCaseSql(closed: readonly string[]): string {
  if (closed.length === 0) return "TRUE";
  const queues = `ARRAY[${closed.map((q) => `'${q}'`).join(", ")}]::"QueueKind"[]`;
  const byRequest = closed.includes("takedown")
    ? `AND NOT EXISTS (SELECT 1 FROM "TakedownRequestPost" t WHERE t."postId" = c."postId")`
    : "";
  return `COALESCE(c."escalatedFrom", c."queue") <> ALL (${queues})
      AND (c."postId" IS NULL OR (NOT EXISTS (SELECT 1 FROM "Case" o WHERE o."postId" = c."postId"
                                   AND (o."escalatedFrom" = ANY (${queues}) OR (o."escalatedFrom" IS NULL AND o."queue" = ANY (${queues}))))
                                 ${byRequest}))`;
}

/** Fails the measure when the measured path and its baseline do not return the same rows in the same order. */
export function assertSameIds(
  what: string,
  measured: readonly { id: string }[],
  baseline: readonly { id: string }[],
): void {
  const a = measured.map((r) => r.id.toLowerCase()).join(",");
  const b = baseline.map((r) => r.id.toLowerCase()).join(",");
  if (a !== b)
    throw new Error(
      `${what}: the baseline returns other rows than the measured path (${baseline.length} against ${measured.length})`,
    );
}

/** Makes sure the bench database holds at least `posts` posts (scale seed), so measures run on real volume. */
export async function ensureScale(ctx: BenchContext, posts: number): Promise<void> {
  const have = await ctx.db.prisma.post.count();
  if (have >= posts) return;
  const { seedScale } = await import("../../prisma/seed/scale.ts");
  ctx.log(`bench: seeding ${posts - have} posts (once; the bench database keeps them)`);
  let last = 0;
  await seedScale(ctx.db, {
    posts: posts - have,
    onProgress(done, total) {
      const pct = Math.floor((done / total) * 10);
      if (pct > last) {
        last = pct;
        ctx.log(`bench: seeded ${done}/${total}`);
      }
    },
  });
}

/** The real tRPC router as a signed-in staff member of `role` (authorization and input validation included). */
export function benchCaller(ctx: BenchContext, role: StaffRole) {
  const context: Context = {
    db: ctx.db,
    auth: DEFAULT_AUTH_CONFIG,
    limits: DEFAULT_REQUEST_LIMITS,
    log: silentLogger,
    req: {
      requestId: "bench",
      ip: "127.0.0.1",
      userAgent: null,
      secure: false,
      getCookie: () => undefined,
      setCookie: () => {},
      clearCookie: () => {},
    },
    user: {
      id: "00000000-0000-7000-8000-000000000001",
      email: "bench@vigil.test",
      displayName: "Bench",
      role,
      preferences: {},
    },
    sessionId: null,
    now: () => new Date(),
  };
  return createCallerFactory(appRouter)(context);
}

const seeding = new Map<string, Promise<void>>();

/**
 * Runs a seed once per bench run however many measures ask for it. A seed checks for itself whether the bench
 * database already holds its rows (kept between runs) and writes them only when it does not.
 */
export function seedOnce(name: string, seed: () => Promise<void>): Promise<void> {
  let running = seeding.get(name);
  if (!running) seeding.set(name, (running = seed()));
  return running;
}
