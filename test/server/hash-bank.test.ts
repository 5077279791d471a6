// The hash bank: taking a post down banks its file hashes and the frames Vigil hashed of its video; new posts whose
// video covers most of a banked video (vPDQ) or whose file is the same are flagged for review with what they match
// and how closely; restored posts, deactivated entries and the platform's old keyframe hashes never match.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { REMOVED_CONTENT_BANK_ID } from "../../server/domain/hashbank/bank.ts";
import { startHashScanWorker } from "../../server/domain/hashbank/worker.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { useTestApp } from "../support/app-server.ts";
import { TEST_KEY } from "../support/platform.ts";
import { insertProcessedMedia, type FrameRow } from "../support/media-rows.ts";
import { flip, frames, hex, video } from "../support/hashes.ts";
import { signedHeaders } from "../../server/platform/signature.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const statement = {
  dsaGround: "incompatible_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
  visibility: "removed" as const,
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ["WORLD"],
};

interface PostOpts {
  contentHash?: string;
  /** the platform's own keyframe hashes, sent with the post (never matched) */
  keyframes?: string[];
  /** the post's file arrives by URL: its PostMedia waits as `pending` */
  mediaUrl?: boolean;
  /** what the media worker hashed of the post's file */
  frames?: FrameRow[];
  sha256?: string;
  kind?: "video" | "image";
}

let seq = 0;
function publish(creatorId: string, opts: PostOpts = {}): { postId: string; events: PlatformEvent[] } {
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
          ...(opts.mediaUrl
            ? { media: { url: `https://media.example.com/${postId}.mp4`, mimeType: "video/mp4" } }
            : {}),
          keyframes: (opts.keyframes ?? [hex(), hex()]).map((phash, index) => ({ index, atMs: index * 1_000, phash })),
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

  /** A published post, with its media processed when `frames` or `sha256` is given. */
  async function post(opts: PostOpts = {}) {
    const p = publish(creatorId, opts);
    await ingest(p.events);
    const sha256 =
      opts.frames || opts.sha256
        ? await insertProcessedMedia(db, p.postId, opts.frames ?? [], {
            sha256: opts.sha256,
            now: NOW,
            kind: opts.kind,
          })
        : null;
    return { postId: p.postId, sha256 };
  }

  /** A post (its media processed when given), a case on it, taken down through the review procedure. */
  async function removed(opts: PostOpts = {}) {
    const p = await post(opts);
    await scanAll();
    const c = await db.prisma.case.create({
      data: {
        queue: "user_report",
        subjectType: "post",
        subjectKey: `post:${p.postId}`,
        postId: p.postId,
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
    return { ...p, caseId: c.id, decisionId: decision.decisionId };
  }

  async function caseOn(postId: string) {
    return db.prisma.case.create({
      data: { queue: "user_report", subjectType: "post", subjectKey: `post:${postId}`, postId },
    });
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

  it("banks a removed post's file hashes and each kept frame with its quality and time, once", async () => {
    const [a, b, c] = video(3);
    const original = await removed({
      frames: [
        { atMs: 0, pdq: a!, quality: 90 },
        { atMs: 1_000, pdq: a!, quality: 90 },
        { atMs: 2_000, pdq: b!, quality: 60 },
        { atMs: 3_000, pdq: c!, quality: 30 },
        { atMs: 4_000, pdq: hex(), quality: 90, kept: false },
      ],
    });
    const { contentHash } = await db.prisma.post.findUniqueOrThrow({ where: { id: original.postId } });
    const entries = await db.prisma.hashBankEntry.findMany({
      where: { postId: original.postId },
      orderBy: [{ kind: "asc" }, { atMs: "asc" }, { hash: "asc" }],
    });
    expect(entries.every((e) => e.decisionId === original.decisionId && e.policyId === policyId && e.active)).toBe(
      true,
    );
    expect(entries.every((e) => !e.legacy)).toBe(true);
    // The platform's hash of the file, and Vigil's own SHA-256 and MD5 of it, named as hash lists name them.
    const md5 = (await db.prisma.mediaFile.findUniqueOrThrow({ where: { sha256: original.sha256! } })).md5;
    expect(
      entries
        .filter((e) => e.kind === "exact")
        .map((e) => [e.signalType, e.hash, e.quality, e.atMs])
        .sort(),
    ).toEqual(
      [
        [/^[0-9a-f]{64}$/.test(contentHash) ? "sha256" : "platform", contentHash, null, null],
        ["sha256", original.sha256, null, null],
        ["video_md5", md5, null, null],
      ].sort(),
    );
    // one banked item (the removed post) in the removed-content bank
    expect(new Set(entries.map((e) => `${e.itemId} ${e.bankId}`))).toEqual(
      new Set([`${original.postId} ${REMOVED_CONTENT_BANK_ID}`]),
    );
    // Each kept frame once, with its quality and time; the pruned frame and the platform's keyframes are not banked.
    expect(entries.filter((e) => e.kind === "perceptual").map((e) => [e.hash, e.quality, e.atMs])).toEqual([
      [a, 90, 0],
      [b, 60, 2_000],
      [c, 30, 3_000],
    ]);
  });

  it("flags an exact copy, a near copy within the distance and leaves a different post alone", async () => {
    const contentHash = hex();
    const banked = video(5);
    const original = await removed({ contentHash, frames: frames(banked) });

    const copy = await post({ contentHash });
    const sameFile = await post({ sha256: original.sha256! });
    // four of the banked video's five pictures, 12 bits off each, among two of its own
    const nearCopy = await post({ frames: frames([...banked.slice(0, 4).map((h) => flip(h, 12)), ...video(2)]) });
    const tooFar = await post({ frames: frames(banked.map((h) => flip(h, 40))) });
    const unrelated = await post({ frames: frames(video(5)) });
    expect(await scanAll()).toEqual({ scanned: 5, matched: 3 });

    const exact = await hashSignal(copy.postId);
    expect(exact).toMatchObject({
      kind: "classifier_flag",
      score: 1,
      category: "violence",
      payload: {
        matchKind: "exact",
        distance: 0,
        queryPct: null,
        comparisonPct: null,
        matchedPostId: original.postId,
        decisionId: original.decisionId,
        policyCode: "violence",
      },
      case: { queue: "flagged_generation", status: "open", maxScore: 1 },
    });
    expect(await hashSignal(sameFile.postId)).toMatchObject({
      score: 1,
      payload: { matchKind: "exact", matchedPostId: original.postId },
    });
    expect(await hashSignal(nearCopy.postId)).toMatchObject({
      score: 0.8,
      payload: {
        matchKind: "perceptual",
        distance: 12,
        queryPct: 66.7,
        comparisonPct: 80,
        matchedPostId: original.postId,
        decisionId: original.decisionId,
      },
    });
    // The case view says what matched, and carries no signal payload beyond that.
    const detail = await callerFor(db, moderator, { now: () => NOW }).case.get({ caseId: exact!.caseId });
    const shown = detail.signals.find((sig) => sig.model === "hash_bank")!;
    expect(shown.hashMatch).toEqual({
      matchKind: "exact",
      distance: 0,
      queryPct: null,
      comparisonPct: null,
      matchedPostId: original.postId,
      decisionId: original.decisionId,
      policyCode: "violence",
    });
    expect(detail.signals.every((sig) => !("payload" in sig))).toBe(true);
    expect(await hashSignal(tooFar.postId)).toBeNull();
    expect(await hashSignal(unrelated.postId)).toBeNull();
    // Every match is on the record, as the system's doing, with how close it was.
    const audits = await db.prisma.auditLog.findMany({
      where: { action: "hash_bank.match", actorType: "system", subjectId: { in: [copy.postId, nearCopy.postId] } },
    });
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.subjectId === nearCopy.postId)!.details).toMatchObject({
      matchKind: "perceptual",
      queryPct: 66.7,
      comparisonPct: 80,
    });

    // Scanned posts are not compared again.
    expect(await scanAll()).toEqual({ scanned: 0, matched: 0 });
    expect(await db.prisma.signal.count({ where: { postId: copy.postId, model: "hash_bank" } })).toBe(1);
  });

  it("matches a video by the share of the banked video's unique frames found in it, never by one frame", async () => {
    const banked = video(5);
    const original = await removed({ frames: frames(banked) });
    const oneFrame = await post({ frames: frames([banked[0]!, ...video(2)]) });
    // the same two pictures over and over are two frames of five
    const repeated = await post({ frames: frames([banked[0]!, banked[0]!, banked[0]!, banked[0]!, banked[1]!]) });
    const threeOfFive = await post({ frames: frames([...banked.slice(0, 3), hex()]) });
    const fourOfFive = await post({ frames: frames([...banked.slice(0, 4), ...video(4)]) });
    const whole = await post({ frames: frames([...banked, ...[...banked].reverse(), ...video(5)]) });
    expect(await scanAll()).toEqual({ scanned: 5, matched: 2 });

    for (const p of [oneFrame, repeated, threeOfFive]) expect(await hashSignal(p.postId)).toBeNull();
    expect(await hashSignal(fourOfFive.postId)).toMatchObject({
      score: 0.8,
      payload: {
        matchKind: "perceptual",
        distance: 0,
        queryPct: 50,
        comparisonPct: 80,
        matchedPostId: original.postId,
      },
    });
    expect(await hashSignal(whole.postId)).toMatchObject({
      score: 1,
      payload: {
        matchKind: "perceptual",
        distance: 0,
        queryPct: 50,
        comparisonPct: 100,
        matchedPostId: original.postId,
      },
    });
    // Nor is a one-frame overlap shown as similar removed content.
    const c = await caseOn(oneFrame.postId);
    expect(await callerFor(db, moderator).case.similarRemoved({ caseId: c.id })).toEqual([]);
  });

  it("never matches frames below PDQ quality 50, on either side", async () => {
    const [good, poor] = video(2);
    const original = await removed({
      frames: [
        { atMs: 0, pdq: good!, quality: 90 },
        { atMs: 1_000, pdq: poor!, quality: 30 },
      ],
    });
    const poorCopy = await post({ frames: [{ atMs: 0, pdq: good!, quality: 49 }] });
    const ofPoorFrame = await post({ frames: [{ atMs: 0, pdq: poor!, quality: 100 }] });
    // the banked video is its one good frame, so a post with that frame has all of it
    const ofGoodFrame = await post({ frames: [{ atMs: 0, pdq: good!, quality: 50 }] });
    expect(await scanAll()).toEqual({ scanned: 3, matched: 1 });
    expect(await hashSignal(poorCopy.postId)).toBeNull();
    expect(await hashSignal(ofPoorFrame.postId)).toBeNull();
    expect(await hashSignal(ofGoodFrame.postId)).toMatchObject({
      payload: { matchKind: "perceptual", queryPct: 100, comparisonPct: 100, matchedPostId: original.postId },
    });
  });

  it("matches a still image by its one PDQ hash, alone or shown in a video", async () => {
    const still = hex();
    const original = await removed({ frames: [{ atMs: 0, pdq: still, quality: 95 }], kind: "image" });
    const reEncoded = await post({ frames: [{ atMs: 0, pdq: flip(still, 10), quality: 95 }], kind: "image" });
    const inVideo = await post({ frames: frames([...video(7), flip(still, 3)]) });
    expect(await scanAll()).toEqual({ scanned: 2, matched: 2 });
    expect(await hashSignal(reEncoded.postId)).toMatchObject({
      payload: {
        matchKind: "perceptual",
        distance: 10,
        queryPct: 100,
        comparisonPct: 100,
        matchedPostId: original.postId,
      },
    });
    expect(await hashSignal(inVideo.postId)).toMatchObject({
      payload: {
        matchKind: "perceptual",
        distance: 3,
        queryPct: 12.5,
        comparisonPct: 100,
        matchedPostId: original.postId,
      },
    });
  });

  it("finds a near copy whose 31 differing bits are spread over every part of the hash", async () => {
    // The hardest case for the chunk index: two bits differ in 15 of the 16 chunks and one bit in the last.
    const frame = hex();
    const original = await removed({ frames: frames([frame]) });
    const buf = Buffer.from(frame, "hex");
    for (let chunk = 0; chunk < 16; chunk++) {
      buf[chunk * 2]! ^= 0x01;
      if (chunk < 15) buf[chunk * 2 + 1]! ^= 0x01;
    }
    const nearCopy = await post({ frames: frames([buf.toString("hex")]) });
    await scanAll();
    expect(await hashSignal(nearCopy.postId)).toMatchObject({
      payload: { matchKind: "perceptual", distance: 31, comparisonPct: 100, matchedPostId: original.postId },
    });
  });

  it("finds a frame 31 bits from a banked one and never one 32 bits away", async () => {
    const frame = hex();
    const original = await removed({ frames: frames([frame]) });
    // 31 bits: two differ in each of 15 chunks and one in the last, the closest the index guarantees to find.
    const flip = (chunks: number, lastBits: number) => {
      const buf = Buffer.from(frame, "hex");
      for (let chunk = 0; chunk < chunks; chunk++) buf[chunk * 2]! ^= 0x03;
      buf[chunks * 2]! ^= lastBits;
      return buf.toString("hex");
    };
    const near = await post({ frames: frames([flip(15, 0x01)]) });
    const far = await post({ frames: frames([flip(16, 0x00)]) });
    expect(await scanNewPosts(db, { now: NOW, maxDistance: 31 })).toMatchObject({ scanned: 2, matched: 1 });
    expect(await hashSignal(near.postId)).toMatchObject({ payload: { distance: 31, matchedPostId: original.postId } });
    expect(await hashSignal(far.postId)).toBeNull();
  });

  it("waits for a post's media, and looks again at a post scanned while its media was being retried", async () => {
    const banked = video(3);
    const original = await removed({ frames: frames(banked) });
    const waiting = await post({ mediaUrl: true });
    const noMedia = await post();
    const ready = await post({ frames: frames(video(3)) });
    expect(await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: waiting.postId } })).toMatchObject({
      status: "pending",
      rescan: false,
    });
    // The post waits while its file is fetched and processed, so its own frames are compared.
    expect(await scanAll()).toEqual({ scanned: 2, matched: 0 });
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: waiting.postId } })).hashScannedAt).toBeNull();
    expect((await db.prisma.post.findUniqueOrThrow({ where: { id: noMedia.postId } })).hashScannedAt).toEqual(NOW);

    // A failed fetch to be tried again later: the matcher looks now (the exact hash may match) and asks to look again.
    await db.prisma.postMedia.update({ where: { postId: waiting.postId }, data: { status: "retrying", attempts: 1 } });
    expect(await scanAll()).toEqual({ scanned: 1, matched: 0 });
    expect(await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: waiting.postId } })).toMatchObject({
      status: "retrying",
      rescan: true,
    });
    expect((await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: ready.postId } })).rescan).toBe(false);

    // The media worker's step once the file is processed: frames stored, media ready, and the post to be scanned anew.
    await insertProcessedMedia(db, waiting.postId, frames(banked), { now: NOW });
    await db.prisma.$transaction([
      db.prisma.postMedia.update({ where: { postId: waiting.postId }, data: { rescan: false } }),
      db.prisma.post.update({ where: { id: waiting.postId }, data: { hashScannedAt: null } }),
    ]);
    expect(await scanAll()).toEqual({ scanned: 1, matched: 1 });
    expect(await hashSignal(waiting.postId)).toMatchObject({
      payload: { matchKind: "perceptual", comparisonPct: 100, matchedPostId: original.postId },
    });
    expect((await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: waiting.postId } })).rescan).toBe(false);
  });

  it("never matches the platform's keyframe hashes, nor legacy perceptual entries", async () => {
    const keyframes = video(2);
    const banked = video(2);
    const original = await removed({ keyframes, frames: frames(banked) });
    const sameKeyframes = await post({ keyframes });
    // The bank as it was before Vigil hashed media itself: the platform's hashes, kept for the record only.
    await db.prisma.hashBankEntry.updateMany({
      where: { postId: original.postId, kind: "perceptual" },
      data: { legacy: true },
    });
    const sameFrames = await post({ frames: frames(banked) });
    expect(await scanAll()).toEqual({ scanned: 2, matched: 0 });
    expect(await hashSignal(sameKeyframes.postId)).toBeNull();
    expect(await hashSignal(sameFrames.postId)).toBeNull();
    expect(
      await callerFor(db, moderator).case.similarRemoved({ caseId: (await caseOn(sameFrames.postId)).id }),
    ).toEqual([]);
  });

  it("stops matching a post once it is restored, and an entry staff took out of matching", async () => {
    const contentHash = hex();
    const restoredFrames = video(2);
    const original = await removed({ contentHash, frames: frames(restoredFrames) });
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
    expect(retired.map((e) => e.kind).sort()).toEqual(["exact", "exact", "exact", "perceptual", "perceptual"]);
    expect(retired.every((e) => !e.active && e.deactivatedReason?.startsWith("Restored by decision"))).toBe(true);

    // Staff take all of another post's file hashes out at once: one batch on the record, with the reason.
    const otherFrames = video(2);
    const other = await removed({ frames: frames(otherFrames) });
    const exactEntries = await db.prisma.hashBankEntry.findMany({ where: { postId: other.postId, kind: "exact" } });
    expect(exactEntries).toHaveLength(3);
    const otherPost = await db.prisma.post.findUniqueOrThrow({ where: { id: other.postId } });
    const out = await callerFor(db, staff, { now: () => NOW }).hashBank.deactivate({
      entryIds: exactEntries.map((e) => e.id),
      reason: "Stock footage, not the violation",
    });
    expect(out).toMatchObject({ deactivated: 3, alreadyInactive: 0, batchId: expect.any(String) });
    const audits = await db.prisma.auditLog.findMany({
      where: { action: "hash_bank.deactivate", subjectId: { in: exactEntries.map((e) => e.id) } },
    });
    expect(audits.map((a) => [a.batchId, (a.details as { reason: string }).reason])).toEqual([
      [out.batchId, "Stock footage, not the violation"],
      [out.batchId, "Stock footage, not the violation"],
      [out.batchId, "Stock footage, not the violation"],
    ]);
    const deactivated = await db.prisma.hashBankEntry.findMany({
      where: { id: { in: exactEntries.map((e) => e.id) } },
    });
    expect(deactivated.every((e) => !e.active && e.deactivatedReason === "Stock footage, not the violation")).toBe(
      true,
    );

    const restoredCopies = [await post({ contentHash }), await post({ frames: frames(restoredFrames) })];
    const otherCopy = await post({ contentHash: otherPost.contentHash });
    // its frames were not taken out, so the same file or a copy of the video still matches, by its frames
    const otherFile = await post({ sha256: other.sha256! });
    const otherVideo = await post({ frames: frames(otherFrames) });
    expect(await scanAll()).toEqual({ scanned: 5, matched: 2 });
    for (const p of [...restoredCopies, otherCopy]) expect(await hashSignal(p.postId)).toBeNull();
    for (const p of [otherFile, otherVideo])
      expect(await hashSignal(p.postId)).toMatchObject({
        payload: { matchKind: "perceptual", comparisonPct: 100, matchedPostId: other.postId },
      });

    await expect(
      callerFor(db, staff, { now: () => NOW }).hashBank.deactivate({
        entryIds: [exactEntries[0]!.id],
        reason: "Again",
      }),
    ).rejects.toThrow("These entries are already out of matching.");
    await expect(
      callerFor(db, staff).hashBank.deactivate({ entryIds: [crypto.randomUUID()], reason: "Nothing" }),
    ).rejects.toThrow(/^entryIds: 1 of the chosen entries do not exist/);
    await expect(
      callerFor(db, staff).hashBank.deactivate({ entryIds: [exactEntries[0]!.id], reason: "" }),
    ).rejects.toThrow(/reason: Write the reason/);
    await expect(
      callerFor(db, moderator).hashBank.deactivate({ entryIds: [exactEntries[0]!.id], reason: "Not mine" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a case the removed content its post looks like: same file first, then most of the video, closest", async () => {
    const contentHash = hex();
    const [frame, g, h, i] = video(4);
    const sameFile = await removed({ contentHash });
    const close = await removed({ frames: frames([flip(frame!, 4)]) });
    const farther = await removed({ frames: frames([flip(frame!, 20)]) });
    await removed({ frames: frames([flip(frame!, 60)]) });
    // four fifths of this video are in the post, each 2 bits off
    const mostOf = await removed({ frames: frames([frame!, g!, h!, i!].map((x) => flip(x, 2)).concat(hex())) });
    // one frame of five is not enough
    await removed({ frames: frames([flip(frame!, 1), ...video(4)]) });
    const p = await post({ contentHash, frames: frames([frame!, g!, h!, i!]) });
    const similar = await callerFor(db, moderator).case.similarRemoved({ caseId: (await caseOn(p.postId)).id });
    expect(similar.map((m) => [m.postId, m.matchKind, m.distance, m.queryPct, m.comparisonPct, m.policyCode])).toEqual([
      [sameFile.postId, "exact", 0, null, null, "violence"],
      [close.postId, "perceptual", 4, 25, 100, "violence"],
      [farther.postId, "perceptual", 20, 25, 100, "violence"],
      [mostOf.postId, "perceptual", 2, 100, 80, "violence"],
    ]);
    expect(similar[1]).toMatchObject({ creatorHandle: creatorId, decisionId: close.decisionId });
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
    const banked = video(3);
    await removed({ frames: frames(banked) });
    const worker = startHashScanWorker({ db, log: silentLogger, now: () => NOW, maxDistance: 31, pollMs: 20 });
    try {
      // published with its file to fetch: the worker waits until the frames are there
      const copy = await post({ mediaUrl: true });
      await insertProcessedMedia(db, copy.postId, frames(banked), { now: NOW });
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
    const a = await removed({ frames: frames([hex()]) });
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
    expect(byPost.items.map((e) => e.kind).sort()).toEqual(["exact", "exact", "exact", "perceptual"]);
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
  type Page = {
    version: string;
    entries: {
      id: string;
      kind: string;
      hash: string;
      postId: string | null;
      atMs: number | null;
      quality: number | null;
    }[];
    next: string | null;
  };

  it("pages the active hashes for the platform, with a version that changes when the bank does", async () => {
    const removedPost = await insertPost(t.db, (await insertAccount(t.db)).id);
    const entries = [
      await t.db.prisma.hashBankEntry.create({
        data: { kind: "exact", hash: hex(), postId: removedPost.id, createdAt: NOW },
      }),
    ];
    for (const atMs of [0, 1_000])
      entries.push(
        await t.db.prisma.hashBankEntry.create({
          data: { kind: "perceptual", hash: hex(), postId: removedPost.id, atMs, quality: 80, createdAt: NOW },
        }),
      );
    await t.db.prisma.hashBankEntry.create({ data: { kind: "exact", hash: hex(), active: false, createdAt: NOW } });
    // a keyframe hash the platform sent long ago: kept for the record, not for matching, so not in the feed
    const legacy = await t.db.prisma.hashBankEntry.create({
      data: { kind: "perceptual", hash: hex(), legacy: true, createdAt: NOW },
    });

    const first = await get("?limit=2");
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as Page;
    expect(page1.entries).toHaveLength(2);
    const second = (await (await get(`?limit=2&after=${page1.next}`)).json()) as Page;
    expect(second.next).toBeNull();
    expect(second.version).toBe(page1.version);
    const all = [...page1.entries, ...second.entries];
    expect(all.map((e) => e.id)).toEqual(entries.map((e) => e.id).sort());
    expect(all.map((e) => e.id)).not.toContain(legacy.id);
    expect(all.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    // a video's frames carry the removed post and their time and quality, so the platform can match them as vPDQ
    expect(
      entries.map((e) => {
        const { kind, postId, atMs, quality } = all.find((x) => x.id === e.id)!;
        return { kind, postId, atMs, quality };
      }),
    ).toEqual([
      { kind: "exact", postId: removedPost.id, atMs: null, quality: null },
      { kind: "perceptual", postId: removedPost.id, atMs: 0, quality: 80 },
      { kind: "perceptual", postId: removedPost.id, atMs: 1_000, quality: 80 },
    ]);

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
    const changed = (await after.json()) as Page;
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
