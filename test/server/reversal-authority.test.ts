// A moderator cannot undo a legal takedown. The TAKE IT DOWN scenario through ingest and the real router: staff
// take the post down on the request, a user report about it opens a case, and restoring it there is refused (one
// case or in bulk) while the post, its hash bank entries and the request stay as they were. The flows that may
// restore it still do: an appeal decided by staff, and a DMCA counter-notice on its own request.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import type { DecisionFields } from "../../server/contracts/decisions.ts";
import { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { runDueRestores } from "../../server/domain/takedowns/counter-notice.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { CONTENT_KEPT_TO_STAFF } from "../../server/domain/access/content-visibility.ts";
import { counterNoticeInput } from "../support/fixtures.ts";
import { insertProcessedMedia } from "../support/media-rows.ts";

const NCII_REFUSAL =
  "This post was taken down on a TAKE IT DOWN request; only staff can restore it, through the request or an appeal.";

const statement = {
  dsaGround: "illegal_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
  visibility: "not_restricted" as const,
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ["WORLD"],
};

describe("reversal authority", () => {
  let db: Database;
  let moderator: SessionUser;
  let staff: SessionUser;
  let lead: SessionUser;
  let policy: { id: string };
  // One clock for everything: ingest, the router and the workers; steps move it forward explicitly.
  let now = new Date("2026-11-25T10:00:00Z");
  const clock = () => now;
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  const as = (user: SessionUser) => callerFor(db, user, { now: clock });
  const ingest = (raw: unknown[]) =>
    ingestEvents(
      db,
      raw.map((e) => PlatformEvent.parse(e)),
      { keyId: "test-key", requestId: "test", now },
    );
  const fields = (action: DecisionFields["action"]) => ({
    action,
    policyId: policy.id,
    reason: "Reviewed again after a report",
    statement,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator", "Mia Moderator");
    staff = await createStaff(db, "staff", "Lee Counsel");
    lead = await createStaff(db, "staff", "Sam Lead");
    policy = await db.prisma.policy.findFirstOrThrow({ where: { code: "ncii" } });
  });
  afterAll(() => db.close());

  /** A creator, a reporter and a post with a file hash, as the platform sends it, and its media processed (one frame). */
  async function publishedPost(prefix: string) {
    const [creator, reporter, postId] = [`${prefix}-creator`, `${prefix}-reporter`, `${prefix}-post`];
    const at = now.toISOString();
    const account = (id: string) => ({
      id: `${id}-upsert`,
      type: "account.upserted",
      occurredAt: at,
      data: { id, handle: id.replace(/-/g, "_"), displayName: id, createdAt: at },
    });
    await ingest([
      account(creator),
      account(reporter),
      {
        id: `${postId}-published`,
        type: "post.published",
        occurredAt: at,
        data: {
          id: postId,
          creatorId: creator,
          prompt: "a person in a bedroom, filmed without consent",
          durationMs: 8_000,
          contentHash: crypto.randomBytes(32).toString("hex"),
          keyframes: [{ index: 0, atMs: 0, phash: crypto.randomBytes(32).toString("hex") }],
          cameoIds: [],
          hasC2pa: false,
          hasWatermark: false,
          viewCount: 900,
          remixCount: 0,
          createdAt: at,
        },
      },
    ]);
    await insertProcessedMedia(db, postId, [{ atMs: 0, pdq: crypto.randomBytes(32).toString("hex") }], { now });
    return { creator, reporter, postId };
  }

  /** The platform forwards a complete legal request about the post; staff mark it valid and take the post down. */
  async function takenDownOnRequest(postId: string, legalType: "take_it_down" | "dmca") {
    await ingest([
      {
        id: `${postId}-${legalType}`,
        type: "takedown.requested",
        occurredAt: now.toISOString(),
        data: {
          requestId: `${postId}-${legalType}-req`,
          legalType,
          requesterName: "Dana Doe",
          requesterEmail: "dana@example.com",
          authority: legalType === "dmca" ? "rightsholder" : "self",
          postIds: [postId],
          signature: "Dana Doe",
          description: "A video of me made and shared without my consent",
          goodFaith: true,
          perjuryStatement: true,
        },
      },
    ]);
    const request = await db.prisma.takedownRequest.findFirstOrThrow({
      where: { type: legalType, posts: { some: { postId } } },
    });
    await as(staff).takedown.setValidity({ requestId: request.id, status: "valid" });
    const { results } = await as(staff).takedown.takeDown({
      requestId: request.id,
      postIds: [postId],
      policyId: policy.id,
      reason: "Intimate imagery shared without consent",
      territorialScope: ["WORLD"],
    });
    advance(1);
    return { request, decisionId: results[0]?.decisionId ?? "" };
  }

  async function reportCase(postId: string, reporter: string) {
    await ingest([
      {
        id: `${postId}-report-${now.getTime()}`,
        type: "report.filed",
        occurredAt: now.toISOString(),
        data: { subject: { type: "post", id: postId }, reporterId: reporter, reason: "harassment" },
      },
    ]);
    advance(1);
    return db.prisma.case.findFirstOrThrow({ where: { postId, queue: "user_report", status: { not: "resolved" } } });
  }

  async function appealCase(postId: string, decisionId: string, appellantId: string) {
    await ingest([
      {
        id: `${postId}-appeal-${now.getTime()}`,
        type: "appeal.filed",
        occurredAt: now.toISOString(),
        data: { decisionId, appellantId, text: "This is me, I posted it myself" },
      },
    ]);
    advance(1);
    return db.prisma.case.findFirstOrThrow({ where: { postId, queue: "appeal", status: { not: "resolved" } } });
  }

  const stateOf = async (postId: string, requestId: string) => ({
    visibility: (await db.prisma.post.findUniqueOrThrow({ where: { id: postId } })).visibility,
    activeBankEntries: await db.prisma.hashBankEntry.count({ where: { postId, active: true } }),
    request: (await db.prisma.takedownRequest.findUniqueOrThrow({ where: { id: requestId } })).status,
    restores: await db.prisma.decision.count({ where: { postId, type: "restore_post" } }),
  });

  it("refuses a moderator's restore of a post taken down on a TAKE IT DOWN request, alone and in bulk, and changes nothing", async () => {
    const { creator, reporter, postId } = await publishedPost("tid1");
    const { request, decisionId } = await takenDownOnRequest(postId, "take_it_down");
    expect(await db.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } })).toMatchObject({
      authority: "legal",
      takedownRequestId: request.id,
    });
    const before = await stateOf(postId, request.id);
    expect(before).toEqual({ visibility: "taken_down", activeBankEntries: 4, request: "actioned", restores: 0 });

    const c = await reportCase(postId, reporter);
    // A moderator may not even open a report about it: the post is kept to staff, and so is every way to undo it.
    await expect(as(moderator).case.get({ caseId: c.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: CONTENT_KEPT_TO_STAFF,
    });
    await expect(as(moderator).case.claim({ caseId: c.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const version = c.version;
    await expect(
      as(moderator).case.decide({ caseId: c.id, expectedVersion: version, ...fields("restore_post") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as(moderator).case.decide({ caseId: c.id, expectedVersion: version, ...fields("hold_post") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as(moderator).case.decideBulk({
        batchId: crypto.randomUUID(),
        items: [{ caseId: c.id, expectedVersion: version }],
        ...fields("restore_post"),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Staff see the report, and the case view says why they cannot restore from it either: a legal takedown is
    // undone through its request or an appeal.
    const detail = await as(staff).case.get({ caseId: c.id });
    expect(detail.actionRefusals.restore_post).toBe(NCII_REFUSAL);
    await expect(
      as(staff).case.decide({ caseId: c.id, expectedVersion: detail.version, ...fields("restore_post") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: NCII_REFUSAL });
    await expect(
      as(staff).case.decide({ caseId: c.id, expectedVersion: detail.version, ...fields("hold_post") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("TAKE IT DOWN request") });
    const staffBulk = await as(staff).case.decideBulk({
      batchId: crypto.randomUUID(),
      items: [{ caseId: c.id, expectedVersion: detail.version }],
      ...fields("restore_post"),
    });
    expect(staffBulk.outcomes).toEqual([{ caseId: c.id, status: "skipped", message: NCII_REFUSAL }]);

    expect(await stateOf(postId, request.id)).toEqual(before);
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "open",
      version: detail.version,
    });
    expect(await db.prisma.outboxEvent.count({ where: { type: "post.restored", subjectKey: `post:${postId}` } })).toBe(
      0,
    );

    // The creator appeals the takedown: a moderator may not decide it either; staff other than the one who took
    // the post down may, and the request says so.
    const appeal = await appealCase(postId, decisionId, creator);
    await expect(as(moderator).case.get({ caseId: appeal.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const onAppeal = await as(lead).case.get({ caseId: appeal.id });
    await expect(
      as(moderator).case.decide({ caseId: appeal.id, expectedVersion: onAppeal.version, ...fields("restore_post") }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as(lead).case.get({ caseId: appeal.id })).actionRefusals).toEqual({});
    const restored = await as(lead).case.decide({
      caseId: appeal.id,
      expectedVersion: onAppeal.version,
      ...fields("restore_post"),
    });
    expect(await db.prisma.decision.findUniqueOrThrow({ where: { id: restored.decisionId } })).toMatchObject({
      type: "restore_post",
      authority: "staff",
      reversesId: decisionId,
    });
    expect(await stateOf(postId, request.id)).toEqual({
      visibility: "public",
      activeBankEntries: 0,
      request: "restored",
      restores: 1,
    });
    expect(await db.prisma.appeal.findFirstOrThrow({ where: { caseId: appeal.id } })).toMatchObject({
      status: "overturned",
      decidedById: lead.id,
    });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "takedown.restored", subjectId: request.id, actorId: lead.id },
      }),
    ).toBe(1);
  });

  it("a DMCA counter-notice still restores the post its own request took down when due", async () => {
    const { postId } = await publishedPost("dmca1");
    const { request, decisionId } = await takenDownOnRequest(postId, "dmca");
    const notice = await as(staff).takedown.recordCounterNotice(counterNotice(request.id, postId));
    now = notice.restoreNotBefore;
    expect(await runDueRestores(db, now)).toBe(1);
    const restore = await db.prisma.decision.findFirstOrThrow({ where: { postId, type: "restore_post" } });
    expect(restore).toMatchObject({
      authority: "legal",
      takedownRequestId: request.id,
      reversesId: decisionId,
      actorId: null,
    });
    expect(await stateOf(postId, request.id)).toEqual({
      visibility: "public",
      activeBankEntries: 0,
      request: "restored",
      restores: 1,
    });
    expect(await db.prisma.counterNotice.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      status: "restored",
    });
  });

  it("a counter-notice to one request does not restore a post another request took down", async () => {
    const { postId } = await publishedPost("both1");
    const ncii = await takenDownOnRequest(postId, "take_it_down");
    // A DMCA notice names the same post; it is already down, so that request takes nothing down itself.
    const dmca = await takenDownOnRequest(postId, "dmca");
    expect(dmca.decisionId).toBe("");
    await expect(as(staff).takedown.recordCounterNotice(counterNotice(dmca.request.id, postId))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: NCII_REFUSAL,
    });
    expect(await db.prisma.counterNotice.count({ where: { postId } })).toBe(0);
    expect(await stateOf(postId, ncii.request.id)).toMatchObject({
      visibility: "taken_down",
      activeBankEntries: 4,
      request: "actioned",
      restores: 0,
    });
  });

  it("a waiting counter-notice is closed by a staff restore on appeal, and superseded when staff hold the post instead", async () => {
    const restoredOnAppeal = await publishedPost("cn-appeal");
    const first = await takenDownOnRequest(restoredOnAppeal.postId, "dmca");
    const firstNotice = await as(staff).takedown.recordCounterNotice(
      counterNotice(first.request.id, restoredOnAppeal.postId),
    );
    const appeal = await appealCase(restoredOnAppeal.postId, first.decisionId, restoredOnAppeal.creator);
    await as(lead).case.decide({ caseId: appeal.id, expectedVersion: appeal.version, ...fields("restore_post") });
    expect(await db.prisma.counterNotice.findUniqueOrThrow({ where: { id: firstNotice.id } })).toMatchObject({
      status: "restored",
      restoredAt: now,
    });
    expect(await stateOf(restoredOnAppeal.postId, first.request.id)).toMatchObject({
      visibility: "public",
      request: "restored",
      restores: 1,
    });

    const heldOnAppeal = await publishedPost("cn-hold");
    const second = await takenDownOnRequest(heldOnAppeal.postId, "dmca");
    const secondNotice = await as(staff).takedown.recordCounterNotice(
      counterNotice(second.request.id, heldOnAppeal.postId),
    );
    const holdAppeal = await appealCase(heldOnAppeal.postId, second.decisionId, heldOnAppeal.creator);
    await as(lead).case.decide({ caseId: holdAppeal.id, expectedVersion: holdAppeal.version, ...fields("hold_post") });
    // Due, the counter-notice finds the post held by staff's appeal decision, not by its request: it stays held.
    now = secondNotice.restoreNotBefore;
    expect(await runDueRestores(db, now)).toBe(0);
    expect(await db.prisma.counterNotice.findUniqueOrThrow({ where: { id: secondNotice.id } })).toMatchObject({
      status: "superseded",
      restoredAt: null,
    });
    expect(await stateOf(heldOnAppeal.postId, second.request.id)).toMatchObject({
      visibility: "held",
      activeBankEntries: 4,
      request: "actioned",
      restores: 0,
    });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "takedown.counter_notice_superseded", subjectId: secondNotice.id },
      }),
    ).toBe(1);
  });

  const counterNotice = (requestId: string, postId: string) => counterNoticeInput(requestId, postId, now.toISOString());
});
