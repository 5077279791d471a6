// Queue health: per UTC day, what came in, what went out, what was left open and which deadlines were met.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertCase } from "../support/fixtures.ts";

const at = (iso: string) => new Date(`${iso}Z`);
const NOW = at("2026-03-10T12:00:00");

describe("case.queueHealth", () => {
  let db: Database;
  let moderator: SessionUser;
  let staff: SessionUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    staff = await createStaff(db, "staff");
    const queue = "deepfake_report";
    // Resolved within its deadline, and resolved after it.
    await insertCase(db, {
      queue,
      status: "resolved",
      createdAt: at("2026-03-05T10:00:00"),
      resolvedAt: at("2026-03-06T09:00:00"),
      deadlineAt: at("2026-03-06T10:00:00"),
    });
    await insertCase(db, {
      queue,
      status: "resolved",
      createdAt: at("2026-03-05T11:00:00"),
      resolvedAt: at("2026-03-08T09:00:00"),
      deadlineAt: at("2026-03-07T00:00:00"),
    });
    // Open: one overdue, one due tomorrow, one from before the window without a deadline.
    await insertCase(db, { queue, createdAt: at("2026-03-09T08:00:00"), deadlineAt: at("2026-03-10T10:00:00") });
    await insertCase(db, {
      queue,
      status: "claimed",
      createdAt: at("2026-03-10T09:00:00"),
      deadlineAt: at("2026-03-11T09:00:00"),
    });
    await insertCase(db, { queue, createdAt: at("2026-02-20T09:00:00"), deadlineAt: null });
    // Opened before the window, resolved on its first day, without a deadline: throughput but not compliance.
    await insertCase(db, {
      queue,
      status: "resolved",
      createdAt: at("2026-02-25T09:00:00"),
      resolvedAt: at("2026-03-04T12:00:00"),
      deadlineAt: null,
    });
    await insertCase(db, {
      queue: "takedown",
      createdAt: at("2026-03-09T09:00:00"),
      deadlineAt: at("2026-03-11T09:00:00"),
    });
  });
  afterAll(() => db.close());

  const health = (user: SessionUser, days = 7) => callerFor(db, user, { now: () => NOW }).case.queueHealth({ days });

  it("walks the open count back day by day from what is open now, and counts deadlines met and missed", async () => {
    const result = await health(moderator);
    expect(result.days).toBe(7);
    const deepfakes = result.queues.find((q) => q.queue === "deepfake_report")!;
    expect(deepfakes.label).toBe("Deepfake reports");
    expect(deepfakes.days.map((d) => [d.day, d.opened, d.resolved, d.openAtEnd])).toEqual([
      ["2026-03-04", 0, 1, 1],
      ["2026-03-05", 2, 0, 3],
      ["2026-03-06", 0, 1, 2],
      ["2026-03-07", 0, 0, 2],
      ["2026-03-08", 0, 1, 1],
      ["2026-03-09", 1, 0, 2],
      ["2026-03-10", 1, 0, 3],
    ]);
    expect(deepfakes.openNow).toBe(3);
    expect(deepfakes.overdueNow).toBe(1);
    expect(deepfakes.days.find((d) => d.day === "2026-03-06")).toMatchObject({ resolvedOnTime: 1, resolvedLate: 0 });
    expect(deepfakes.days.find((d) => d.day === "2026-03-08")).toMatchObject({ resolvedOnTime: 0, resolvedLate: 1 });
    expect(deepfakes.compliance).toBe(0.5);

    const empty = result.queues.find((q) => q.queue === "appeal")!;
    expect(empty.openNow).toBe(0);
    expect(empty.compliance).toBeNull();
    expect(empty.days.every((d) => d.opened === 0 && d.openAtEnd === 0)).toBe(true);
  });

  it("shows each role only the queues it may work", async () => {
    expect((await health(moderator)).queues.map((q) => q.queue)).not.toContain("takedown");
    const takedowns = (await health(staff)).queues.find((q) => q.queue === "takedown")!;
    expect(takedowns.openNow).toBe(1);
    expect(takedowns.days.at(-2)).toMatchObject({ day: "2026-03-09", opened: 1, openAtEnd: 1 });
  });

  it("refuses a range outside 7 to 90 days, naming the field", async () => {
    await expect(health(moderator, 3)).rejects.toThrow(/days: Choose at least 7 days/);
    await expect(health(moderator, 365)).rejects.toThrow(/days: Choose at most 90 days/);
  });
});

describe("case.reviewerActivity", () => {
  let db: Database;
  let ana: SessionUser;
  let ben: SessionUser;
  let lead: SessionUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    ana = await createStaff(db, "moderator", "Ana Lima");
    ben = await createStaff(db, "moderator", "Ben Okoro");
    lead = await createStaff(db, "staff", "Lee Lead");
    const policy = await db.prisma.policy.findFirstOrThrow({ where: { active: true } });
    const decide = async (actorId: string, type: "take_down_post" | "dismiss" | "escalate", createdAt: Date) => {
      const c = await insertCase(db, { status: "resolved", createdAt, resolvedAt: createdAt });
      return db.prisma.decision.create({
        data: {
          type,
          subjectType: "post",
          postId: c.postId,
          caseId: c.id,
          actorId,
          authority: "moderator",
          policyId: policy.id,
          reason: "r",
          createdAt,
        },
      });
    };
    // Ana: six take-downs in the week, five of them appealed (two overturned); one dismissal long before the week.
    const anas = [];
    for (let i = 0; i < 6; i++)
      anas.push(await decide(ana.id, "take_down_post", at(`2026-03-0${4 + (i % 5)}T10:00:00`)));
    await decide(ana.id, "dismiss", at("2026-01-10T10:00:00"));
    for (const [i, d] of anas.slice(0, 5).entries()) {
      const appellant = (await db.prisma.post.findUniqueOrThrow({ where: { id: d.postId! } })).creatorId;
      await db.prisma.appeal.create({
        data: {
          decisionId: d.id,
          appellantId: appellant,
          text: "not fair",
          status: i < 2 ? "overturned" : "upheld",
          filedAt: at("2026-03-09T10:00:00"),
          decidedAt: at("2026-03-09T12:00:00"),
          decidedById: ben.id,
        },
      });
    }
    // Ben: one dismissal and one escalation; one appeal, still open.
    const bens = [
      await decide(ben.id, "dismiss", at("2026-03-08T10:00:00")),
      await decide(ben.id, "escalate", at("2026-03-09T10:00:00")),
    ];
    const appellant = (await db.prisma.post.findUniqueOrThrow({ where: { id: bens[0]!.postId! } })).creatorId;
    await db.prisma.appeal.create({
      data: { decisionId: bens[0]!.id, appellantId: appellant, text: "please", filedAt: at("2026-03-09T10:00:00") },
    });
  });
  afterAll(() => db.close());

  it("counts each reviewer's decisions in the period and how they fared on appeal", async () => {
    const report = await callerFor(db, lead, { now: () => NOW }).case.reviewerActivity({ days: 7 });
    expect(
      report.reviewers.map((r) => [
        r.displayName,
        r.decisions,
        r.restrictive,
        r.dismissed,
        r.escalated,
        r.appealsDecided,
        r.overturned,
        r.overturnRate,
      ]),
    ).toEqual([
      ["Ana Lima", 6, 6, 0, 0, 5, 2, 0.4],
      ["Ben Okoro", 2, 0, 1, 1, 0, 0, null],
    ]);
  });

  it("is for staff and admins", async () => {
    await expect(callerFor(db, ana, { now: () => NOW }).case.reviewerActivity({ days: 7 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
