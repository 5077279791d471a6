// The real Express app on a free local port, for tests that speak HTTP to it.
import type { AddressInfo } from "node:net";
import type { Database } from "../../server/db/client.ts";
import { createApp, type AppOptions } from "../../server/http/app.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { afterAll, beforeAll } from "vitest";
import { TEST_KEYS } from "./platform.ts";
import { createTestDatabase } from "./db.ts";
import { UNTHROTTLED_LIMITS } from "./caller.ts";

export async function startTestApp(db: Database, overrides: Partial<AppOptions> = {}) {
  const app = createApp({
    db,
    auth: DEFAULT_AUTH_CONFIG,
    log: silentLogger,
    now: () => new Date(),
    clientDir: null,
    platformKeys: TEST_KEYS,
    ingestRequestsPerMinute: 100_000,
    limits: UNTHROTTLED_LIMITS,
    ...overrides,
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A fresh test database and the app serving it for the enclosing `describe`: the returned object's `db` and
 * `base` are set before the first test and closed after the last.
 */
export function useTestApp(overrides: Partial<AppOptions> = {}) {
  const ctx = {} as { db: Database; base: string };
  let app: Awaited<ReturnType<typeof startTestApp>> | undefined;
  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    app = await startTestApp(ctx.db, overrides);
    ctx.base = app.base;
  });
  afterAll(async () => {
    await app?.close();
    await ctx.db?.close();
  });
  return ctx;
}
