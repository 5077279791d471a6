// Named banks and their actions, the platform's match API, and the in-memory index kept in step across servers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { HashIndexService, hashIndexFor } from "../../server/domain/hashbank/index-service.ts";
import { REMOVED_CONTENT_BANK_ID } from "../../server/domain/hashbank/bank.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { startTestApp } from "../support/app-server.ts";
import { postSigned } from "../support/platform.ts";
import { insertProcessedMedia } from "../support/media-rows.ts";
import { flip, frames, hex, video } from "../support/hashes.ts";
import { insertAccount, insertPost } from "../support/fixtures.ts";
import { formatVpdqValue } from "../../server/domain/hashbank/hash-list.ts";
import { runRetroScanStep } from "../../server/domain/hashbank/retro-scan.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const statement = {
  dsaGround: "incompatible_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
  visibility: "removed" as const,
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ["WORLD"],
};

describe("hash banks", () => {
  let db: Database;
  let moderator: SessionUser;
  let admin: SessionUser;
  let secondAdmin: SessionUser;
  let creatorId: string;
  let policyId: string;
  const api = (user: SessionUser) => callerFor(db, user, { now: () => NOW });

  async function post(hashes?: string[], sha256?: string) {
    const p = await insertPost(db, creatorId, "clip", hex());
    const media =
      hashes || sha256 ? await insertProcessedMedia(db, p.id, frames(hashes ?? []), { sha256, now: NOW }) : null;
    return { postId: p.id, sha256: media };
  }

  async function removed(hashes: string[], policy = policyId) {
    const p = await post(hashes);
    const c = await db.prisma.case.create({
      data: { queue: "user_report", subjectType: "post", subjectKey: `post:${p.postId}`, postId: p.postId },
    });
    await api(moderator).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "take_down_post",
      policyId: policy,
      reason: "Graphic violence against a real person",
      statement,
    });
    return p;
  }

  const scanAll = async () => {
    let matched = 0;
    for (;;) {
      const r = await scanNewPosts(db, { now: NOW });
      matched += r.matched;
      if (r.scanned === 0) return matched;
    }
  };
  const hashSignal = (postId: string) => db.prisma.signal.findFirst({ where: { postId, model: "hash_bank" } });

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    admin = await createStaff(db, "admin", "Ada Admin");
    secondAdmin = await createStaff(db, "admin", "Bo Admin");
    creatorId = (await insertAccount(db)).id;
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } })).id;
  });
  afterAll(() => db.close());

  it("lets admins create banks, refuses a second of the same name, and keeps them from everyone else", async () => {
    const bank = await api(admin).hashBank.createBank({ name: "Copyright claims", kind: "copyright" });
    expect(bank).toMatchObject({ name: "Copyright claims", kind: "copyright", action: "review", enabled: true });
    await expect(api(admin).hashBank.createBank({ name: "Copyright claims", kind: "spam" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("name:"),
    });
    await expect(api(moderator).hashBank.createBank({ name: "Mine", kind: "spam" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(api(admin).hashBank.createBank({ name: "a,b", kind: "spam" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(api(moderator).hashBank.banks()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const banks = await api(admin).hashBank.banks();
    expect(banks.map((b) => b.name)).toEqual(expect.arrayContaining(["Removed content", "Copyright claims"]));
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "hash_bank.bank_create", subjectId: bank.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id });
  });

  it("takes automatic take-down only with a second admin's approval", async () => {
    const bank = await api(admin).hashBank.createBank({ name: "Known NCII", kind: "ncii" });
    const asked = await api(admin).hashBank.updateBank({
      bankId: bank.id,
      action: "take_down",
      reason: "Survivor-submitted hashes",
    });
    expect(asked).toMatchObject({ action: "review", pendingAction: "take_down", awaitingApproval: true });
    await expect(
      api(admin).hashBank.decideBankAction({ bankId: bank.id, approve: true, reason: "Looks right" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("four-eyes") });
    const approved = await api(secondAdmin).hashBank.decideBankAction({
      bankId: bank.id,
      approve: true,
      reason: "Checked the source",
    });
    expect(approved).toMatchObject({ action: "take_down", pendingAction: null });
    await expect(
      api(secondAdmin).hashBank.decideBankAction({ bankId: bank.id, approve: true, reason: "again" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const actions = await db.prisma.auditLog.findMany({
      where: { subjectId: bank.id, action: { startsWith: "hash_bank.bank_action" } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ["hash_bank.bank_action_request", admin.id],
      ["hash_bank.bank_action_approve", secondAdmin.id],
    ]);
  });

  it("holds a matching post as an automated decision and keeps its case open", async () => {
    const bank = await api(admin).hashBank.createBank({
      name: "Hold on match",
      kind: "violent_extremism",
      action: "hold",
    });
    const holdPolicy = await db.prisma.policy.create({
      data: {
        code: `hold_${hex(3)}`,
        name: "Violent extremism",
        description: "x",
        severity: 5,
        dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
        dsaGround: "incompatible_content",
      },
    });
    await api(admin).hashBank.setPolicyBank({ policyId: holdPolicy.id, bankId: bank.id, reason: "Route to the bank" });
    const original = video(5);
    await removed(original, holdPolicy.id);
    expect(await db.prisma.hashBankEntry.count({ where: { bankId: bank.id, kind: "perceptual" } })).toBe(5);
    const copy = await post(original.map((h) => flip(h, 6)));
    await scanAll();
    const held = await db.prisma.post.findUniqueOrThrow({ where: { id: copy.postId } });
    expect(held.visibility).toBe("held");
    const decisions = await db.prisma.decision.findMany({ where: { postId: copy.postId } });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      type: "hold_post",
      authority: "automated",
      automatedDecision: true,
      automatedDetection: true,
      actorId: null,
    });
    const c = await db.prisma.case.findFirstOrThrow({ where: { postId: copy.postId } });
    expect(c.status).not.toBe("resolved");
    expect(decisions[0]!.caseId).toBe(c.id);
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: decisions[0]!.id } })).toBe(1);
    expect((await hashSignal(copy.postId))?.payload).toMatchObject({
      bankName: "Hold on match",
      bankKind: "violent_extremism",
    });
  });

  it("takes down the same file automatically, once, banking nothing again; a partial video match is left to review", async () => {
    const bank = await db.prisma.hashBank.create({
      data: { name: `Auto ${hex(2)}`, kind: "ncii", action: "take_down", createdAt: NOW },
    });
    const p = await db.prisma.policy.findFirstOrThrow({ where: { id: policyId } });
    await db.prisma.policy.update({ where: { id: p.id }, data: { hashBankId: bank.id } });
    try {
      const sha256 = hex();
      const originalFrames = video(10);
      await removed(originalFrames);
      // the original's file, re-posted
      const original = await db.prisma.hashBankEntry.findFirstOrThrow({
        where: { bankId: bank.id, kind: "exact", signalType: "video_md5" },
      });
      void original;
      const sameFile = await post(video(3), sha256);
      await db.prisma.hashBankEntry.create({
        data: { bankId: bank.id, kind: "exact", hash: sha256, policyId, createdAt: NOW },
      });
      const partial = await post([...originalFrames.slice(0, 9), hex()]);
      const entriesBefore = await db.prisma.hashBankEntry.count();
      await scanAll();
      const down = await db.prisma.post.findUniqueOrThrow({ where: { id: sameFile.postId } });
      expect(down.visibility).toBe("taken_down");
      const [decision, ...more] = await db.prisma.decision.findMany({ where: { postId: sameFile.postId } });
      expect(more).toHaveLength(0);
      expect(decision).toMatchObject({ type: "take_down_post", authority: "automated", automatedDecision: true });
      const events = await db.prisma.outboxEvent.findMany({ where: { decisionId: decision!.id } });
      expect(events.map((e) => e.type)).toEqual(["post.taken_down"]);
      expect(await db.prisma.hashBankEntry.count()).toBe(entriesBefore);
      // 90% of the banked video: flagged for a person, not taken down
      expect((await db.prisma.post.findUniqueOrThrow({ where: { id: partial.postId } })).visibility).toBe("public");
      expect(await hashSignal(partial.postId)).not.toBeNull();
      expect(await db.prisma.decision.count({ where: { postId: partial.postId } })).toBe(0);
    } finally {
      await db.prisma.policy.update({ where: { id: policyId }, data: { hashBankId: null } });
    }
  });

  it("suppresses a match with an entry of a safe bank", async () => {
    const safe = await api(admin).hashBank.createBank({ name: "Known false positives", kind: "safe" });
    const original = video(4);
    await removed(original);
    const lookalike = await post(original.map((h) => flip(h, 3)));
    for (const [i, pdq] of original.entries())
      await db.prisma.hashBankEntry.create({
        data: {
          bankId: safe.id,
          kind: "perceptual",
          hash: flip(pdq, 2),
          quality: 90,
          atMs: i * 1000,
          itemId: "fp-1",
          createdAt: NOW,
        },
      });
    const other = await post(original.map((h) => flip(h, 4)));
    await scanAll();
    expect(await hashSignal(lookalike.postId)).toBeNull();
    expect(await hashSignal(other.postId)).toBeNull();
  });

  it("stops a false positive flagging again once a reviewer says it is not a match, and undoes it", async () => {
    const original = video(5);
    await removed(original);
    const lookalike = await post(original.map((h) => flip(h, 8)));
    await scanAll();
    const c = await db.prisma.case.findFirstOrThrow({ where: { postId: lookalike.postId } });
    await expect(api(moderator).case.notAMatch({ caseId: c.id, reason: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const marked = await api(moderator).case.notAMatch({ caseId: c.id, reason: "Different scene, same colours" });
    expect(marked.entries).toBe(6);
    expect(await api(moderator).case.notAMatchState({ caseId: c.id })).toEqual({ marked: true });
    await expect(api(moderator).case.notAMatch({ caseId: c.id, reason: "again" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    // the same false positive, posted again
    const again = await post(original.map((h) => flip(h, 8)).map((h) => flip(h, 1)));
    await scanAll();
    expect(await hashSignal(again.postId)).toBeNull();
    await api(moderator).case.undoNotAMatch({ caseId: c.id, reason: "Marked by mistake" });
    const third = await post(original.map((h) => flip(h, 8)).map((h) => flip(h, 1)));
    await scanAll();
    expect(await hashSignal(third.postId)).not.toBeNull();
    const audit = await db.prisma.auditLog.findMany({
      where: { caseId: c.id, action: { startsWith: "hash_bank.not_a_match" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["hash_bank.not_a_match", "hash_bank.not_a_match_undo"]);
  });

  describe("match API", () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    beforeAll(async () => {
      app = await startTestApp(db);
    });
    afterAll(() => app.close());
    // the API reads the banks' changes at most a second old; the test reads them first, as a second would
    const match = async (body: unknown) => {
      await hashIndexFor(db).sync();
      return postSigned(app.base, "/api/v1/match", JSON.stringify(body), { now: new Date() });
    };

    it("answers a PDQ hash, a vPDQ frame list and an exact hash keyed by bank, as HMA's lookup does", async () => {
      const banked = video(5);
      const original = await removed(banked);
      const one = await match({ signal_type: "pdq", signal: flip(banked[0]!, 7) });
      expect(one.status).toBe(200);
      expect(await one.json()).toEqual({
        "Removed content": [
          expect.objectContaining({
            bank_content_id: original.postId,
            distance: 7,
            bank_kind: "removed_content",
            action: "review",
            post_id: original.postId,
          }),
        ],
      });
      const vpdq = await match({
        signal_type: "vpdq",
        signal: formatVpdqValue(banked.map((pdq, i) => ({ pdq, quality: 90, atMs: i * 1000 }))),
      });
      expect((await vpdq.json())["Removed content"]).toEqual([
        expect.objectContaining({
          bank_content_id: original.postId,
          compared_match_percent: 100,
          query_match_percent: 100,
        }),
      ]);
      const sha = (await db.prisma.postMedia.findUniqueOrThrow({ where: { postId: original.postId } })).sha256!;
      expect(await (await match({ signal_type: "sha256", signal: sha.toUpperCase() })).json()).toEqual({
        "Removed content": [expect.objectContaining({ distance: 0, bank_content_id: original.postId })],
      });
      expect(await (await match({ signal_type: "pdq", signal: hex() })).json()).toEqual({});
      expect(await (await match({ signal_type: "pdq", signal: banked[0], banks: "Copyright claims" })).json()).toEqual(
        {},
      );
    });

    it("names the field of a bad request and refuses unsigned ones", async () => {
      for (const [body, field] of [
        [{ signal_type: "pdqq", signal: hex() }, "signal_type"],
        [{ signal_type: "pdq", signal: "abc" }, "signal"],
        [{ signal_type: "pdq" }, "signal"],
        [{ signal_type: "pdq", signal: hex(), banks: ["No such bank"] }, "banks"],
        [{ signal_type: "vpdq", signal: "not json" }, "signal"],
        [{ signal_type: "pdq", signal: hex(), extra: 1 }, "body"],
      ] as const) {
        const res = await match(body);
        expect(res.status).toBe(400);
        const answer = (await res.json()) as { error: string; field: string };
        expect(answer.field).toBe(field);
      }
      const unsigned = await fetch(`${app.base}/api/v1/match`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ signal_type: "pdq", signal: hex() }),
      });
      expect(unsigned.status).toBe(401);
      const tooLarge = await match({ signal_type: "pdq", signal: hex(), padding: "x".repeat(600 * 1024) });
      expect(tooLarge.status).toBe(413);
      expect(((await tooLarge.json()) as { error: string }).error).toMatch(/larger than 512 KB; send one hash/);
    });
  });

  it("keeps every server's index in step: an entry added or taken out through one is seen by another", async () => {
    const first = new HashIndexService(db);
    const second = new HashIndexService(db);
    await Promise.all([first.sync(), second.sync()]);
    const frame = hex();
    const entry = await db.prisma.hashBankEntry.create({
      data: { bankId: REMOVED_CONTENT_BANK_ID, kind: "perceptual", hash: frame, quality: 90, atMs: 0, createdAt: NOW },
    });
    expect(entry.itemId).toBe(entry.id);
    expect(entry.signalType).toBe("pdq");
    await second.sync();
    expect(second.frameHits([flip(frame, 3)], 31)[0]).toEqual([
      { entryId: entry.id, itemId: entry.id, bankId: REMOVED_CONTENT_BANK_ID, distance: 3 },
    ]);
    await db.prisma.hashBankEntry.update({ where: { id: entry.id }, data: { active: false } });
    await second.sync();
    expect(second.frameHits([frame], 31)[0]).toEqual([]);
    // a change committed by a transaction that began before the last read is read the next time
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const late = hex();
    const writing =
      db.kind === "postgresql"
        ? db.prisma.$transaction(async (tx) => {
            await tx.hashBankEntry.create({
              data: { bankId: REMOVED_CONTENT_BANK_ID, kind: "perceptual", hash: late, quality: 90, createdAt: NOW },
            });
            await gate;
          })
        : null;
    if (writing) {
      await new Promise((r) => setTimeout(r, 50));
      await second.sync();
      expect(second.frameHits([late], 0)[0]).toEqual([]);
      release();
      await writing;
      await second.sync();
      expect(second.frameHits([late], 0)[0]).toHaveLength(1);
    }
    const stats = second.stats();
    expect(stats.loaded).toBe(true);
    expect(stats.bytesPerHash).toBeGreaterThan(0);
    await first.sync();
  });
});

describe("retro-scan", () => {
  let db: Database;
  let moderator: SessionUser;
  let admin: SessionUser;
  let creatorId: string;
  let policyId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    admin = await createStaff(db, "admin");
    creatorId = (await insertAccount(db)).id;
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } })).id;
  });
  afterAll(() => db.close());

  async function publishedAt(createdAt: Date, hashes: string[]) {
    const p = await insertPost(db, creatorId, "clip", hex());
    await db.prisma.post.update({ where: { id: p.id }, data: { createdAt, hashScannedAt: createdAt } });
    await insertProcessedMedia(db, p.id, frames(hashes), { now: createdAt });
    return p.id;
  }

  it("flags an older copy once its original is banked, within the bank's window, with progress on the bank", async () => {
    const shared = video(6);
    // the copy was published (and scanned, finding nothing) ten days before the original was taken down
    const olderCopy = await publishedAt(
      new Date(NOW.getTime() - 10 * 86_400_000),
      shared.map((h) => flip(h, 4)),
    );
    const tooOld = await publishedAt(
      new Date(NOW.getTime() - 40 * 86_400_000),
      shared.map((h) => flip(h, 5)),
    );
    const unrelated = await publishedAt(new Date(NOW.getTime() - 2 * 86_400_000), video(6));
    const original = await publishedAt(new Date(NOW.getTime() - 86_400_000), shared);
    const c = await db.prisma.case.create({
      data: { queue: "user_report", subjectType: "post", subjectKey: `post:${original}`, postId: original },
    });
    await callerFor(db, moderator, { now: () => NOW }).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action: "take_down_post",
      policyId,
      reason: "Graphic violence against a real person",
      statement,
    });
    const [job] = await db.prisma.hashRetroScan.findMany();
    expect(job).toMatchObject({ status: "pending", itemIds: [original], bankId: REMOVED_CONTENT_BANK_ID });

    const first = await runRetroScanStep(db, { now: NOW, maxDistance: 31, batch: 2 });
    expect(first).toMatchObject({ jobId: job!.id, scanned: 2, done: false });
    let step = first;
    while (!step.done) step = await runRetroScanStep(db, { now: NOW, maxDistance: 31, batch: 2 });
    expect(await runRetroScanStep(db, { now: NOW, maxDistance: 31 })).toMatchObject({ jobId: null });

    const flagged = await db.prisma.signal.findMany({ where: { model: "hash_bank" } });
    expect(flagged.map((s) => s.postId)).toEqual([olderCopy]);
    expect(flagged[0]!.payload).toMatchObject({ matchedPostId: original, comparisonPct: 100 });
    void tooOld;
    void unrelated;
    const [bank] = (await callerFor(db, admin, { now: () => NOW }).hashBank.banks()).filter(
      (b) => b.id === REMOVED_CONTENT_BANK_ID,
    );
    // the removed original itself is not counted (it is taken down); the three others in the window are
    expect(bank!.retroScan).toMatchObject({ status: "done", postsTotal: 2, postsScanned: 2, matched: 1 });
    expect(bank!.retroScansWaiting).toBe(0);
  });
});
