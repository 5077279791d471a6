// The worker registry: every background loop in one list, started and stopped together, a step of one run on demand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import type { Database } from "../../server/db/client.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { startWorkers, workerLoops } from "../../server/workers/registry.ts";
import { TEST_AUDIT_KEY } from "../support/audit.ts";
import { createTestDatabase } from "../support/db.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { TEST_KEY } from "../support/platform.ts";
import os from "node:os";
import path from "node:path";
import { createFsStore } from "../../server/media/store.ts";

describe("the worker registry", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const deps = (env: Record<string, string>, checkpointFile: string | null) => ({
    db,
    log: silentLogger,
    now: () => new Date(),
    config: loadConfig(env),
    auditSeal: { key: TEST_AUDIT_KEY, checkpointFile },
    webhookKey: TEST_KEY,
    mediaStore: createFsStore(path.join(os.tmpdir(), "vigil-registry-media")),
  });

  it("lists every background loop once; outbox delivery only with a webhook URL, checkpoints only with a file", () => {
    const all = workerLoops(
      deps({ VIGIL_PLATFORM_WEBHOOK_URL: "http://127.0.0.1:9/hooks" }, "/nonexistent/checkpoint.json"),
    ).map((l) => l.name);
    expect(all).toEqual([
      "outbox delivery",
      "invite worker pass",
      "scheduled restores",
      "pruning sign-in limits",
      "sending notices",
      "cameo action run",
      "media",
      "media retention",
      "hash index",
      "hash bank scan",
      "hash retro-scan",
      "audit checkpoint",
    ]);
    const bare = workerLoops(deps({}, null)).map((l) => l.name);
    expect(bare).toEqual(all.filter((n) => n !== "outbox delivery" && n !== "audit checkpoint"));
  });

  it("runs a step of a named loop on demand and stops every loop", async () => {
    const creator = await insertAccount(db);
    const post = await insertPost(db, creator.id);
    const workers = startWorkers(workerLoops(deps({}, null)), silentLogger);
    // The scan's first poll is seconds away: the step asked for is what scans the post.
    await workers.tick("hash bank scan");
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).hashScannedAt).not.toBeNull();
    expect(() => workers.tick("no such loop")).toThrow('No worker loop is named "no such loop"');
    await workers.stop();
  });
});
