// The simulator against the real server, both ways, through nothing but the public contract: its traffic is
// accepted and folded into cases, and the decisions Vigil sends back reach its receiver through a flaky
// network, signed, once each and in order.
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../server/lib/logger.ts";
import { enqueueOutbox } from "../../server/domain/outbox/outbox.ts";
import { outboxEventForDecision } from "../../server/domain/outbox/decision-events.ts";
import { deliverDueEvents } from "../../server/domain/outbox/delivery.ts";
import { createTraffic, startReceiver, startSimulation } from "../../scripts/simulator/index.ts";
import { TEST_KEY, TEST_KEYS } from "../support/platform.ts";
import { useTestApp } from "../support/app-server.ts";

describe("platform simulator against Vigil", () => {
  const t = useTestApp();

  it(
    "streams traffic that Vigil accepts and folds; decisions come back to the receiver",
    { timeout: 90_000 },
    async () => {
      const traffic = createTraffic(7, { run: "e2e" });
      const sim = startSimulation({
        url: t.base,
        key: TEST_KEY,
        rate: 400,
        durationSeconds: 3,
        batchSize: 200,
        seed: 7,
        traffic,
        flushMs: 200,
      });
      const result = await sim.done;
      expect(result.generated).toBeGreaterThan(1_000);
      expect(sim.sender.stats).toMatchObject({ accepted: result.generated, duplicates: 0 });
      expect(await t.db.prisma.platformEvent.count()).toBe(result.generated);
      const signalTypes = ["flag.raised", "report.filed", "likeness.complaint.filed", "takedown.requested"];
      const signalEvents = signalTypes.reduce((n, t) => n + (traffic.byType[t] ?? 0), 0);
      expect(await t.db.prisma.signal.count()).toBe(signalEvents);
      expect(await t.db.prisma.case.count({ where: { status: "open" } })).toBeGreaterThan(0);

      // Decisions on some of the simulated posts, delivered while the receiver drops about a third of them.
      const receiver = await startReceiver({
        port: 0,
        host: "127.0.0.1",
        keys: TEST_KEYS,
        mode: "flaky",
        seed: 3,
        world: traffic.world,
      });
      try {
        const posts = await t.db.prisma.post.findMany({ take: 20, orderBy: { id: "asc" }, select: { id: true } });
        await t.db.prisma.$transaction(async (tx) => {
          for (const [i, post] of posts.entries()) {
            const held = await tx.decision.create({
              data: {
                type: "hold_post",
                subjectType: "post",
                postId: post.id,
                authority: "automated",
                reason: "pending review",
              },
            });
            const down = await tx.decision.create({
              data: {
                type: i % 2 ? "take_down_post" : "restore_post",
                subjectType: "post",
                postId: post.id,
                authority: "automated",
                reason: "reviewed",
              },
            });
            await enqueueOutbox(
              tx,
              [held, down].map((d) => outboxEventForDecision({ ...d, reason: d.reason })!),
              new Date(),
            );
          }
        });
        // A fake clock lets backoff pass at once.
        let clockMs = Date.now();
        for (
          let round = 0;
          round < 200 && (await t.db.prisma.outboxEvent.count({ where: { status: "pending" } })) > 0;
          round++
        ) {
          const now = () => new Date(clockMs);
          await deliverDueEvents({
            db: t.db,
            log: silentLogger,
            webhookUrl: receiver.url,
            key: TEST_KEY,
            now,
            policy: { baseMs: 10, maxMs: 50, maxAttempts: 50 },
          });
          clockMs += 1_000;
        }
        expect(await t.db.prisma.outboxEvent.count({ where: { status: "delivered" } })).toBe(40);
        expect(receiver.stats.refused).toBeGreaterThan(0);
        expect(receiver.stats.badSignature).toBe(0);
        expect(receiver.stats.acknowledged - receiver.stats.duplicates).toBe(40);
        expect(receiver.stats.orderingViolations).toEqual([]);
        expect(receiver.stats.byType["post.held"]).toBe(20);
      } finally {
        await receiver.close();
      }
    },
  );
});
