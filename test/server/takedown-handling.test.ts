// A TAKE IT DOWN request handled end to end on the server: filed publicly for two links, marked valid, an
// identical copy found by content hash, all three taken down in one batch with statements of reasons, and the
// requester told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";

describe("takedown handling", () => {
  let db: Database;
  let staff: SessionUser;
  const now = new Date("2026-11-25T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    staff = await createStaff(db, "staff", "Lee Counsel");
  });
  afterAll(() => db.close());

  it("locates identical copies and takes everything down in one batch", async () => {
    const creator = await insertAccount(db);
    await db.prisma.account.update({ where: { id: creator.id }, data: { email: "uploader@users.example" } });
    const [a, b, copy] = [
      await insertPost(db, creator.id),
      await insertPost(db, creator.id),
      await insertPost(db, creator.id),
    ];
    await db.prisma.post.update({ where: { id: copy.id }, data: { contentHash: a.contentHash } });

    const { reference } = await callerFor(db, null, { now: () => now }).takedown.submit({
      type: "take_it_down",
      contentUrls: [`https://app.example/p/${a.id}`, `https://app.example/p/${b.id}`],
      requesterName: "Dana Doe",
      requesterEmail: "dana@example.com",
      authority: "self",
      description: "Intimate images of me made with AI",
      signature: "Dana Doe",
      goodFaith: true,
    });
    const request = await db.prisma.takedownRequest.findUniqueOrThrow({ where: { reference } });
    const as = callerFor(db, staff, { now: () => now });

    const detail = await as.takedown.get({ requestId: request.id });
    expect(detail.posts.map((p) => p.postId).sort()).toEqual([a.id, b.id].sort());
    expect(detail.identicalCopies.map((p) => p.id)).toEqual([copy.id]);

    await as.takedown.setValidity({ requestId: request.id, status: "valid" });
    expect(await as.takedown.locate({ requestId: request.id, references: [copy.id], matchedBy: "exact_hash" })).toEqual(
      { added: 1, notFound: [] },
    );
    const policy = await db.prisma.policy.findFirstOrThrow({ where: { code: "ncii" } });
    const result = await as.takedown.takeDown({
      requestId: request.id,
      postIds: [a.id, b.id, copy.id],
      policyId: policy.id,
      reason: "Non-consensual intimate imagery",
      territorialScope: ["WORLD"],
    });

    expect(result.results.filter((r) => r.status === "taken_down")).toHaveLength(3);
    const decisions = await db.prisma.decision.findMany({ where: { batchId: result.batchId } });
    expect(decisions).toHaveLength(3);
    for (const d of decisions) {
      // A statement of reasons for each restriction.
      expect(d).toMatchObject({
        type: "take_down_post",
        takedownRequestId: request.id,
        dsaGround: "illegal_content",
        dsaCategory: policy.dsaCategory,
        visibilityDecision: "removed",
        territorialScope: ["WORLD"],
      });
    }
    expect(await db.prisma.post.count({ where: { id: { in: [a.id, b.id, copy.id] }, visibility: "taken_down" } })).toBe(
      3,
    );
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: { in: decisions.map((d) => d.id) } } })).toBe(3);
    expect(await db.prisma.auditLog.count({ where: { batchId: result.batchId } })).toBe(3);
    expect((await db.prisma.takedownRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("actioned");
    const kinds = (await db.prisma.emailNotice.findMany({ where: { takedownRequestId: request.id } }))
      .map((n) => n.kind)
      .sort();
    expect(kinds).toEqual([
      "decision",
      "receipt",
      "statement_of_reasons",
      "statement_of_reasons",
      "statement_of_reasons",
    ]);
    // The uploader receives a statement of reasons for each removed post.
    const statements = await db.prisma.emailNotice.findMany({
      where: { kind: "statement_of_reasons", decisionId: { in: decisions.map((d) => d.id) } },
    });
    expect(statements).toHaveLength(3);
    expect(statements.every((n) => n.to === "uploader@users.example")).toBe(true);
    expect(statements[0]!.text).toContain("illegal content");
    expect(statements[0]!.text).toContain("You can appeal in the app until");
  });

  it("refuses to act before the request is valid, and on posts outside the request", async () => {
    const creator = await insertAccount(db);
    const post = await insertPost(db, creator.id);
    const other = await insertPost(db, creator.id);
    const request = await db.prisma.takedownRequest.create({
      data: {
        reference: "TD-TEST-0002",
        type: "dmca",
        status: "received",
        source: "staff",
        authority: "rightsholder",
        receivedAt: now,
        posts: { create: { postId: post.id, matchedBy: "id" } },
      },
    });
    const policy = await db.prisma.policy.findFirstOrThrow({ where: { code: "copyright" } });
    const as = callerFor(db, staff, { now: () => now });
    const input = {
      requestId: request.id,
      postIds: [post.id],
      policyId: policy.id,
      reason: "Infringes a registered work",
      territorialScope: ["US"],
    };
    await expect(as.takedown.takeDown(input)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await as.takedown.setValidity({ requestId: request.id, status: "valid" });
    await expect(as.takedown.takeDown({ ...input, postIds: [post.id, other.id] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("postIds"),
    });
    expect(await db.prisma.decision.count({ where: { takedownRequestId: request.id } })).toBe(0);
  });

  it("asking for more information keeps the TAKE IT DOWN clock stopped until the request is valid", async () => {
    const request = await db.prisma.takedownRequest.create({
      data: {
        reference: "TD-TEST-0003",
        type: "take_it_down",
        status: "received",
        source: "staff",
        authority: "self",
        receivedAt: now,
      },
    });
    const as = callerFor(db, staff, { now: () => now });
    const info = await as.takedown.setValidity({
      requestId: request.id,
      status: "needs_info",
      missingElements: ["signature"],
    });
    expect(info).toMatchObject({
      status: "needs_info",
      missingElements: ["signature"],
      clockStartedAt: null,
      dueAt: null,
    });
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const valid = await callerFor(db, staff, { now: () => later }).takedown.setValidity({
      requestId: request.id,
      status: "valid",
      isTrustedFlagger: false,
    });
    expect(valid.clockStartedAt?.toISOString()).toBe(later.toISOString());
    expect(valid.dueAt?.toISOString()).toBe(new Date(later.getTime() + 48 * 3_600_000).toISOString());
  });
});

describe("takedown list order", () => {
  it("puts trusted flaggers first, then the soonest deadline, and pages through every request once", async () => {
    const db = await createTestDatabase();
    try {
      const staff = await createStaff(db, "staff");
      const base = Date.parse("2026-11-25T00:00:00Z");
      const make = (ref: string, hours: number | null, trusted = false) =>
        db.prisma.takedownRequest.create({
          data: {
            reference: ref,
            type: "dsa_notice",
            status: "valid",
            source: "platform",
            authority: "self",
            isTrustedFlagger: trusted,
            receivedAt: new Date(base),
            dueAt: hours === null ? null : new Date(base + hours * 3_600_000),
          },
        });
      await make("TD-LATE-0001", 72);
      await make("TD-SOON-0002", 2);
      await make("TD-NONE-0003", null);
      await make("TD-TRUS-0004", 48, true);
      await make("TD-TRUS-0005", null, true);
      await make("TD-SOON-0006", 2);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await callerFor(db, staff).takedown.list({ limit: 2, cursor });
        seen.push(...page.items.map((r) => r.reference));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.slice(0, 2)).toEqual(["TD-TRUS-0004", "TD-TRUS-0005"]);
      expect(seen.slice(2, 4).sort()).toEqual(["TD-SOON-0002", "TD-SOON-0006"]);
      expect(seen.slice(4)).toEqual(["TD-LATE-0001", "TD-NONE-0003"]);
    } finally {
      await db.close();
    }
  });
});
