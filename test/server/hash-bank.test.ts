// The hash bank: taking a post down banks its file hash and keyframe hashes; new posts that match are flagged for
// review with what they match and how closely; restored posts and deactivated entries stop matching.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { startHashScanWorker } from "../../server/domain/hashbank/worker.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { useTestApp } from "../support/app-server.ts";
import { TEST_KEY } from "../support/platform.ts";
import { signedHeaders } from "../../server/platform/signature.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const statement = {
  dsaGround: "incompatible_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
  visibility: "removed" as const,
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ["WORLD"],
};

const hex = (bytes = 32) => crypto.randomBytes(bytes).toString("hex");
/** The same 256-bit hash with its first `bits` bits flipped. */
function flip(hash: string, bits: number): string {
  const buf = Buffer.from(hash, "hex");
  for (let i = 0; i < bits; i++) buf[i >> 3]! ^= 0x80 >> (i & 7);
  return buf.toString("hex");
}

let seq = 0;
function publish(
  creatorId: string,
  opts: { contentHash?: string; phashes?: string[] } = {},
): { postId: string; events: PlatformEvent[] } {
  const postId = `hb_post_${++seq}_${hex(3)}`;
  const at = NOW.toISOString();
  return {
    postId,
    events: [
      {
        id: `evt_${postId}`,
        type: "post.published",
        occurredAt: at,
        data: {
          id: postId,
          creatorId,
          prompt: `clip ${postId}`,
          durationMs: 8_000,
          contentHash: opts.contentHash ?? hex(),
          keyframes: (opts.phashes ?? [hex(), hex()]).map((phash, index) => ({ index, atMs: index * 1_000, phash })),
          cameoIds: [],
          hasC2pa: false,
          hasWatermark: false,
          viewCount: 10,
          remixCount: 0,
          createdAt: at,
        },
      },
    ],
  };
}

describe("hash bank", () => {
  let db: Database;
  let moderator: SessionUser;
  let staff: SessionUser;
  let policyId: string;
  const creatorId = `hb_creator_${hex(3)}`;
  const ingest = (events: PlatformEvent[]) =>
    ingestEvents(db, events, { keyId: "test-key", requestId: "test", now: NOW });
  const scanAll = async () => {
    let total = { scanned: 0, matched: 0 };
    for (;;) {
      const r = await scanNewPosts(db, { now: NOW, limit: 3 });
      total = { scanned: total.scanned + r.scanned, matched: total.matched + r.matched };
      if (r.scanned === 0) return total;
    }
  };
  const hashSignal = (postId: string) =>
    db.prisma.signal.findFirst({ where: { postId, model: "hash_bank" }, include: { case: true } });

  /** Publishes a post, opens a case on it and takes it down through the review procedure. */
  async function removed(opts: { contentHash?: string; phashes?: string[] } = {}) {
    const post = publish(creatorId, opts);
    await ingest(post.events);
    await scanAll();
    const c = await db.prisma.case.create({
      data: {
        queue: "user_report",
        subjectType: "post",
        subjectKey: `post:${post.postId}`,
        postId: post.postId,
        category: "violence",
      },
    });
    const decision = await callerFor(db, moderator, { now: () => NOW }).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "take_down_post",
      policyId,
      reason: "Graphic violence against a real person",
      statement,
    });
    return { postId: post.postId, caseId: c.id, decisionId: decision.decisionId };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    staff = await createStaff(db, "staff", "Sam Legal");
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } })).id;
    await ingest([
      {
        id: `evt_${creatorId}`,
        type: "account.upserted",
        occurredAt: NOW.toISOString(),
        data: { id: creatorId, handle: creatorId, displayName: "Creator", createdAt: NOW.toISOString() },
      },
    ]);
  });
  afterAll(() => db.close());

  it("banks a removed post's file hash and each keyframe hash, once", async () => {
    const phashes = [hex(), hex(), hex()];
    const original = await removed({ phashes });
    const entries = await db.prisma.hashBankEntry.findMany({
      where: { postId: original.postId },
      orderBy: { kind: "asc" },
    });
    expect(entries.map((e) => [e.kind, e.decisionId, e.policyId, e.active])).toEqual([
      ["exact", original.decisionId, policyId, true],
      ...phashes.map(() => ["perceptual", original.decisionId, policyId, true]),
    ]);
    expect(
      entries
        .filter((e) => e.kind === "perceptual")
        .map((e) => e.hash)
        .sort(),
    ).toEqual([...phashes].sort());
  });

  it("flags an exact copy, a near copy within the distance and leaves a different post alone", async () => {
    const contentHash = hex();
    const frame = hex();
    const original = await removed({ contentHash, phashes: [frame, hex()] });

    const copy = publish(creatorId, { contentHash });
    const nearCopy = publish(creatorId, { phashes: [hex(), flip(frame, 12)] });
    const tooFar = publish(creatorId, { phashes: [flip(frame, 40)] });
    const unrelated = publish(creatorId);
    await ingest([...copy.events, ...nearCopy.events, ...tooFar.events, ...unrelated.events]);
    expect(await scanAll()).toEqual({ scanned: 4, matched: 2 });

    const exact = await hashSignal(copy.postId);
    expect(exact).toMatchObject({
      kind: "classifier_flag",
      score: 1,
      category: "violence",
      payload: {
        matchKind: "exact",
        distance: 0,
        matchedPostId: original.postId,
        decisionId: original.decisionId,
        policyCode: "violence",
      },
      case: { queue: "flagged_generation", status: "open", maxScore: 1 },
    });
    const near = await hashSignal(nearCopy.postId);
    expect(near).toMatchObject({
      score: Math.round((1 - 12 / 256) * 1000) / 1000,
      payload: { matchKind: "perceptual", distance: 12, matchedPostId: original.postId },
    });
    // The case view says what matched, and carries no signal payload beyond that.
    const detail = await callerFor(db, moderator, { now: () => NOW }).case.get({ caseId: exact!.caseId });
    const shown = detail.signals.find((sig) => sig.model === "hash_bank")!;
    expect(shown.hashMatch).toEqual({
      matchKind: "exact",
      distance: 0,
      matchedPostId: original.postId,
      decisionId: original.decisionId,
      policyCode: "violence",
    });
    expect(detail.signals.every((sig) => !("payload" in sig))).toBe(true);
    expect(await hashSignal(tooFar.postId)).toBeNull();
    expect(await hashSignal(unrelated.postId)).toBeNull();
    // Every match is on the record, as the system's doing.
    expect(
      await db.prisma.auditLog.count({
        where: { action: "hash_bank.match", actorType: "system", subjectId: { in: [copy.postId, nearCopy.postId] } },
      }),
    ).toBe(2);

    // Scanned posts are not compared again.
    expect(await scanAll()).toEqual({ scanned: 0, matched: 0 });
    expect(await db.prisma.signal.count({ where: { postId: copy.postId, model: "hash_bank" } })).toBe(1);
  });

  it("finds a near copy whose 31 differing bits are spread over every part of the hash", async () => {
    // The hardest case for the chunk index: two bits differ in 15 of the 16 chunks and one bit in the last.
    const frame = hex();
    const original = await removed({ phashes: [frame] });
    const buf = Buffer.from(frame, "hex");
    for (let chunk = 0; chunk < 16; chunk++) {
      buf[chunk * 2]! ^= 0x01;
      if (chunk < 15) buf[chunk * 2 + 1]! ^= 0x01;
    }
    const spread = buf.toString("hex");
    const nearCopy = publish(creatorId, { phashes: [spread] });
    await ingest(nearCopy.events);
    await scanAll();
    expect(await hashSignal(nearCopy.postId)).toMatchObject({
      payload: { matchKind: "perceptual", distance: 31, matchedPostId: original.postId },
    });
  });

  it("compares with every entry when the distance setting is beyond what the chunk index can find", async () => {
    const frame = hex();
    const original = await removed({ phashes: [frame] });
    // Two bits differ in every chunk: 32 bits, which no chunk probe reaches.
    const buf = Buffer.from(frame, "hex");
    for (let chunk = 0; chunk < 16; chunk++) buf[chunk * 2]! ^= 0x03;
    const far = publish(creatorId, { phashes: [buf.toString("hex")] });
    await ingest(far.events);
    expect(await scanNewPosts(db, { now: NOW, maxDistance: 48 })).toMatchObject({ scanned: 1, matched: 1 });
    expect(await hashSignal(far.postId)).toMatchObject({ payload: { distance: 32, matchedPostId: original.postId } });
  });

  it("stops matching a post once it is restored, and an entry staff took out of matching", async () => {
    const contentHash = hex();
    const original = await removed({ contentHash });
    const c = await db.prisma.case.create({
      data: { queue: "appeal", subjectType: "post", subjectKey: `post:${original.postId}`, postId: original.postId },
    });
    await callerFor(db, staff, { now: () => NOW }).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "restore_post",
      policyId,
      reason: "Appeal upheld: news footage",
      statement,
    });
    const retired = await db.prisma.hashBankEntry.findMany({ where: { postId: original.postId } });
    expect(retired.every((e) => !e.active && e.deactivatedReason?.startsWith("Restored by decision"))).toBe(true);

    const other = await removed();
    const [exactEntry] = await db.prisma.hashBankEntry.findMany({ where: { postId: other.postId, kind: "exact" } });
    const otherPost = await db.prisma.post.findUniqueOrThrow({ where: { id: other.postId } });
    const out = await callerFor(db, staff, { now: () => NOW }).hashBank.deactivate({
      entryIds: [exactEntry!.id],
      reason: "Stock footage, not the violation",
    });
    expect(out).toMatchObject({ deactivated: 1, alreadyInactive: 0 });

    const copies = [publish(creatorId, { contentHash }), publish(creatorId, { contentHash: otherPost.contentHash })];
    await ingest(copies.flatMap((p) => p.events));
    expect(await scanAll()).toEqual({ scanned: 2, matched: 0 });

    await expect(
      callerFor(db, staff, { now: () => NOW }).hashBank.deactivate({ entryIds: [exactEntry!.id], reason: "Again" }),
    ).rejects.toThrow("These entries are already out of matching.");
    await expect(
      callerFor(db, staff).hashBank.deactivate({ entryIds: [crypto.randomUUID()], reason: "Nothing" }),
    ).rejects.toThrow(/^entryIds: 1 of the chosen entries do not exist/);
    await expect(callerFor(db, staff).hashBank.deactivate({ entryIds: [exactEntry!.id], reason: "" })).rejects.toThrow(
      /reason: Write the reason/,
    );
    await expect(
      callerFor(db, moderator).hashBank.deactivate({ entryIds: [exactEntry!.id], reason: "Not mine" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a case the removed content its post looks like, closest first", async () => {
    const frame = hex();
    const close = await removed({ phashes: [flip(frame, 4)] });
    const farther = await removed({ phashes: [flip(frame, 20)] });
    await removed({ phashes: [flip(frame, 60)] });
    const post = publish(creatorId, { phashes: [frame] });
    await ingest(post.events);
    const c = await db.prisma.case.create({
      data: { queue: "user_report", subjectType: "post", subjectKey: `post:${post.postId}`, postId: post.postId },
    });
    const similar = await callerFor(db, moderator).case.similarRemoved({ caseId: c.id });
    expect(similar.map((m) => [m.postId, m.matchKind, m.distance, m.policyCode])).toEqual([
      [close.postId, "perceptual", 4, "violence"],
      [farther.postId, "perceptual", 20, "violence"],
    ]);
    expect(similar[0]).toMatchObject({ creatorHandle: creatorId, decisionId: close.decisionId });
  });

  it("lets scanners running side by side share the backlog without comparing a post twice", async () => {
    const contentHash = hex();
    await removed({ contentHash });
    const copies = Array.from({ length: 6 }, () => publish(creatorId, { contentHash }));
    await ingest(copies.flatMap((p) => p.events));
    const runs = await Promise.all([1, 2, 3].map(() => scanNewPosts(db, { now: NOW, limit: 2 })));
    const rest = await scanAll();
    expect(runs.reduce((sum, r) => sum + r.scanned, 0) + rest.scanned).toBe(6);
    expect(
      await db.prisma.signal.count({ where: { postId: { in: copies.map((c) => c.postId) }, model: "hash_bank" } }),
    ).toBe(6);
  });

  it("runs in the background: the worker flags a copy soon after it is published, and stops cleanly", async () => {
    const contentHash = hex();
    await removed({ contentHash });
    const worker = startHashScanWorker({ db, log: silentLogger, now: () => NOW, maxDistance: 31, pollMs: 20 });
    try {
      const copy = publish(creatorId, { contentHash });
      await ingest(copy.events);
      const deadline = Date.now() + 10_000;
      while (!(await hashSignal(copy.postId))) {
        expect(Date.now(), "the worker did not flag the copy").toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await worker.stop();
    }
  });

  it("lists entries newest first by kind and state, with totals, in keyset pages", async () => {
    const a = await removed({ phashes: [hex()] });
    const api = callerFor(db, staff);
    const exactPage = await api.hashBank.list({ kind: "exact", limit: 1 });
    expect(exactPage.items).toHaveLength(1);
    expect(exactPage.items[0]).toMatchObject({
      kind: "exact",
      post: { id: a.postId, creator: { id: creatorId } },
      decision: { id: a.decisionId },
      policy: { code: "violence" },
    });
    const next = await api.hashBank.list({ kind: "exact", limit: 1, cursor: exactPage.nextCursor! });
    expect(next.items[0]!.createdAt.getTime()).toBeLessThanOrEqual(exactPage.items[0]!.createdAt.getTime());
    expect(next.items[0]!.id).not.toBe(exactPage.items[0]!.id);

    const byPost = await api.hashBank.list({ postId: a.postId });
    expect(byPost.items.map((e) => e.kind).sort()).toEqual(["exact", "perceptual"]);
    const inactive = await api.hashBank.list({ active: false });
    expect(inactive.items.every((e) => !e.active && e.deactivatedReason)).toBe(true);
    expect(inactive.items.some((e) => e.deactivatedBy?.displayName === "Sam Legal")).toBe(true);
    const total = (await api.hashBank.list({})).counts.reduce((sum, c) => sum + c.count, 0);
    expect(total).toBe(await db.prisma.hashBankEntry.count());
  });
});

describe("GET /api/v1/hash-bank", () => {
  const t = useTestApp();
  const get = (query = "", headers: Record<string, string> = {}) =>
    fetch(`${t.base}/api/v1/hash-bank${query}`, {
      headers: {
        ...signedHeaders(TEST_KEY, { method: "GET", path: `/api/v1/hash-bank${query}`, body: "" }, new Date()),
        ...headers,
      },
    });

  it("pages the active hashes for the platform, with a version that changes when the bank does", async () => {
    const entries = [];
    for (const kind of ["exact", "perceptual", "perceptual"] as const)
      entries.push(await t.db.prisma.hashBankEntry.create({ data: { kind, hash: hex(), createdAt: NOW } }));
    await t.db.prisma.hashBankEntry.create({ data: { kind: "exact", hash: hex(), active: false, createdAt: NOW } });

    const first = await get("?limit=2");
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as {
      version: string;
      entries: { id: string; kind: string; hash: string }[];
      next: string | null;
    };
    expect(page1.entries).toHaveLength(2);
    const second = (await (await get(`?limit=2&after=${page1.next}`)).json()) as typeof page1;
    expect(second.next).toBeNull();
    expect(second.version).toBe(page1.version);
    expect([...page1.entries, ...second.entries].map((e) => e.id)).toEqual(entries.map((e) => e.id).sort());
    expect(second.entries.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${page1.version}"`);
    expect((await get("?limit=2", { "If-None-Match": etag })).status).toBe(304);

    // Taking an entry out changes the version, and the entry leaves the feed.
    await t.db.prisma.hashBankEntry.update({
      where: { id: entries[0]!.id },
      data: { active: false, deactivatedAt: new Date(NOW.getTime() + 1_000) },
    });
    const after = await get("?limit=2", { "If-None-Match": etag });
    expect(after.status).toBe(200);
    const changed = (await after.json()) as typeof page1;
    expect(changed.version).not.toBe(page1.version);
    expect(changed.entries.map((e) => e.id)).not.toContain(entries[0]!.id);
  });

  it("names the bad query parameter and refuses unsigned requests", async () => {
    const bad = await get("?limit=0");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^limit: /);
    const badAfter = await get("?after=nope");
    expect(((await badAfter.json()) as { error: string }).error).toMatch(/^after: not an entry id/);
    expect((await fetch(`${t.base}/api/v1/hash-bank`)).status).toBe(401);
  });
});
