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
    req: { requestId: "bench", ip: "127.0.0.1", userAgent: null, secure: false, getCookie: () => undefined, setCookie: () => {}, clearCookie: () => {} },
    user: { id: "00000000-0000-7000-8000-000000000001", email: "bench@vigil.test", displayName: "Bench", role, preferences: {} },
    sessionId: null,
    now: () => new Date(),
  };
  return createCallerFactory(appRouter)(context);
}
