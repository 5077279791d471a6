// DMCA counter-notices: the restore window in business days, the automatic restore when due, and no restore
// once a court action was recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { counterNoticeInput, insertAccount, insertPost } from "../support/fixtures.ts";
import { runDueRestores } from "../../server/domain/takedowns/counter-notice.ts";

describe("DMCA counter-notice", () => {
  let db: Database;
  let staff: SessionUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    staff = await createStaff(db, "staff", "Lee Counsel");
  });
  afterAll(() => db.close());

  async function takenDownUnderDmca() {
    const creator = await insertAccount(db);
    const post = await insertPost(db, creator.id);
    await db.prisma.post.update({ where: { id: post.id }, data: { visibility: "taken_down" } });
    const request = await db.prisma.takedownRequest.create({
      data: {
        reference: `TD-${post.id.slice(-8)}`,
        type: "dmca",
        status: "actioned",
        source: "web_form",
        authority: "rightsholder",
        requesterEmail: "rights@studio.example",
        contentUrls: [`https://app.example/p/${post.id}`],
        receivedAt: new Date("2026-11-01T12:00:00Z"),
        posts: { create: { postId: post.id, matchedBy: "url" } },
      },
    });
    return { post, request };
  }

  const notice = counterNoticeInput;

  it("restores on the tenth business day, not before, with a decision and an outbox event", async () => {
    const { post, request } = await takenDownUnderDmca();
    // Received Friday Nov 20, 2026, 10:00 New York: Thanksgiving (Nov 26) is not a business day.
    const cn = await callerFor(db, staff).takedown.recordCounterNotice(
      notice(request.id, post.id, "2026-11-20T15:00:00Z"),
    );
    expect(cn.restoreNotBefore.toISOString()).toBe("2026-12-07T15:00:00.000Z");
    expect(cn.restoreNotAfter.toISOString()).toBe("2026-12-11T15:00:00.000Z");
    expect((await db.prisma.takedownRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "counter_noticed",
    );
    // The complainant gets a copy of the counter-notice and the restore window.
    const forward = await db.prisma.emailNotice.findFirstOrThrow({
      where: { takedownRequestId: request.id, kind: "counter_notice_forward" },
    });
    expect(forward.to).toBe("rights@studio.example");
    expect(forward.text).toContain("Sam Uploader");
    expect(forward.text).toContain("2026-12-07 15:00 UTC");

    expect(await runDueRestores(db, new Date("2026-12-07T14:59:59Z"))).toBe(0);
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).visibility).toBe("taken_down");

    expect(await runDueRestores(db, new Date("2026-12-07T15:00:00Z"))).toBe(1);
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).visibility).toBe("public");
    const decision = await db.prisma.decision.findFirstOrThrow({ where: { postId: post.id, type: "restore_post" } });
    expect(decision).toMatchObject({ actorId: null, automatedDecision: true, takedownRequestId: request.id });
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: decision.id, type: "post.restored" } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "decision.restore_post", subjectId: post.id } })).toBe(1);
    // Running again changes nothing.
    expect(await runDueRestores(db, new Date("2026-12-20T00:00:00Z"))).toBe(0);
  });

  it("does not restore when a court action was recorded", async () => {
    const { post, request } = await takenDownUnderDmca();
    const cn = await callerFor(db, staff).takedown.recordCounterNotice(
      notice(request.id, post.id, "2026-11-02T15:00:00Z"),
    );
    await callerFor(db, staff).takedown.recordCourtAction({ counterNoticeId: cn.id });
    expect(await runDueRestores(db, new Date("2026-12-31T00:00:00Z"))).toBe(0);
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).visibility).toBe("taken_down");
    expect(await db.prisma.counterNotice.findUniqueOrThrow({ where: { id: cn.id } })).toMatchObject({
      status: "court_action",
      restoredAt: null,
    });
  });

  it("refuses a counter-notice without the elements the law requires, naming the field", async () => {
    const { post, request } = await takenDownUnderDmca();
    await expect(
      callerFor(db, staff).takedown.recordCounterNotice({
        ...notice(request.id, post.id, "2026-11-02T15:00:00Z"),
        signature: "",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("signature") });
    await expect(
      callerFor(db, staff).takedown.recordCounterNotice({
        ...notice(request.id, post.id, "2026-11-02T15:00:00Z"),
        consentToJurisdiction: false as never,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("consentToJurisdiction") });
    expect(await db.prisma.counterNotice.count({ where: { requestId: request.id } })).toBe(0);
  });
});
