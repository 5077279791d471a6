// The platform's signed event ingest: authentication, all-or-nothing batches, idempotency, folding into cases.
import { describe, expect, it } from "vitest";
import { postEvents, reportEvent, TEST_KEY, worldEvents } from "../support/platform.ts";
import { startTestApp, useTestApp } from "../support/app-server.ts";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";

describe("POST /api/v1/events", () => {
  const t = useTestApp();

  const counts = async () => ({
    events: await t.db.prisma.platformEvent.count(),
    accounts: await t.db.prisma.account.count(),
    posts: await t.db.prisma.post.count(),
    signals: await t.db.prisma.signal.count(),
    cases: await t.db.prisma.case.count(),
    audit: await t.db.prisma.auditLog.count(),
    versions: (await t.db.prisma.case.findMany({ select: { version: true } })).reduce((s, c) => s + c.version, 0),
  });

  it("accepts a valid signed batch, mirrors records and folds reports into one case", async () => {
    const events = [...worldEvents("a"), reportEvent("a-r1", "a-post", "a-r1"), reportEvent("a-r2", "a-post", "a-r2")];
    const res = await postEvents(t.base, { events });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 6, duplicates: 0 });

    const cases = await t.db.prisma.case.findMany({ where: { postId: "a-post" } });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      queue: "user_report",
      status: "open",
      signalCount: 2,
      reporterCount: 2,
      creatorHandle: "a_creator",
      category: "harassment",
    });
    expect(cases[0]!.priority).toBeGreaterThan(0);
    expect(Object.keys(cases[0]!.priorityComponents as object).sort()).toEqual([
      "classifier",
      "reach",
      "reporters",
      "severity",
      "urgency",
    ]);
    expect(cases[0]!.deadlineAt).not.toBeNull();
    expect(await t.db.prisma.signal.count({ where: { caseId: cases[0]!.id } })).toBe(2);
    expect(await t.db.prisma.postKeyframe.count({ where: { postId: "a-post" } })).toBe(1);
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: "a-r1" } })).reportsFiled).toBe(1);
    expect(
      await t.db.prisma.auditLog.count({
        where: { actorType: "platform", details: { path: ["eventId"], string_starts_with: "a-" } },
      }),
    ).toBe(6);
  });

  it("the same batch again is all duplicates and changes nothing", async () => {
    const events = [...worldEvents("b"), reportEvent("b-r1", "b-post", "b-r1")];
    expect((await postEvents(t.base, { events })).body).toEqual({ accepted: 5, duplicates: 0 });
    const before = await counts();
    const again = await postEvents(t.base, { events });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 5 });
    expect(await counts()).toEqual(before);
  });

  it("a later signal about the same subject and queue joins the open case; another queue gets its own", async () => {
    await postEvents(t.base, { events: worldEvents("c") });
    await postEvents(t.base, { events: [reportEvent("c-1", "c-post", "c-r1")] });
    const first = await t.db.prisma.case.findFirstOrThrow({ where: { postId: "c-post" } });
    await postEvents(t.base, {
      events: [reportEvent("c-2", "c-post", "c-r2"), reportEvent("c-3", "c-post", "c-r1", "deepfake")],
    });
    const cases = await t.db.prisma.case.findMany({ where: { postId: "c-post" }, orderBy: { queue: "asc" } });
    expect(cases.map((c) => [c.queue, c.signalCount, c.reporterCount])).toEqual([
      ["deepfake_report", 1, 1],
      ["user_report", 2, 2],
    ]);
    // New evidence is a change: a reviewer's decision made before it arrived is checked against the new version.
    const joined = cases.find((c) => c.queue === "user_report")!;
    expect(joined.id).toBe(first.id);
    expect(joined.version).toBe(first.version + 1);
  });

  it("refuses a tampered body, an unknown key and a stale timestamp with 401", async () => {
    const body = { events: worldEvents("d") };
    const raw = JSON.stringify(body);
    const tampered = await postEvents(t.base, body, { rawBody: raw.replace("juggling", "juggling!") });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error).toMatch(/does not match/);
    const wrongKey = await postEvents(t.base, body, { key: { id: TEST_KEY.id, secret: "another-secret-entirely" } });
    expect(wrongKey.status).toBe(401);
    const unknownKey = await postEvents(t.base, body, { key: { id: "nope", secret: TEST_KEY.secret } });
    expect(unknownKey.status).toBe(401);
    const stale = await postEvents(t.base, body, { now: new Date(Date.now() - 301_000) });
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatch(/300 s/);
    const unsigned = await fetch(`${t.base}/api/v1/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect(unsigned.status).toBe(401);
    expect(await t.db.prisma.post.count({ where: { id: "d-post" } })).toBe(0);
  });

  it("refuses a batch with one invalid event among 100, naming its index and field, and stores nothing", async () => {
    const events: PlatformEvent[] = Array.from({ length: 100 }, (_, i) => ({
      id: `e-acc-${i}`,
      type: "account.upserted",
      occurredAt: "2026-11-20T10:00:00Z",
      data: { id: `e-acc-${i}`, handle: `e_acc_${i}`, displayName: `Account ${i}`, createdAt: "2026-11-20T10:00:00Z" },
    }));
    (events[57]!.data as Record<string, unknown>).createdAt = "yesterday";
    const before = await counts();
    const res = await postEvents(t.base, { events });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { index: 57, path: "data.createdAt", message: expect.stringMatching(/ISO 8601/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses references to records Vigil does not know, naming the event and field", async () => {
    const before = await counts();
    const res = await postEvents(t.base, {
      events: [...worldEvents("f"), reportEvent("f-bad", "no-such-post", "f-r1")],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { index: 4, path: "data.subject.id", message: 'Unknown post "no-such-post": send post.published for it first' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("serves the contract as OpenAPI 3.1 without a signature", async () => {
    const res = await fetch(`${t.base}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/events");
  });

  it("refuses a body over the size limit with 413", async () => {
    const huge = {
      events: [
        {
          id: "x",
          type: "post.updated",
          occurredAt: "2026-11-20T10:00:00Z",
          data: { id: "x", transcript: "y".repeat(6 * 1024 * 1024) },
        },
      ],
    };
    const res = await postEvents(t.base, huge);
    expect(res.status).toBe(413);
  });

  it("turns a takedown request into a request record with its legal clock and a takedown case", async () => {
    await postEvents(t.base, { events: worldEvents("g") });
    const res = await postEvents(t.base, {
      events: [
        {
          id: "g-td",
          type: "takedown.requested",
          occurredAt: "2026-11-20T12:00:00Z",
          data: {
            requestId: "plat-td-1",
            legalType: "take_it_down",
            requesterName: "Dana Doe",
            requesterEmail: "dana@example.com",
            authority: "self",
            postIds: ["g-post"],
            signature: "/Dana Doe/",
            description: "An AI-generated intimate image of me",
            goodFaith: true,
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    const request = await t.db.prisma.takedownRequest.findFirstOrThrow({
      where: { platformEventId: "g-td" },
      include: { posts: true, case: true },
    });
    expect(request).toMatchObject({ type: "take_it_down", status: "valid", missingElements: [] });
    expect(request.dueAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    expect(request.posts.map((p) => p.postId)).toEqual(["g-post"]);
    expect(request.case).toMatchObject({ queue: "takedown", category: "ncii" });
    expect(request.case!.deadlineAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
  });

  it("accepts any active key during a rotation", async () => {
    const next = { id: "next-key", secret: "the-next-secret-for-rotation" };
    const rotating = await startTestApp(t.db, {
      platformKeys: new Map([
        [TEST_KEY.id, TEST_KEY.secret],
        [next.id, next.secret],
      ]),
    });
    try {
      expect((await postEvents(rotating.base, { events: worldEvents("rot1") })).status).toBe(200);
      expect((await postEvents(rotating.base, { events: worldEvents("rot2") }, { key: next })).status).toBe(200);
      expect((await postEvents(t.base, { events: worldEvents("rot3") }, { key: next })).status).toBe(401);
    } finally {
      await rotating.close();
    }
  });

  it("rate-limits a key with 429 and Retry-After", async () => {
    // One clock for the app and the signatures: the bucket refills with time, so the machine's speed must not count.
    const now = new Date("2026-11-20T10:00:00Z");
    const limited = await startTestApp(t.db, { ingestRequestsPerMinute: 60, now: () => now });
    try {
      const url = limited.base;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 12; i++) {
        const res = await postEvents(url, { events: [reportEvent(`h-${i}`, "a-post", "a-r1")] }, { now });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("every event type", () => {
  const t = useTestApp();
  const at = "2026-11-21T08:00:00Z";

  it("mirrors cameos, grants, appearances, updates and deletions, and folds complaints and appeals", async () => {
    const world = worldEvents("m");
    const first = await postEvents(t.base, {
      events: [
        ...world,
        {
          id: "m-owner",
          type: "account.upserted",
          occurredAt: at,
          data: {
            id: "m-own",
            handle: "m_owner",
            displayName: "Owner",
            email: "owner@users.example",
            country: "DE",
            createdAt: at,
          },
        },
        {
          id: "m-cameo",
          type: "cameo.upserted",
          occurredAt: at,
          data: { id: "m-cam", ownerId: "m-own", permission: "approved", restrictions: "no politics", createdAt: at },
        },
        {
          id: "m-grant",
          type: "cameo.grant.changed",
          occurredAt: at,
          data: { id: "m-g1", cameoId: "m-cam", granteeId: "m-creator", status: "active", changedAt: at },
        },
        {
          id: "m-appear",
          type: "cameo.appearance.added",
          occurredAt: at,
          data: { postId: "m-post", cameoId: "m-cam" },
        },
        {
          id: "m-flag",
          type: "flag.raised",
          occurredAt: at,
          data: {
            postId: "m-post",
            model: "likeness-match-v2",
            category: "likeness_misuse",
            score: 0.91,
            frames: [{ atMs: 1200, score: 0.91 }],
          },
        },
        {
          id: "m-complaint",
          type: "likeness.complaint.filed",
          occurredAt: at,
          data: {
            complainantId: "m-own",
            complainantName: "Owner",
            depictedPerson: "Owner",
            authority: "self",
            cameoId: "m-cam",
            postIds: ["m-post"],
            text: "I never approved this",
          },
        },
        {
          id: "m-update",
          type: "post.updated",
          occurredAt: at,
          data: { id: "m-post", viewCount: 2_000_000, remixCount: 900 },
        },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: "m-own" } })).email).toBe("owner@users.example");
    expect(await t.db.prisma.cameo.findUniqueOrThrow({ where: { id: "m-cam" } })).toMatchObject({
      ownerId: "m-own",
      permission: "approved",
      restrictions: "no politics",
    });
    expect(await t.db.prisma.cameoGrant.findFirstOrThrow({ where: { cameoId: "m-cam" } })).toMatchObject({
      granteeId: "m-creator",
      status: "active",
    });
    expect(await t.db.prisma.cameoAppearance.count({ where: { postId: "m-post", cameoId: "m-cam" } })).toBe(1);
    expect(await t.db.prisma.post.findUniqueOrThrow({ where: { id: "m-post" } })).toMatchObject({
      viewCount: 2_000_000,
      remixCount: 900,
    });

    const flagged = await t.db.prisma.case.findFirstOrThrow({
      where: { postId: "m-post", queue: "flagged_generation" },
    });
    expect(flagged).toMatchObject({ hasCameo: true, maxScore: 0.91, category: "likeness_misuse" });
    const reach = (flagged.priorityComponents as Record<string, { detail: string }>).reach;
    expect(reach?.detail).toContain("2M views");
    const complaint = await t.db.prisma.case.findFirstOrThrow({
      where: { cameoId: "m-cam", queue: "likeness_complaint" },
    });
    expect(complaint).toMatchObject({
      subjectType: "cameo",
      subjectKey: "cameo:m-cam",
      creatorHandle: "m_owner",
      reporterCount: 1,
    });

    // A decision exists (made in the console); the uploader appeals it through the platform.
    const decision = await t.db.prisma.decision.create({
      data: {
        type: "take_down_post",
        subjectType: "post",
        postId: "m-post",
        authority: "moderator",
        reason: "likeness without consent",
      },
    });
    const second = await postEvents(t.base, {
      events: [
        {
          id: "m-revoke",
          type: "cameo.grant.changed",
          occurredAt: at,
          data: { id: "m-g1", cameoId: "m-cam", granteeId: "m-creator", status: "revoked", changedAt: at },
        },
        {
          id: "m-appeal",
          type: "appeal.filed",
          occurredAt: at,
          data: { decisionId: decision.id, appellantId: "m-creator", text: "It is parody" },
        },
        { id: "m-delete", type: "post.deleted", occurredAt: at, data: { id: "m-post" } },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect((await t.db.prisma.cameoGrant.findFirstOrThrow({ where: { cameoId: "m-cam" } })).status).toBe("revoked");
    expect((await t.db.prisma.post.findUniqueOrThrow({ where: { id: "m-post" } })).visibility).toBe("deleted");
    const appeal = await t.db.prisma.appeal.findFirstOrThrow({
      where: { decisionId: decision.id },
      include: { case: true },
    });
    expect(appeal).toMatchObject({ appellantId: "m-creator", status: "open" });
    expect(appeal.case).toMatchObject({ queue: "appeal", subjectKey: "post:m-post" });
  });

  it("refuses an appeal filed more than six months after the decision", async () => {
    const decision = await t.db.prisma.decision.create({
      data: {
        type: "take_down_post",
        subjectType: "post",
        postId: "m-post",
        authority: "moderator",
        reason: "old decision",
        createdAt: new Date("2026-03-01T00:00:00Z"),
      },
    });
    const res = await postEvents(t.base, {
      events: [
        {
          id: "late-appeal",
          type: "appeal.filed",
          occurredAt: "2026-09-02T00:00:00Z",
          data: { decisionId: decision.id, appellantId: "m-creator", text: "late" },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { index: 0, path: "data.decisionId", message: expect.stringContaining("appeal window closed on 2026-09-01") },
    ]);
  });

  it("refuses an appeal against a decision that does not exist", async () => {
    const res = await postEvents(t.base, {
      events: [
        {
          id: "n-appeal",
          type: "appeal.filed",
          occurredAt: at,
          data: { decisionId: "0193a5a0-0000-7000-8000-000000000000", appellantId: "m-creator", text: "?" },
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { index: 0, path: "data.decisionId", message: expect.stringContaining("Unknown decision") },
    ]);
  });
});
