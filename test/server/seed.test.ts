// The seeders: reference data is idempotent, the demo world is consistent and deterministic, scale data adds
// what it says, and the media endpoints draw safe, well-formed SVG for what was seeded.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../server/db/client.ts";
import { TakedownType } from "../../server/db/generated/enums.ts";
import { migrate } from "../../server/db/migrate.ts";
import { createMediaRouter } from "../../server/media/router.ts";
import { contentAccessFor } from "../../server/domain/access/queue-access.ts";
import { renderKeyframe, renderPoster } from "../../server/media/svg.ts";
import { buildDemoWorld, isDemoSeeded, seedDemo } from "../../prisma/seed/demo.ts";
import { HASH_MATCH_SCENARIO } from "../../prisma/seed/hash-match-scenario.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { POLICY_SEEDS, QUEUE_SEEDS, seedReferenceData } from "../../server/domain/reference/reference-data.ts";
import { seedScale } from "../../prisma/seed/scale.ts";

const NOW = new Date("2026-03-02T09:30:00Z");
const HEX64 = /^[0-9a-f]{64}$/;

async function freshDatabase(): Promise<Database> {
  const db = await openDatabase({ kind: "pglite", dataDir: null });
  await migrate(db);
  return db;
}

const count = async (db: Database, sql: string, params: unknown[] = []) =>
  Number((await db.sql.query<{ n: number | string }>(sql, params))[0]!.n);

/** Each query lists violations of one rule; every list must be empty. */
async function expectNone(db: Database, rules: Record<string, string>): Promise<void> {
  for (const [rule, sql] of Object.entries(rules)) {
    const params = sql.includes("$1") ? [NOW.toISOString()] : [];
    expect(await count(db, `SELECT count(*) AS n FROM (${sql}) violations`, params), rule).toBe(0);
  }
}

describe("seeding", () => {
  let db: Database;

  beforeAll(async () => {
    db = await freshDatabase();
    const first = await seedReferenceData(db);
    const second = await seedReferenceData(db);
    expect(first).toEqual({ policiesCreated: POLICY_SEEDS.length, queuesCreated: QUEUE_SEEDS.length });
    expect(second).toEqual({ policiesCreated: 0, queuesCreated: 0 });
    expect(await isDemoSeeded(db)).toBe(false);
    const { credentials } = await seedDemo(db, { now: NOW });
    expect(credentials.map((c) => c.role).sort()).toEqual(["admin", "moderator", "moderator", "moderator", "staff"]);
    expect(credentials.every((c) => c.password.length >= 12)).toBe(true);
  });
  afterAll(() => db?.close());

  it("keeps reference data idempotent and complete", async () => {
    expect(await db.prisma.policy.count()).toBe(POLICY_SEEDS.length);
    expect(await db.prisma.queueSetting.count()).toBe(7);
    const settings = await db.prisma.queueSetting.findMany();
    expect(settings.find((s) => s.queue === "takedown")?.minRole).toBe("staff");
    expect(settings.find((s) => s.queue === "escalated")?.minRole).toBe("staff");
    for (const p of await db.prisma.policy.findMany()) expect(p.dsaCategory).toMatch(/^STATEMENT_CATEGORY_[A-Z_]+$/);
  });

  it("seeds the demo world and marks it", async () => {
    expect(await isDemoSeeded(db)).toBe(true);
    expect(await db.prisma.staffUser.count()).toBe(5);
  });

  it("has volumes in the expected ranges", async () => {
    // the generated world, the named likeness case (three accounts, five posts, one cameo) and the re-upload the
    // hash bank matcher flags (one account, one post whose media is a copy of a removed post's; demo-media.test.ts)
    expect(await db.prisma.account.count()).toBe(2004);
    expect(await db.prisma.post.count()).toBe(3006);
    expect(await db.prisma.postKeyframe.count()).toBe(12000);
    expect(await db.prisma.cameo.count()).toBe(301);
    expect(await db.prisma.protectedLikeness.count({ where: { active: true } })).toBe(3);
    expect(await db.prisma.cameoAction.count({ where: { status: "pending_approval", kind: "disable_cameo" } })).toBe(1);
    const open = await db.prisma.case.count({ where: { status: { not: "resolved" } } });
    expect(open).toBeGreaterThanOrEqual(600);
    expect(open).toBeLessThanOrEqual(1000);
    const byQueue = await db.prisma.case.groupBy({
      by: ["queue"],
      where: { status: { not: "resolved" } },
      _count: { _all: true },
    });
    expect(byQueue).toHaveLength(7);
    const sorted = [...byQueue].sort((a, b) => b._count._all - a._count._all);
    expect(sorted[0]!.queue).toBe("flagged_generation");
    expect(await db.prisma.case.count({ where: { status: "resolved" } })).toBeGreaterThan(100);
    expect(
      await db.prisma.case.count({ where: { status: "escalated", queue: "escalated", escalatedFrom: { not: null } } }),
    ).toBeGreaterThan(0);
    expect(await db.prisma.inviteCode.count()).toBeGreaterThan(2000);
    expect(new Set((await db.prisma.inviteWave.findMany()).map((w) => w.status)).size).toBeGreaterThanOrEqual(3);
    const permissions = await db.prisma.cameo.groupBy({ by: ["permission"], _count: { _all: true } });
    expect(permissions).toHaveLength(4);
    expect(await db.prisma.appeal.count({ where: { status: "open" } })).toBeGreaterThan(0);
    expect(await db.prisma.decision.count({ where: { actor: { role: { in: ["staff", "admin"] } } } })).toBeGreaterThan(
      0,
    );
  });

  it("leaves one re-upload of removed content for the hash bank matcher, with a file hash of its own", async () => {
    // without media (seeded without it here) it is not a copy of anything the bank knows; with media it is a
    // re-encoded copy the matcher flags by vPDQ (demo-media.test.ts)
    expect(await db.prisma.post.count({ where: { hashScannedAt: null } })).toBe(1);
    const reupload = await db.prisma.post.findUniqueOrThrow({ where: { id: HASH_MATCH_SCENARIO.postId } });
    expect(await db.prisma.hashBankEntry.count({ where: { hash: reupload.contentHash } })).toBe(0);
    expect(await scanNewPosts(db, { now: NOW })).toEqual({ scanned: 1, matched: 0 });
  });

  it("has takedown requests of every type with their legal elements and clocks", async () => {
    const requests = await db.prisma.takedownRequest.findMany({ include: { posts: true } });
    expect(new Set(requests.map((r) => r.type))).toEqual(new Set(Object.values(TakedownType)));
    for (const r of requests) {
      expect(r.reference).toMatch(/^TD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(r.posts.length).toBeGreaterThan(0);
      expect(r.caseId).not.toBeNull();
      if (r.status === "needs_info") expect(r.missingElements.length).toBeGreaterThan(0);
      if (r.clockStartedAt && r.type === "take_it_down")
        expect(r.dueAt!.getTime() - r.clockStartedAt.getTime()).toBe(48 * 3_600_000);
      if (r.type === "court_order" && r.status === "valid")
        expect(r.issuingAuthority && r.orderReference && r.dueAt).toBeTruthy();
    }
    expect(requests.some((r) => r.missingElements.length > 0)).toBe(true);
    expect(await db.prisma.counterNotice.count()).toBeGreaterThan(0);
  });

  it("keeps every case invariant", async () => {
    await expectNone(db, {
      "two unresolved cases for one subject and queue": `SELECT 1 FROM "Case" WHERE status <> 'resolved'
        GROUP BY "subjectKey", queue HAVING count(*) > 1`,
      "signalCount differs from the signals": `SELECT 1 FROM "Case" c
        WHERE c."signalCount" <> (SELECT count(*) FROM "Signal" s WHERE s."caseId" = c.id)`,
      "reporterCount differs from the distinct reporters": `SELECT 1 FROM "Case" c
        WHERE c."reporterCount" <> (SELECT count(DISTINCT s."reporterId") FROM "Signal" s WHERE s."caseId" = c.id)`,
      "case without signals or deadline": `SELECT 1 FROM "Case" WHERE "signalCount" = 0 OR "deadlineAt" IS NULL`,
      "subjectKey does not name the subject": `SELECT 1 FROM "Case"
        WHERE "subjectKey" <> "subjectType"::text || ':' || coalesce("postId", "accountId", "cameoId")`,
      "case prompt differs from the post": `SELECT 1 FROM "Case" c JOIN "Post" p ON p.id = c."postId" WHERE c.prompt <> p.prompt`,
      "resolved without a resolution time": `SELECT 1 FROM "Case"
        WHERE status = 'resolved' AND ("resolvedAt" IS NULL OR "resolvedAt" < "createdAt")`,
      "signal before its post": `SELECT 1 FROM "Signal" s JOIN "Post" p ON p.id = s."postId" WHERE s."occurredAt" < p."createdAt"`,
      "takedown case deadline is not the legal clock": `SELECT 1 FROM "Case" c JOIN "TakedownRequest" t ON t."caseId" = c.id
        WHERE t."dueAt" IS NOT NULL AND c."deadlineAt" <> t."dueAt"`,
      "appeal decided by the original decider": `SELECT 1 FROM "Appeal" a JOIN "Decision" d ON d.id = a."decisionId"
        WHERE a."filedAt" < d."createdAt" OR a."decidedById" = d."actorId"`,
      "something happens after now": [
        `SELECT 1 FROM "Signal" WHERE "occurredAt" > $1 OR "receivedAt" > $1`,
        `SELECT 1 FROM "Case" WHERE "createdAt" > $1 OR "resolvedAt" > $1 OR "lastChangedAt" > $1`,
        `SELECT 1 FROM "Decision" WHERE "createdAt" > $1`,
        `SELECT 1 FROM "Appeal" WHERE "filedAt" > $1 OR "decidedAt" > $1`,
        `SELECT 1 FROM "TakedownRequest" WHERE "receivedAt" > $1 OR "decidedAt" > $1`,
        `SELECT 1 FROM "CounterNotice" WHERE "receivedAt" > $1 OR "restoredAt" > $1`,
        `SELECT 1 FROM "CaseNote" WHERE "createdAt" > $1`,
        `SELECT 1 FROM "Post" WHERE "createdAt" > $1`,
        `SELECT 1 FROM "Account" WHERE "createdAt" > $1`,
        `SELECT 1 FROM "Cameo" WHERE "createdAt" > $1 OR "verifiedAt" > $1`,
        `SELECT 1 FROM "CameoGrant" WHERE "createdAt" > $1 OR "revokedAt" > $1`,
        `SELECT 1 FROM "InviteCode" WHERE "createdAt" > $1 OR "revokedAt" > $1`,
        `SELECT 1 FROM "Redemption" WHERE "redeemedAt" > $1`,
      ].join(" UNION ALL "),
    });
    const cases = await db.prisma.case.findMany({ select: { priority: true, priorityComponents: true } });
    for (const c of cases) {
      const parts = Object.values(c.priorityComponents as Record<string, { points: number }>);
      expect(parts).toHaveLength(5);
      expect(parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(c.priority, 6);
    }
  });

  it("keeps the platform mirror consistent", async () => {
    await expectNone(db, {
      "remixCount differs from the remixes": `SELECT 1 FROM "Post" p
        WHERE p."remixCount" <> (SELECT count(*) FROM "Post" r WHERE r."remixOfId" = p.id)`,
      "useCount differs from the redemptions or exceeds maxUses": `SELECT 1 FROM "InviteCode" c
        WHERE c."useCount" <> (SELECT count(*) FROM "Redemption" r WHERE r."codeId" = c.id) OR c."useCount" > c."maxUses"`,
      "invitedByCode differs from the redemption": `SELECT 1 FROM "Account" a JOIN "Redemption" r ON r."accountId" = a.id
        WHERE a."invitedByCodeId" IS DISTINCT FROM r."codeId"`,
      "redeemed before the code existed": `SELECT 1 FROM "Redemption" r JOIN "InviteCode" c ON c.id = r."codeId"
        WHERE r."redeemedAt" < c."createdAt"`,
      "more reports actioned than filed": `SELECT 1 FROM "Account" WHERE "reportsActioned" > "reportsFiled"`,
    });
    expect(
      await count(db, `SELECT count(*) AS n FROM (SELECT "contentHash" FROM "Post" GROUP BY 1 HAVING count(*) > 1) d`),
    ).toBeGreaterThan(0);
    expect(await count(db, `SELECT count(*) AS n FROM "Post" WHERE visibility = 'taken_down'`)).toBeGreaterThan(0);
    expect(
      await count(db, `SELECT count(*) AS n FROM "Account" WHERE status IN ('suspended', 'banned')`),
    ).toBeGreaterThan(0);
    const posts = await db.prisma.post.findMany({ take: 200, include: { keyframes: true } });
    for (const p of posts) {
      expect(p.posterUrl).toBe(`/media/posts/${p.id}/poster.svg`);
      expect(p.videoUrl).toBeNull();
      expect(p.contentHash).toMatch(HEX64);
      expect(p.durationMs).toBeGreaterThanOrEqual(4000);
      expect(p.durationMs).toBeLessThanOrEqual(20000);
      expect(p.keyframes).toHaveLength(4);
      for (const k of p.keyframes) {
        expect(k.phash).toMatch(HEX64);
        expect(k.imageUrl).toBe(`/media/posts/${p.id}/keyframes/${k.index}.svg`);
      }
    }
    for (const c of await db.prisma.inviteCode.findMany({ take: 500 }))
      expect(c.code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$/);
  });

  it("is deterministic for a given base time", async () => {
    const policies = (await db.prisma.policy.findMany()).map((p) => ({ ...p }));
    const a = buildDemoWorld(NOW, policies);
    const b = buildDemoWorld(NOW, policies);
    expect(b.posts.map((p) => [p.id, p.prompt])).toEqual(a.posts.map((p) => [p.id, p.prompt]));
    expect(b.cases.map((c) => [c.id, c.subjectKey, c.queue, c.priority])).toEqual(
      a.cases.map((c) => [c.id, c.subjectKey, c.queue, c.priority]),
    );

    // and a second database seeded with the same base time holds the same rows
    const other = await freshDatabase();
    try {
      await seedDemo(other, { now: NOW });
      const sample = {
        where: { id: { in: ["post_000001", "post_000777", "post_001500", "post_002999"] } },
        orderBy: { id: "asc" as const },
        select: { id: true, prompt: true, creatorId: true, contentHash: true },
      };
      expect(await other.prisma.post.findMany(sample)).toEqual(await db.prisma.post.findMany(sample));
      const caseSample = {
        orderBy: { id: "asc" as const },
        take: 50,
        select: { id: true, subjectKey: true, queue: true, priority: true },
      };
      expect(await other.prisma.case.findMany(caseSample)).toEqual(await db.prisma.case.findMany(caseSample));
    } finally {
      await other.close();
    }
    // a whole second demo world is seeded: on a loaded machine that takes longer than the default minute
  }, 180_000);

  it("adds scale data next to the demo world, a new generation per run", async () => {
    const before = await db.prisma.post.count();
    const beforeOpen = await db.prisma.case.count({ where: { status: "open" } });
    const progress: number[] = [];
    const first = await seedScale(db, { posts: 2000, onProgress: (done, total) => progress.push(done / total) });
    expect(first.posts).toBe(2000);
    expect(await db.prisma.post.count()).toBe(before + 2000);
    expect(await db.prisma.case.count({ where: { status: "open" } })).toBe(beforeOpen + first.cases);
    expect(first.cases).toBe(250);
    expect(progress.at(-1)).toBe(1);
    const second = await seedScale(db, { posts: 2000 });
    expect(second.runId).not.toBe(first.runId);
    expect(await db.prisma.post.count()).toBe(before + 4000);
    expect(
      await count(
        db,
        `SELECT count(*) AS n FROM "Case" c WHERE c."signalCount" <> (SELECT count(*) FROM "Signal" s WHERE s."caseId" = c.id)`,
      ),
    ).toBe(0);
    await expect(seedScale(db, { posts: 0 })).rejects.toThrow(/whole number/);
    await expect(seedScale(db, { posts: 1_000_001 })).rejects.toThrow(/whole number/);
  });

  it("serves posters and keyframes with safe headers, and 404s what does not exist", async () => {
    const app = express();
    // As the app leaves it for a signed-in user: here an admin, who may see every post.
    const access = await contentAccessFor(db, "admin");
    app.use("/media", (_req, res, next) => {
      res.locals.contentAccess = access;
      next();
    });
    app.use(
      "/media",
      createMediaRouter(
        () => db,
        null,
        () => new Date(),
      ),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
    try {
      const poster = await fetch(`${base}/posts/post_000001/poster.svg`);
      expect(poster.status).toBe(200);
      expect(poster.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect(poster.headers.get("cache-control")).toBe("private, max-age=3600");
      expect(poster.headers.get("x-content-type-options")).toBe("nosniff");
      expect(poster.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
      const post = await db.prisma.post.findUniqueOrThrow({ where: { id: "post_000001" } });
      expect(await poster.text()).toBe(renderPoster(post));
      expect((await fetch(`${base}/posts/post_000001/keyframes/3.svg`)).status).toBe(200);
      for (const path of [
        "/posts/post_000001/keyframes/4.svg",
        "/posts/post_000001/keyframes/x.svg",
        "/posts/post_000001/keyframes/999.svg",
        "/posts/nope/poster.svg",
        "/posts/bad%20id/poster.svg",
        "/other",
      ]) {
        const res = await fetch(`${base}${path}`);
        expect(res.status, path).toBe(404);
        expect(((await res.json()) as { error: string }).error).toBeTruthy();
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("SVG renderer", () => {
  // jsdom (already a dev dependency for the client tests) ships no type declarations; only DOMParser is needed
  type Jsdom = { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
  const parse = async (svg: string) => {
    const { JSDOM } = (await import("jsdom" as string)) as Jsdom;
    return new new JSDOM("").window.DOMParser().parseFromString(svg, "image/svg+xml");
  };
  const nasty = { id: "post_x", prompt: `<script>alert("hi")</script> & 'quotes' "double" \u0001 ]]> <!-- -->` };

  it("produces well-formed SVG with everything from the prompt escaped", async () => {
    for (const svg of [renderPoster(nasty), renderKeyframe(nasty, 0), renderKeyframe(nasty, 3)]) {
      const doc = await parse(svg);
      expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
      expect(doc.documentElement.tagName).toBe("svg");
      expect(doc.documentElement.getAttribute("viewBox")).toBe("0 0 270 480");
      expect(svg).not.toMatch(/<script|<foreignObject|href=|@import|url\((?!#)/i);
      expect(svg).toContain("&lt;script&gt;");
      expect(svg).toContain("&amp;");
      expect(svg).toContain("&quot;");
      expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:/);
      expect(doc.documentElement.textContent).toContain("<script>");
    }
  });

  it("is deterministic and differs between posts and frames", () => {
    const post = { id: "post_000042", prompt: "a corgi in a tiny raincoat surfing a giant wave, claymation" };
    expect(renderPoster(post)).toBe(renderPoster({ ...post }));
    expect(renderKeyframe(post, 2)).toBe(renderKeyframe({ ...post }, 2));
    expect(renderKeyframe(post, 1)).not.toBe(renderKeyframe(post, 2));
    expect(renderPoster(post)).not.toBe(renderPoster({ ...post, id: "post_000043" }));
  });
});
