// Claiming and deciding cases: leases, next case, version checks, the decision's effects, bulk decisions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import type { DecisionFields } from "../../server/contracts/decisions.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertCase, insertManyCases } from "../support/fixtures.ts";

const statement = {
  dsaGround: "incompatible_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
  visibility: "removed" as const,
  automatedDetection: true,
  automatedDecision: false,
  territorialScope: ["EEA"],
};

describe("review", () => {
  let db: Database;
  let ana: SessionUser;
  let ben: SessionUser;
  let policy: { id: string; code: string; strikeThreshold: number; strikeWeight: number };
  const fields = (action: DecisionFields["action"]) => ({
    action,
    policyId: policy.id,
    reason: "Graphic violence against a real person",
    statement,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ana = await createStaff(db, "moderator", "Ana Lima");
    ben = await createStaff(db, "moderator", "Ben Okoro");
    policy = await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } });
  });
  afterAll(() => db.close());

  it("next case claims the highest-priority unclaimed case, and a second reviewer gets the next one", async () => {
    const low = await insertCase(db, { queue: "user_report", priority: 10 });
    const high = await insertCase(db, { queue: "user_report", priority: 90 });
    const first = await callerFor(db, ana).case.next({ queue: "user_report" });
    const second = await callerFor(db, ben).case.next({ queue: "user_report" });
    expect(first.caseId).toBe(high.id);
    expect(second.caseId).toBe(low.id);
    expect(await callerFor(db, ben).case.next({ queue: "user_report" })).toEqual({ caseId: null });
    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: high.id } });
    expect(row).toMatchObject({ status: "claimed", claimedById: ana.id });
  });

  it("a held case is refused to others with the holder's name; an expired lease frees it", async () => {
    const c = await insertCase(db, { queue: "appeal", priority: 50 });
    const t0 = new Date();
    expect(await callerFor(db, ana, { now: () => t0 }).case.claim({ caseId: c.id })).toMatchObject({ claimed: true });
    const refused = await callerFor(db, ben, { now: () => t0 }).case.claim({ caseId: c.id });
    expect(refused).toEqual({ claimed: false, reason: "Ana Lima is reviewing this case (for up to 5 more minutes)." });
    const later = new Date(t0.getTime() + 5 * 60_000 + 1_000);
    expect(await callerFor(db, ben, { now: () => later }).case.claim({ caseId: c.id })).toMatchObject({
      claimed: true,
    });
    expect((await callerFor(db, ben).case.next({ queue: "appeal" })).caseId).not.toBe(c.id);
  });

  it("takes a post down: visibility, decision with its statement of reasons, one audit record, one outbox event", async () => {
    const c = await insertCase(db, { queue: "deepfake_report", priority: 70 });
    await callerFor(db, ana).case.claim({ caseId: c.id });
    const result = await callerFor(db, ana).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      ...fields("take_down_post"),
      idempotencyKey: `k-${c.id}`,
    });
    expect(result).toMatchObject({ action: "take_down_post", replayed: false });

    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: c.postId! } })).visibility).toBe("taken_down");
    const decision = await db.prisma.decision.findUniqueOrThrow({ where: { id: result.decisionId } });
    expect(decision).toMatchObject({
      type: "take_down_post",
      actorId: ana.id,
      policyId: policy.id,
      dsaGround: "incompatible_content",
      visibilityDecision: "removed",
      territorialScope: ["EEA"],
      automatedDetection: true,
      strikeDelta: policy.strikeWeight,
    });
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "resolved",
      resolvedById: ana.id,
      claimedById: null,
      version: c.version + 1,
    });
    expect(await db.prisma.auditLog.count({ where: { caseId: c.id, action: "decision.take_down_post" } })).toBe(1);
    const outbox = await db.prisma.outboxEvent.findMany({ where: { decisionId: decision.id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ type: "post.taken_down", subjectKey: `post:${c.postId}` });
    expect(await db.prisma.hashBankEntry.count({ where: { decisionId: decision.id, kind: "exact" } })).toBe(1);
    // No email shared for this creator: the platform tells them from the webhook, Vigil writes no notice.
    expect(await db.prisma.emailNotice.count({ where: { decisionId: decision.id } })).toBe(0);

    // The same submit again (a double click, a retried request) changes nothing.
    const again = await callerFor(db, ana).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      ...fields("take_down_post"),
      idempotencyKey: `k-${c.id}`,
    });
    expect(again).toMatchObject({ decisionId: result.decisionId, replayed: true });
    expect(await db.prisma.decision.count({ where: { caseId: c.id } })).toBe(1);
  });

  it("sends the uploader a statement of reasons when the platform shared their email", async () => {
    const c = await insertCase(db, { queue: "user_report" });
    const post = await db.prisma.post.findUniqueOrThrow({ where: { id: c.postId! } });
    await db.prisma.account.update({ where: { id: post.creatorId }, data: { email: "maker@users.example" } });
    const result = await callerFor(db, ana).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      ...fields("hold_post"),
    });
    const notice = await db.prisma.emailNotice.findFirstOrThrow({ where: { decisionId: result.decisionId } });
    expect(notice).toMatchObject({ kind: "statement_of_reasons", to: "maker@users.example" });
    expect(notice.text).toContain("We hid your video while we review it.");
    expect(notice.text).toContain("Graphic violence against a real person");
  });

  it("refuses a stale decision with the name of the reviewer who changed the case", async () => {
    const c = await insertCase(db, { queue: "deepfake_report" });
    await db.prisma.case.update({
      where: { id: c.id },
      data: { version: { increment: 1 }, lastChangedById: ben.id, lastChangedAt: new Date(Date.now() - 12_000) },
    });
    const attempt = callerFor(db, ana).case.decide({ caseId: c.id, expectedVersion: c.version, ...fields("dismiss") });
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^This case was changed by Ben Okoro 1[0-9] s ago/),
    });
    expect(await db.prisma.decision.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("refuses to decide a case someone else holds, and a precondition that no longer holds", async () => {
    const c = await insertCase(db, { queue: "deepfake_report" });
    await callerFor(db, ben).case.claim({ caseId: c.id });
    await expect(
      callerFor(db, ana).case.decide({ caseId: c.id, expectedVersion: c.version, ...fields("dismiss") }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Ben Okoro is reviewing this case"),
    });
    await db.prisma.post.update({ where: { id: c.postId! }, data: { visibility: "taken_down" } });
    await expect(
      callerFor(db, ben).case.decide({ caseId: c.id, expectedVersion: c.version, ...fields("take_down_post") }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "The post is already taken down.",
    });
  });

  it("a suspension needs its length; strikes past the threshold propose one", async () => {
    const c = await insertCase(db, { queue: "user_report" });
    await expect(
      callerFor(db, ana).case.decide({ caseId: c.id, expectedVersion: c.version, ...fields("suspend_account") }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("suspendDays"),
    });
    const post = await db.prisma.post.findUniqueOrThrow({ where: { id: c.postId! } });
    await db.prisma.account.update({
      where: { id: post.creatorId },
      data: { strikeCount: policy.strikeThreshold - 1 },
    });
    const result = await callerFor(db, ana).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      ...fields("add_strike"),
    });
    expect(result.proposeSuspension).toMatchObject({
      accountId: post.creatorId,
      strikes: policy.strikeThreshold - 1 + policy.strikeWeight,
      threshold: policy.strikeThreshold,
    });
  });

  it("escalating moves the case to staff; reporters whose reports were upheld gain accuracy", async () => {
    const c = await insertCase(db, { queue: "user_report" });
    await callerFor(db, ana).case.decide({ caseId: c.id, expectedVersion: c.version, ...fields("escalate") });
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      queue: "escalated",
      status: "open",
      escalatedFrom: "user_report",
    });
  });

  it("an appeal goes to someone other than the reviewer whose decision is appealed", async () => {
    const original = await insertCase(db, { queue: "user_report" });
    const decided = await callerFor(db, ana).case.decide({
      caseId: original.id,
      expectedVersion: original.version,
      ...fields("take_down_post"),
    });
    const appealCase = await insertCase(db, { queue: "appeal", priority: 10_000 });
    const post = await db.prisma.post.findUniqueOrThrow({ where: { id: appealCase.postId! } });
    await db.prisma.appeal.create({
      data: {
        decisionId: decided.decisionId,
        appellantId: post.creatorId,
        text: "It was satire",
        filedAt: new Date(),
        caseId: appealCase.id,
      },
    });

    expect((await callerFor(db, ana).case.next({ queue: "appeal" })).caseId).not.toBe(appealCase.id);
    await expect(
      callerFor(db, ana).case.decide({
        caseId: appealCase.id,
        expectedVersion: appealCase.version,
        ...fields("dismiss"),
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This appeal is against your own decision; another reviewer must decide it.",
    });
    expect((await callerFor(db, ben).case.next({ queue: "appeal" })).caseId).toBe(appealCase.id);

    // Ben overturns: the post is restored, the appeal is recorded as overturned, and the platform is told.
    await db.prisma.post.update({ where: { id: appealCase.postId! }, data: { visibility: "taken_down" } });
    const restored = await callerFor(db, ben).case.decide({
      caseId: appealCase.id,
      expectedVersion: appealCase.version,
      ...fields("restore_post"),
    });
    expect(await db.prisma.appeal.findFirstOrThrow({ where: { caseId: appealCase.id } })).toMatchObject({
      status: "overturned",
      decidedById: ben.id,
    });
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: appealCase.postId! } })).visibility).toBe("public");
    expect(
      await db.prisma.outboxEvent.count({ where: { decisionId: restored.decisionId, type: "post.restored" } }),
    ).toBe(1);
  });

  it("two reviewers asking for the next case 200 times each never get the same case", async () => {
    await insertManyCases(db, 420, "likeness_complaint");
    const ask = (who: SessionUser) => async () => {
      const got: string[] = [];
      for (let i = 0; i < 200; i++) {
        const { caseId } = await callerFor(db, who).case.next({ queue: "likeness_complaint" });
        if (caseId) got.push(caseId);
      }
      return got;
    };
    const [a, b] = await Promise.all([ask(ana)(), ask(ben)()]);
    expect(a).toHaveLength(200);
    expect(b).toHaveLength(200);
    expect(new Set([...a, ...b]).size).toBe(400);
  });

  it("decides 500 selected cases in chunks under one batch id, skipping and listing those changed meanwhile", async () => {
    const ids = await insertManyCases(db, 500, "flagged_generation");
    const cases = await db.prisma.case.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
    const changed = cases.slice(100, 107).map((c) => c.id);
    await db.prisma.case.updateMany({
      where: { id: { in: changed } },
      data: { version: { increment: 1 }, lastChangedById: ben.id },
    });
    const batchId = crypto.randomUUID();
    const outcomes = [];
    for (let i = 0; i < cases.length; i += 50) {
      const chunk = cases.slice(i, i + 50).map((c) => ({ caseId: c.id, expectedVersion: c.version }));
      const res = await callerFor(db, ana).case.decideBulk({ batchId, items: chunk, ...fields("hold_post") });
      outcomes.push(...res.outcomes);
    }
    expect(outcomes).toHaveLength(500);
    const skipped = outcomes.filter((o) => o.status === "skipped");
    expect(skipped.map((o) => o.caseId).sort()).toEqual([...changed].sort());
    expect(skipped[0]!.message).toMatch(/changed by Ben Okoro/);
    expect(await db.prisma.decision.count({ where: { batchId } })).toBe(493);
    expect(await db.prisma.outboxEvent.count({ where: { decision: { batchId } } })).toBe(493);
    expect(await db.prisma.auditLog.count({ where: { batchId } })).toBe(493);

    // Sending a chunk again after a lost answer decides nothing twice.
    const first = cases.slice(0, 50).map((c) => ({ caseId: c.id, expectedVersion: c.version }));
    const retry = await callerFor(db, ana).case.decideBulk({ batchId, items: first, ...fields("hold_post") });
    expect(retry.outcomes.every((o) => o.status === "decided")).toBe(true);
    expect(await db.prisma.decision.count({ where: { batchId } })).toBe(493);
  });
});
