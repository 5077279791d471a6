// The queue list: keyset pages cover every matching case exactly once, in order, for every sort and filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertCase } from "../support/fixtures.ts";

describe("case.list", () => {
  let db: Database;
  let moderator: SessionUser;
  let staff: SessionUser;
  const base = new Date("2026-02-01T00:00:00Z").getTime();

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    staff = await createStaff(db, "staff");
    // Ties on priority and on deadline (and missing deadlines) are where keyset pagination goes wrong.
    for (let i = 0; i < 37; i++) {
      await insertCase(db, {
        queue: "deepfake_report",
        priority: [90, 50, 50, 10][i % 4],
        createdAt: new Date(base + i * 60_000),
        deadlineAt: i % 5 === 0 ? null : new Date(base + (i % 3) * 3_600_000),
        category: i % 2 ? "deepfake_nonconsensual" : "impersonation",
        maxScore: (i % 10) / 10,
        hasCameo: i % 3 === 0,
        reporterCount: i % 4,
        prompt: i === 7 ? "A SENATOR dancing on a rooftop" : `generated clip number ${i}`,
      });
    }
    await insertCase(db, { queue: "deepfake_report", status: "resolved", priority: 99 });
    await insertCase(db, { queue: "takedown", priority: 70 });
  });
  afterAll(() => db.close());

  async function allPages(input: Record<string, unknown>, limit = 5) {
    const caller = callerFor(db, moderator);
    const ids: string[] = [];
    const rows: Awaited<ReturnType<typeof caller.case.list>>["items"] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await caller.case.list({ queue: "deepfake_report", ...input, limit, cursor });
      rows.push(...res.items);
      ids.push(...res.items.map((r) => r.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    return { ids, rows };
  }

  it.each(["priority", "oldest", "deadline"] as const)(
    "pages through every open case once, sorted by %s",
    async (sort) => {
      const { ids, rows } = await allPages({ sort });
      expect(ids).toHaveLength(37);
      expect(new Set(ids).size).toBe(37);
      const key = (r: (typeof rows)[number]) =>
        sort === "priority"
          ? [-r.priority, r.id]
          : sort === "oldest"
            ? [r.createdAt.getTime(), r.id]
            : [r.deadlineAt?.getTime() ?? Infinity, r.id];
      // Ties break by id: descending with the priority sort (both keys run one way), ascending otherwise.
      const idDirection = sort === "priority" ? -1 : 1;
      const sorted = [...rows].sort((a, b) => {
        const [ka, ia] = key(a);
        const [kb, ib] = key(b);
        return ka !== kb ? (ka as number) - (kb as number) : (String(ia) < String(ib) ? -1 : 1) * idDirection;
      });
      expect(ids).toEqual(sorted.map((r) => r.id));
    },
  );

  it("applies filters on the server", async () => {
    const cameo = await allPages({ hasCameo: true, minScore: 0.5 });
    expect(cameo.rows.length).toBeGreaterThan(0);
    for (const r of cameo.rows) {
      expect(r.hasCameo).toBe(true);
      expect(r.maxScore).toBeGreaterThanOrEqual(0.5);
    }
    const reporters = await allPages({ minReporters: 3, category: "deepfake_nonconsensual" });
    for (const r of reporters.rows) {
      expect(r.reporterCount).toBeGreaterThanOrEqual(3);
      expect(r.category).toBe("deepfake_nonconsensual");
    }
    const text = await allPages({ promptContains: "senator" });
    expect(text.rows.map((r) => r.prompt)).toEqual(["A SENATOR dancing on a rooftop"]);
    // Search text is literal: % and _ are not wildcards.
    expect((await allPages({ promptContains: "gen%clip" })).ids).toEqual([]);
    expect((await allPages({ promptContains: "number_1" })).ids).toEqual([]);
  });

  it("returns timestamps as the instants stored, whatever the server's time zone", async () => {
    const { rows } = await allPages({ sort: "oldest" });
    expect(rows[0]!.createdAt.toISOString()).toBe(new Date(base).toISOString());
    expect(rows[1]!.deadlineAt?.toISOString()).toBe(new Date(base + 3_600_000).toISOString());
  });

  it("leaves resolved cases out unless asked", async () => {
    const open = await allPages({});
    expect(open.rows.every((r) => r.status !== "resolved")).toBe(true);
    const resolved = await allPages({ status: ["resolved"] });
    expect(resolved.ids).toHaveLength(1);
  });

  it("keeps moderators out of staff-only queues", async () => {
    await expect(callerFor(db, moderator).case.list({ queue: "takedown" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const unfiltered = await callerFor(db, moderator).case.list({ limit: 200 });
    expect(unfiltered.items.some((r) => r.queue === "takedown")).toBe(false);
    const asStaff = await callerFor(db, staff).case.list({ queue: "takedown" });
    expect(asStaff.items).toHaveLength(1);
  });

  it("summarises each queue with its open count and oldest age", async () => {
    const now = new Date(base + 3_600_000 * 2);
    const queues = await callerFor(db, moderator, { now: () => now }).case.queues();
    const deepfake = queues.find((q) => q.queue === "deepfake_report");
    expect(deepfake).toMatchObject({ openCount: 37, oldestAgeSeconds: 7200 });
    expect(queues.some((q) => q.queue === "takedown")).toBe(false);
    const staffQueues = await callerFor(db, staff).case.queues();
    expect(staffQueues.find((q) => q.queue === "takedown")?.openCount).toBe(1);
  });
});
