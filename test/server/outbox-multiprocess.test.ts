// Two server processes on one PostgreSQL deliver the outbox together: every event exactly once, in order per
// subject. (PGlite is one process's database, so this test always runs on PostgreSQL.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { enqueueOutbox, type OutboxInput } from "../../server/domain/outbox/outbox.ts";
import { startReceiver } from "../support/webhook-receiver.ts";
import { createSharedPostgresDatabase } from "../support/db.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { TEST_KEY, TEST_KEYS } from "../support/platform.ts";

describe("outbox with two server processes on PostgreSQL", () => {
  let db: Database;
  let url: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ db, url } = await createSharedPostgresDatabase("outbox"));
    receiver = await startReceiver(TEST_KEYS);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await receiver?.close();
    await db?.close();
  });

  it("never delivers the same event twice and keeps each subject's order", { timeout: 120_000 }, async () => {
    const events: OutboxInput[] = [];
    for (let step = 0; step < 6; step++) {
      for (let s = 0; s < 50; s++)
        events.push({ type: "post.held", subject: { type: "post", id: `mp-${s}` }, data: { step } });
    }
    await db.prisma.$transaction((tx) => enqueueOutbox(tx, events, new Date()));
    receiver.state.delayMs = 5;

    const env = {
      DATABASE_URL: url,
      VIGIL_PLATFORM_KEYS: `${TEST_KEY.id}:${TEST_KEY.secret}`,
      VIGIL_PLATFORM_WEBHOOK_URL: receiver.url,
      VIGIL_OUTBOX_POLL_MS: "20",
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));

    const deadline = Date.now() + 90_000;
    while ((await db.prisma.outboxEvent.count({ where: { status: { not: "delivered" } } })) > 0) {
      expect(Date.now(), "deliveries did not finish").toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(events.length);
    // A request that timed out on a busy machine may have reached the platform anyway and is sent again (the
    // platform dedupes by id). Anything else received twice was sent by two workers at once.
    const rows = await db.prisma.outboxEvent.findMany({ select: { id: true, attempts: true } });
    const attempts = new Map(rows.map((r) => [r.id, r.attempts]));
    const firstArrivals = receiver.received.filter((r, i) => receiver.received.findIndex((o) => o.id === r.id) === i);
    const resent = receiver.received.filter((r, i) => receiver.received.findIndex((o) => o.id === r.id) !== i);
    for (const r of resent)
      expect(attempts.get(r.id), `event ${r.id} was sent twice without a failed attempt`).toBeGreaterThan(1);
    const steps = new Map<string, number[]>();
    for (const r of firstArrivals) steps.set(r.subject.id, [...(steps.get(r.subject.id) ?? []), Number(r.data.step)]);
    for (const [, order] of steps) expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    // Both processes took part: the guarantee held while they competed for the same rows.
    expect(new Set(receiver.received.map((r) => r.agent)).size).toBe(2);
  });
});
