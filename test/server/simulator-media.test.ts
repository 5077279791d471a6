// The simulator plays the platform's media host too: its posts carry URLs of real clips it serves, which Vigil's
// media worker fetches (from the allowed origin), stores and processes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { EventOf } from "../../server/contracts/platform-events.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { validateEventBatch } from "../../server/domain/ingest/validate-batch.ts";
import { processDueMedia } from "../../server/domain/media/jobs.ts";
import { parseMediaOrigins } from "../../server/media/origins.ts";
import { createFsStore } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { createTraffic } from "../../scripts/simulator/traffic.ts";
import { startMediaHost, type MediaHost } from "../../scripts/simulator/media-host.ts";
import { createTestDatabase } from "../support/db.ts";

describe("the simulator's media host", () => {
  let host: MediaHost;
  let db: Database;
  let storeDir: string;
  beforeAll(async () => {
    host = await startMediaHost({ port: 0, dir: path.join(os.tmpdir(), "vigil-test-simulator-clips") });
    db = await createTestDatabase();
    storeDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-sim-media-"));
  });
  afterAll(async () => {
    await host?.close();
    await db?.close();
    await fs.promises.rm(storeDir, { recursive: true, force: true });
  });

  it("sends posts with media URLs Vigil fetches and processes", async () => {
    const now = new Date();
    const traffic = createTraffic(3, { now: () => now, mediaUrl: host.urlFor });
    const events = traffic.take(400);
    const published = events.filter((e): e is EventOf<"post.published"> => e.type === "post.published");
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((e) => e.data.media?.url.startsWith(`${host.origin}/clips/`))).toBe(true);

    const batch = validateEventBatch({ events: events.slice(0, events.indexOf(published[0]!) + 1) }, now);
    if (!batch.ok) throw new Error(JSON.stringify(batch.problems));
    await ingestEvents(db, batch.events, { keyId: "sim", requestId: "sim-media", now });
    const result = await processDueMedia(
      db,
      {
        store: createFsStore(storeDir),
        origins: parseMediaOrigins(host.origin),
        limits: DEFAULT_MEDIA_LIMITS,
        fetchTimeoutMs: 30_000,
        fps: 1,
      },
      { now },
    );
    expect(result).toMatchObject({ claimed: 1, ready: 1 });
    const media = await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: published[0]!.data.id } });
    expect(media.status).toBe("ready");
  });

  it("answers 404 for anything but its clips", async () => {
    expect((await fetch(`${host.origin}/clips/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${host.origin}/other`)).status).toBe(404);
  });
});
