// A web process and a worker process on one PostgreSQL: the web process serves the console and the platform API
// but runs no background loop; the worker serves no HTTP and does the background work for both: it delivers a
// decision made through the web process, matches a post ingested there against the hash bank, and runs a cameo
// cascade. (PGlite is one process's database, so this test always runs on PostgreSQL.)
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import type { Database } from "../../server/db/client.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { callerFor } from "../support/caller.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { insertAccount, insertCameo, insertCameoPosts, insertGrant, violenceTakeDown } from "../support/fixtures.ts";
import { postEvents, TEST_KEY, TEST_KEYS } from "../support/platform.ts";
import { freePort, startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { startReceiver } from "../support/webhook-receiver.ts";

const hex = () => crypto.randomBytes(32).toString("hex");

function published(postId: string, creatorId: string, contentHash: string): PlatformEvent {
  const at = new Date().toISOString();
  return {
    id: `evt_${postId}`,
    type: "post.published",
    occurredAt: at,
    data: {
      id: postId,
      creatorId,
      prompt: `clip ${postId}`,
      durationMs: 8_000,
      contentHash,
      keyframes: [{ index: 0, atMs: 0, phash: hex() }],
      cameoIds: [],
      hasC2pa: false,
      hasWatermark: false,
      viewCount: 10,
      remixCount: 0,
      createdAt: at,
    },
  };
}

async function waitFor(what: string, done: () => Promise<boolean>) {
  // Several processes share a loaded machine: generous, but a worker that does nothing still fails.
  const deadline = Date.now() + 90_000;
  while (!(await done())) {
    expect(Date.now(), what).toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a web process and a worker process on PostgreSQL", () => {
  let db: Database;
  let url: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    ({ db, url } = await createSharedPostgresDatabase("roles", { seedReference: true }));
    receiver = await startReceiver(TEST_KEYS);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await receiver?.close();
    await db?.close();
  });

  it(
    "the worker delivers, scans and cascades what the web process recorded, and the web process does none of it",
    { timeout: 240_000 },
    async () => {
      const env = {
        DATABASE_URL: url,
        VIGIL_PLATFORM_KEYS: `${TEST_KEY.id}:${TEST_KEY.secret}`,
        VIGIL_PLATFORM_WEBHOOK_URL: receiver.url,
        VIGIL_OUTBOX_POLL_MS: "20",
      };
      const staff = await createStaff(db, "staff", "Lee Counsel");
      const moderator = await createStaff(db, "moderator", "Mo Review");
      const policyId = (await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } })).id;

      // In the hash bank: a post taken down for violence.
      const creatorId = `wr_creator_${crypto.randomBytes(3).toString("hex")}`;
      const contentHash = hex();
      const original = `wr_original_${crypto.randomBytes(3).toString("hex")}`;
      const at = new Date().toISOString();
      await ingestEvents(
        db,
        [
          {
            id: `evt_${creatorId}`,
            type: "account.upserted",
            occurredAt: at,
            data: { id: creatorId, handle: creatorId, displayName: "Creator", createdAt: at },
          },
          published(original, creatorId, contentHash),
        ],
        { keyId: TEST_KEY.id, requestId: "test", now: new Date() },
      );
      await scanNewPosts(db, { now: new Date() });
      const removedCase = await db.prisma.case.create({
        data: {
          queue: "user_report",
          subjectType: "post",
          subjectKey: `post:${original}`,
          postId: original,
          category: "violence",
        },
      });
      await callerFor(db, moderator, { now: () => new Date() }).case.decide({
        caseId: removedCase.id,
        expectedVersion: removedCase.version,
        policyId,
        ...violenceTakeDown(),
      });

      // A cameo with two grants: one revoked through the console, one whose approved cascade waits for a worker.
      const owner = await insertAccount(db);
      const cameo = await insertCameo(db, owner.id);
      const revokedInConsole = await insertGrant(db, cameo.id, (await insertAccount(db)).id);
      await insertCameoPosts(db, revokedInConsole.granteeId, cameo.id, 2);
      const cascaded = await insertGrant(db, cameo.id, (await insertAccount(db)).id);
      const cascadedPosts = await insertCameoPosts(db, cascaded.granteeId, cameo.id, 30);
      const cascade = await db.prisma.cameoAction.create({
        data: {
          kind: "revoke_grant",
          status: "approved",
          cameoId: cameo.id,
          grantId: cascaded.id,
          mode: "take_down",
          policyId,
          reason: "Misuse",
          batchId: crypto.randomUUID(),
          postCount: 30,
          needsApproval: false,
          requestedById: staff.id,
          requestedAt: new Date(),
        },
      });

      const web = await startServerProcess({ ...env, VIGIL_ROLE: "web" });
      processes.push(web);
      const cookie = `vigil_session=${await sessionTokenFor(db, staff)}`;
      const revoked = await fetch(`${web.url}/trpc/cameo.revokeGrant`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({
          grantId: revokedInConsole.id,
          mode: "take_down",
          policyId,
          reason: "The owner withdrew consent",
        }),
      });
      expect(revoked.status).toBe(200);
      expect(((await revoked.json()) as { result: { data: { status: string } } }).result.data.status).toBe("completed");
      const copy = `wr_copy_${crypto.randomBytes(3).toString("hex")}`;
      const ingested = await postEvents(web.url, { events: [published(copy, creatorId, contentHash)] });
      expect(ingested.status).toBe(200);

      // The web process alone leaves it all waiting, however many of its outbox polls go by.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(receiver.received).toEqual([]);
      expect(await db.prisma.outboxEvent.count({ where: { status: "delivered" } })).toBe(0);
      expect(await db.prisma.signal.count({ where: { postId: copy, model: "hash_bank" } })).toBe(0);
      expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: cascade.id } })).toMatchObject({
        status: "approved",
        processedCount: 0,
      });
      expect(await db.prisma.auditVerification.count()).toBe(0);

      const workerPort = await freePort();
      const worker = await startServerProcess({ ...env, VIGIL_ROLE: "worker" }, workerPort);
      processes.push(worker);
      // It serves no HTTP.
      await expect(fetch(`http://127.0.0.1:${workerPort}/healthz`)).rejects.toThrow();

      await waitFor(
        "the cameo cascade did not complete",
        async () =>
          (await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: cascade.id } })).status === "completed",
      );
      expect(await db.prisma.post.count({ where: { id: { in: cascadedPosts }, visibility: "taken_down" } })).toBe(30);
      await waitFor(
        "the copy was not matched against the hash bank",
        async () => (await db.prisma.signal.count({ where: { postId: copy, model: "hash_bank" } })) === 1,
      );
      await waitFor(
        "the outbox was not delivered",
        async () => (await db.prisma.outboxEvent.count({ where: { status: { not: "delivered" } } })) === 0,
      );
      // Every event arrived (a request that timed out on a busy machine may arrive twice; the platform dedupes by id),
      // among them the console's revocation made through the web process: the grant and its two posts.
      const events = await db.prisma.outboxEvent.findMany({ select: { id: true, type: true } });
      expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set(events.map((e) => e.id)));
      expect(new Set(receiver.received.filter((r) => r.subject.id === revokedInConsole.id).map((r) => r.type))).toEqual(
        new Set(["cameo.grant.revoked"]),
      );
      expect(events.filter((e) => e.type === "post.taken_down")).toHaveLength(1 + 2 + 30);
      // Every delivery came from the worker: the web process sent nothing.
      expect(new Set(receiver.received.map((r) => r.agent)).size).toBe(1);

      // The audit chain's head is checkpointed by the worker too (under its advisory lock), and no loop failed.
      await waitFor(
        "the audit chain was not checkpointed",
        async () => (await db.prisma.auditVerification.count({ where: { held: true } })) > 0,
      );
      expect(worker.output()).not.toContain("failed; retrying");

      // SIGTERM: it finishes the loops' current steps and exits cleanly.
      expect(await worker.stop()).toBe(0);
      processes.splice(processes.indexOf(worker), 1);
    },
  );
});
