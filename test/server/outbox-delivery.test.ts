// Outbox delivery to the platform: signed, in order per subject, retried with backoff while the platform is
// down, dead-lettered (never dropped) after the last attempt, and never sent twice by concurrent workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { enqueueOutbox, retryDelayMs, type OutboxInput } from "../../server/domain/outbox/outbox.ts";
import { deliverDueEvents, type DeliveryOptions } from "../../server/domain/outbox/delivery.ts";
import { createTestDatabase } from "../support/db.ts";
import { startReceiver } from "../support/webhook-receiver.ts";
import { TEST_KEY, TEST_KEYS } from "../support/platform.ts";

const clock = (start = Date.parse("2026-11-25T09:00:00Z")) => {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

function decisions(subjects: number, perSubject: number, prefix: string): OutboxInput[] {
  const out: OutboxInput[] = [];
  for (let n = 0; n < perSubject; n++) {
    for (let s = 0; s < subjects; s++) {
      out.push({
        type: n % 2 ? "post.restored" : "post.taken_down",
        subject: { type: "post", id: `${prefix}-${s}` },
        data: { step: n },
      });
    }
  }
  return out;
}

/** Per subject, the `step`s in the order they arrived. */
function arrivalOrder(received: { subject: { id: string }; data: Record<string, unknown> }[]) {
  const bySubject = new Map<string, number[]>();
  for (const r of received) bySubject.set(r.subject.id, [...(bySubject.get(r.subject.id) ?? []), Number(r.data.step)]);
  return bySubject;
}

describe("outbox delivery", () => {
  let db: Database;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startReceiver(TEST_KEYS);
  });
  afterAll(async () => {
    await receiver.close();
    await db.close();
  });

  const options = (c: ReturnType<typeof clock>, extra: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
    db,
    log: silentLogger,
    webhookUrl: receiver.url,
    key: TEST_KEY,
    now: c.now,
    requestTimeoutMs: 2_000,
    ...extra,
  });

  it("backs off exponentially with jitter, capped", () => {
    const policy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 10 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(retryDelayMs(4, policy, () => 0)).toBe(4_000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(60_000);
  });

  it("delivers signed events; the platform's 2xx marks them delivered and audited", async () => {
    const c = clock();
    receiver.received.length = 0;
    await db.prisma.$transaction((tx) => enqueueOutbox(tx, decisions(3, 1, "ok"), c.now()));
    const round = await deliverDueEvents(options(c));
    expect(round).toEqual({ attempted: 3, delivered: 3 });
    expect(receiver.state.badSignatures).toBe(0);
    expect(receiver.received.map((r) => r.type)).toEqual(["post.taken_down", "post.taken_down", "post.taken_down"]);
    expect(
      await db.prisma.outboxEvent.count({ where: { subjectKey: { startsWith: "post:ok-" }, status: "delivered" } }),
    ).toBe(3);
    const ids = receiver.received.map((r) => r.id);
    expect(await db.prisma.auditLog.count({ where: { action: "outbox.delivered", subjectId: { in: ids } } })).toBe(3);
  });

  it("while the platform is down nothing is lost; when it is back everything arrives, in order per subject", async () => {
    const c = clock();
    receiver.received.length = 0;
    receiver.state.up = false;
    const events = decisions(5, 4, "down");
    await db.prisma.$transaction((tx) => enqueueOutbox(tx, events, c.now()));

    // Ten minutes of outage: only the head of each subject is tried, and it keeps failing.
    for (let i = 0; i < 10; i++) {
      await deliverDueEvents(options(c));
      c.advance(60_000);
    }
    expect(receiver.received).toHaveLength(0);
    const waiting = await db.prisma.outboxEvent.findMany({ where: { subjectKey: { startsWith: "post:down-" } } });
    expect(waiting.every((e) => e.status === "pending")).toBe(true);
    expect(waiting.filter((e) => e.attempts > 0)).toHaveLength(5);
    expect(waiting.find((e) => e.attempts > 0)?.lastError).toContain("HTTP 503");

    receiver.state.up = true;
    for (let i = 0; i < 40 && receiver.received.length < events.length; i++) {
      await deliverDueEvents(options(c));
      c.advance(11 * 60_000);
    }
    expect(receiver.received).toHaveLength(events.length);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(events.length);
    for (const [, steps] of arrivalOrder(receiver.received)) expect(steps).toEqual([0, 1, 2, 3]);
  });

  it("dead-letters after the last attempt, keeps the row, and an admin retry sends it", async () => {
    const c = clock();
    receiver.received.length = 0;
    receiver.state.up = false;
    await db.prisma.$transaction((tx) => enqueueOutbox(tx, decisions(1, 1, "dead"), c.now()));
    const policy = { baseMs: 1_000, maxMs: 5_000, maxAttempts: 3 };
    for (let i = 0; i < 5; i++) {
      await deliverDueEvents(options(c, { policy }));
      c.advance(10_000);
    }
    const dead = await db.prisma.outboxEvent.findFirstOrThrow({ where: { subjectKey: "post:dead-0" } });
    expect(dead).toMatchObject({ status: "dead", attempts: 3 });
    expect(dead.lastError).toContain("503");
    expect(await db.prisma.auditLog.count({ where: { action: "outbox.dead_lettered", subjectId: dead.id } })).toBe(1);

    receiver.state.up = true;
    const { callerFor } = await import("../support/caller.ts");
    const { createStaff } = await import("../support/staff.ts");
    const admin = await createStaff(db, "admin");
    const listed = await callerFor(db, admin, { now: c.now }).outbox.list({ status: "dead" });
    expect(listed.items.map((i) => i.id)).toContain(dead.id);
    expect(await callerFor(db, admin, { now: c.now }).outbox.retry({ ids: [dead.id] })).toEqual({ retried: 1 });
    await deliverDueEvents(options(c, { policy }));
    expect(receiver.received.map((r) => r.id)).toEqual([dead.id]);
  });

  it("a slow platform does not get the same event twice from concurrent workers", async () => {
    const c = clock();
    receiver.received.length = 0;
    receiver.state.up = true;
    receiver.state.delayMs = 20;
    const events = decisions(10, 3, "race");
    await db.prisma.$transaction((tx) => enqueueOutbox(tx, events, c.now()));
    const worker = async () => {
      for (let i = 0; i < 30; i++) await deliverDueEvents(options(c, { batchSize: 4 }));
    };
    await Promise.all([worker(), worker(), worker()]);
    receiver.state.delayMs = 0;
    const raceIds = receiver.received.filter((r) => r.subject.id.startsWith("race-")).map((r) => r.id);
    expect(raceIds).toHaveLength(events.length);
    expect(new Set(raceIds).size).toBe(events.length);
    for (const [, steps] of arrivalOrder(receiver.received)) expect(steps).toEqual([0, 1, 2]);
  });
});
