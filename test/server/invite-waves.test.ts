// Admins run invite waves through the real router against a real database: a wave's life cycle, batches with
// progress that resume after a crash, the codes table's keyset pages, revocation with audit and outbox, the
// invite tree, abuse signals and the redemption chart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertAccount } from "../support/fixtures.ts";
import { createBatch, issueNextChunk } from "../../server/domain/invites/issuing.ts";
import { startInviteWorker } from "../../server/domain/invites/worker.ts";
import { redeemInvite } from "../../server/domain/invites/redeem.ts";

const NOW = new Date("2026-11-25T10:00:00Z");

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("invite waves (admin)", () => {
  let db: Database;
  let admin: SessionUser;
  let api: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await createStaff(db, "admin", "Ada Admin");
    api = callerFor(db, admin, { now: () => NOW });
  });
  afterAll(() => db.close());

  const newWave = (over: Record<string, unknown> = {}) =>
    api.inviteWave.create({
      name: "Creators beta",
      purpose: "Creator programme",
      targetSize: 1_000,
      usesPerCode: 2,
      expiresAt: "2027-01-01T00:00:00Z",
      regions: ["US", "CA"],
      platforms: ["ios"],
      allotment: 0,
      ...over,
    });

  it("creates a draft wave and moves it draft → active ⇄ paused → closed, one audit row per change", async () => {
    const wave = await newWave();
    expect(wave).toMatchObject({ status: "draft", usesPerCode: 2, regions: ["US", "CA"], platforms: ["ios"] });
    for (const status of ["active", "paused", "active", "closed"] as const) {
      expect((await api.inviteWave.setStatus({ waveId: wave.id, status })).status).toBe(status);
    }
    const err = await refusal(api.inviteWave.setStatus({ waveId: wave.id, status: "active" }));
    expect(err.code).toBe("PRECONDITION_FAILED");
    expect(err.message).toMatch(/status: this wave is closed/);
    const audits = await db.prisma.auditLog.findMany({ where: { subjectId: wave.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["invite_wave.create", ...Array(4).fill("invite_wave.status")]);
    expect(audits[1]!.details).toMatchObject({ from: "draft", to: "active" });
    // a paused wave cannot go back to draft, and a draft cannot be paused
    const draft = await newWave();
    expect((await refusal(api.inviteWave.setStatus({ waveId: draft.id, status: "paused" }))).code).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("refuses bad wave settings naming the field, and changes nothing", async () => {
    const before = await db.prisma.inviteWave.count();
    expect((await refusal(newWave({ expiresAt: "2020-01-01T00:00:00Z" }))).message).toMatch(
      /^expiresAt: must be in the future/,
    );
    expect((await refusal(newWave({ targetSize: 0 }))).message).toMatch(/targetSize/);
    expect((await refusal(newWave({ regions: ["usa"] }))).message).toMatch(/regions\[0\]/);
    expect(await db.prisma.inviteWave.count()).toBe(before);
  });

  it("issues a small batch within the call: unique, well-formed codes with the wave's uses and expiry", async () => {
    const wave = await newWave({ usesPerCode: 3 });
    const batch = await api.inviteWave.issueBatch({ waveId: wave.id, count: 500 });
    expect(batch).toMatchObject({ size: 500, issuedCount: 500, status: "complete", progress: 1 });
    const codes = await db.prisma.inviteCode.findMany({ where: { batchId: batch.id } });
    expect(codes).toHaveLength(500);
    expect(new Set(codes.map((c) => c.code)).size).toBe(500);
    for (const c of codes) {
      expect(c.code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$/);
      expect(c).toMatchObject({
        maxUses: 3,
        useCount: 0,
        status: "active",
        expiresAt: new Date("2027-01-01T00:00:00Z"),
      });
    }
    expect(await db.prisma.auditLog.count({ where: { action: "invite_batch.issue", subjectId: batch.id } })).toBe(1);
    const closed = await newWave();
    await api.inviteWave.setStatus({ waveId: closed.id, status: "closed" });
    expect((await refusal(api.inviteWave.issueBatch({ waveId: closed.id, count: 5 }))).message).toMatch(
      /^waveId: this wave is closed/,
    );
    expect((await refusal(api.inviteWave.issueBatch({ waveId: wave.id, count: 1_000_001 }))).message).toMatch(
      /^count:/,
    );
  });

  it("issues a large batch in the background with progress a client can poll", async () => {
    const wave = await newWave();
    const started = await api.inviteWave.issueBatch({ waveId: wave.id, count: 60_000 });
    expect(started.status).toBe("issuing");
    const seen: number[] = [];
    for (;;) {
      const b = await api.inviteWave.batch({ batchId: started.id });
      seen.push(b.issuedCount);
      // chunks commit their codes and the count together: never more counted than written
      expect(b.issuedCount).toBeLessThanOrEqual(await db.prisma.inviteCode.count({ where: { batchId: started.id } }));
      if (b.status === "complete") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.at(-1)).toBe(60_000);
    expect(await db.prisma.inviteCode.count({ where: { batchId: started.id } })).toBe(60_000);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("shows a batch's progress between chunks", async () => {
    // Chunks run here one at a time, so what a poll sees between them does not depend on how fast the database is.
    const wave = await newWave();
    const { id } = await createBatch(db, { waveId: wave.id, count: 30_000 }, { id: admin.id }, NOW);
    expect(await api.inviteWave.batch({ batchId: id })).toMatchObject({
      status: "issuing",
      issuedCount: 0,
      progress: 0,
    });
    await issueNextChunk(db, id, NOW, 10_000);
    expect(await api.inviteWave.batch({ batchId: id })).toMatchObject({
      status: "issuing",
      issuedCount: 10_000,
      progress: 1 / 3,
    });
    await issueNextChunk(db, id, NOW, 10_000);
    await issueNextChunk(db, id, NOW, 10_000);
    expect(await api.inviteWave.batch({ batchId: id })).toMatchObject({
      status: "complete",
      issuedCount: 30_000,
      progress: 1,
    });
  });

  it("resumes a batch a crash left half-issued, without issuing a code too many", async () => {
    const wave = await newWave();
    const { id } = await createBatch(db, { waveId: wave.id, count: 2_500 }, { id: admin.id }, NOW);
    // the process issued one chunk and died
    expect(await issueNextChunk(db, id, NOW, 1_000)).toEqual({ state: "issued", issuedCount: 1_000, done: false });
    const worker = startInviteWorker({ db, log: silentLogger, now: () => NOW, pollMs: 60_000 });
    await worker.tick();
    const deadline = Date.now() + 30_000;
    while ((await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id } })).status === "issuing") {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 20));
    }
    await worker.stop();
    const batch = await db.prisma.inviteBatch.findUniqueOrThrow({ where: { id } });
    expect(batch).toMatchObject({ status: "complete", issuedCount: 2_500 });
    expect(await db.prisma.inviteCode.count({ where: { batchId: id } })).toBe(2_500);
  });

  it("pages a wave's codes by keyset, with filters, and counts them once", async () => {
    const wave = await newWave();
    const b1 = await api.inviteWave.issueBatch({ waveId: wave.id, count: 250 });
    await api.inviteWave.issueBatch({ waveId: wave.id, count: 100 });
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    let total: number | null = null;
    do {
      const page = await api.inviteWave.codes({ waveId: wave.id, limit: 100, cursor });
      if (pages === 0) total = page.total;
      else expect(page.total).toBeNull();
      for (const c of page.items) seen.add(c.id);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect([seen.size, total, pages]).toEqual([350, 350, 4]);

    expect((await api.inviteWave.codes({ batchId: b1.id, limit: 500 })).items).toHaveLength(250);
    const one = (await db.prisma.inviteCode.findFirstOrThrow({ where: { batchId: b1.id } })).code;
    const byPrefix = await api.inviteWave.codes({
      waveId: wave.id,
      codePrefix: one.slice(0, 6).toLowerCase().replace("-", ""),
    });
    expect(byPrefix.items.map((c) => c.code)).toContain(one);
    expect(byPrefix.items.every((c) => c.code.startsWith(one.slice(0, 6)))).toBe(true);
    await db.prisma.inviteCode.update({ where: { code: one }, data: { useCount: 1 } });
    expect((await api.inviteWave.codes({ waveId: wave.id, usage: "used" })).items.map((c) => c.code)).toEqual([one]);
    expect((await api.inviteWave.codes({ waveId: wave.id, status: "revoked" })).total).toBe(0);
    expect((await refusal(api.inviteWave.codes({ waveId: wave.id, cursor: "nope" }))).message).toMatch(/^cursor:/);
    expect((await refusal(api.inviteWave.codes({}))).message).toMatch(/^waveId:/);
  });

  it("revokes by code, batch, wave and inviter: audited, and the platform told through the outbox", async () => {
    const wave = await newWave();
    const b1 = await api.inviteWave.issueBatch({ waveId: wave.id, count: 30 });
    const b2 = await api.inviteWave.issueBatch({ waveId: wave.id, count: 20 });
    const [c1, c2] = (
      await db.prisma.inviteCode.findMany({ where: { batchId: b1.id }, take: 2, orderBy: { id: "asc" } })
    ).map((c) => c.code);

    const byCode = await api.inviteWave.revoke({
      type: "code",
      codes: [c1!.toLowerCase(), c2!, "ZZZZ-ZZZZ-ZZZZ"],
      reason: "Posted on a resale forum",
    });
    expect(byCode).toMatchObject({ revoked: 2, notFound: ["ZZZZ-ZZZZ-ZZZZ"] });
    const codeEvent = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { type: "invite_codes.revoked", payload: { path: ["data", "revocationId"], equals: byCode.revocationId } },
    });
    expect((codeEvent.payload as { data: { codes: string[] } }).data.codes.sort()).toEqual([c1, c2].sort());
    expect(
      await db.prisma.auditLog.count({ where: { batchId: byCode.revocationId, action: "invite_code.revoke" } }),
    ).toBe(2);

    const byBatch = await api.inviteWave.revoke({ type: "batch", batchId: b1.id, reason: "Leaked spreadsheet" });
    expect(byBatch.revoked).toBe(28);
    const batchEvent = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { payload: { path: ["data", "revocationId"], equals: byBatch.revocationId } },
    });
    expect(batchEvent.payload).toMatchObject({
      subject: { type: "invite_code", id: b1.id },
      data: { scope: "batch", batchId: b1.id, count: 28 },
    });
    expect((batchEvent.payload as { data: Record<string, unknown> }).data).not.toHaveProperty("codes");

    const byWave = await api.inviteWave.revoke({ type: "wave", waveId: wave.id, reason: "Wave cancelled" });
    expect(byWave.revoked).toBe(20);
    expect(
      await db.prisma.inviteCode.count({
        where: { batchId: b2.id, status: "revoked", revokedReason: "Wave cancelled" },
      }),
    ).toBe(20);
    // nothing left to revoke: nothing written
    const again = await api.inviteWave.revoke({ type: "wave", waveId: wave.id, reason: "Wave cancelled" });
    expect(again.revoked).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { batchId: again.revocationId } })).toBe(0);

    const inviter = await insertAccount(db);
    await db.prisma.inviteCode.createMany({
      data: ["AAAA", "BBBB"].map((p) => ({
        code: `${p}-${inviter.id.slice(-4)}`,
        waveId: wave.id,
        issuerAccountId: inviter.id,
        maxUses: 1,
      })),
    });
    const byInviter = await api.inviteWave.revoke({
      type: "inviter",
      inviterAccountId: inviter.id,
      reason: "Spam ring",
    });
    expect(byInviter.revoked).toBe(2);
    const inviterEvent = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { payload: { path: ["data", "revocationId"], equals: byInviter.revocationId } },
    });
    expect(inviterEvent.payload).toMatchObject({
      subject: { type: "account", id: inviter.id },
      data: { scope: "inviter", inviterAccountId: inviter.id, count: 2 },
    });

    expect((await refusal(api.inviteWave.revoke({ type: "batch", batchId: b1.id, reason: "" }))).message).toMatch(
      /^reason:/,
    );
    expect(
      (await refusal(api.inviteWave.revoke({ type: "code", codes: ["ZZZZ-ZZZZ-ZZZ2"], reason: "typo" }))).code,
    ).toBe("NOT_FOUND");
  });

  it("shows who invited whom, top inviters and abuse signals, and the redemption curve", async () => {
    const wave = await newWave({ regions: [], platforms: [], usesPerCode: 10, allotment: 2 });
    await api.inviteWave.setStatus({ waveId: wave.id, status: "active" });
    const batch = await api.inviteWave.issueBatch({ waveId: wave.id, count: 3 });
    const [seedCode] = (await db.prisma.inviteCode.findMany({ where: { batchId: batch.id }, take: 1 })).map(
      (c) => c.code,
    );
    const redeem = (code: string, accountId: string, region: string, at: Date) =>
      redeemInvite(db, { code, accountId, region }, { keyId: "test-key", now: at });

    const root = await insertAccount(db, "root_member");
    const first = await redeem(seedCode!, root.id, "US", new Date("2026-11-25T10:05:00Z"));
    if (!first.ok) throw new Error(first.message);
    expect(first.redeemed.allotment).toHaveLength(2);
    // the root member's first shared code is resold: redeemed from four countries within an hour
    await db.prisma.inviteCode.update({ where: { code: first.redeemed.allotment[0]! }, data: { maxUses: 10 } });
    const children: { id: string }[] = [];
    for (const [i, region] of ["DE", "BR", "JP", "IN"].entries()) {
      const child = await insertAccount(db);
      const r = await redeem(first.redeemed.allotment[0]!, child.id, region, new Date(`2026-11-25T11:0${i}:00Z`));
      expect(r.ok).toBe(true);
      children.push(child);
    }
    const grandchild = await insertAccount(db);
    const kid = await redeemInvite(
      db,
      {
        code: (await db.prisma.inviteCode.findFirstOrThrow({ where: { issuerAccountId: children[0]!.id } })).code,
        accountId: grandchild.id,
      },
      { keyId: "test-key", now: new Date("2026-11-26T09:00:00Z") },
    );
    expect(kid.ok).toBe(true);
    await db.prisma.account.updateMany({
      where: { id: { in: children.slice(0, 3).map((c) => c.id) } },
      data: { status: "suspended" },
    });

    const tree = await api.inviteWave.tree({ accountId: grandchild.id });
    expect(tree.depth).toBe(2);
    expect(tree.inviters.map((i) => [i.depth, i.accountId])).toEqual([
      [1, children[0]!.id],
      [2, root.id],
    ]);
    const rootTree = await api.inviteWave.tree({ accountId: root.id });
    expect(rootTree.counts).toEqual({
      directInvitees: 4,
      allDescendants: 5,
      suspendedInvitees: 3,
      generationsBelow: 2,
    });
    expect(rootTree.invitees.find((i) => i.accountId === children[0]!.id)?.invitees).toBe(1);
    expect(rootTree.joinedWith?.code).toBe(seedCode);
    // Found by handle too, with or without the @.
    expect((await api.inviteWave.tree({ accountId: `@${root.handle}` })).counts).toEqual(rootTree.counts);

    const top = await api.inviteWave.topInviters({ waveId: wave.id });
    expect(top[0]).toMatchObject({ accountId: root.id, invitees: 4, suspendedInvitees: 3 });

    const signals = await api.inviteWave.abuseSignals({ waveId: wave.id });
    expect(signals.resoldCodes.map((c) => [c.code, c.regions])).toEqual([[first.redeemed.allotment[0], 4]]);
    expect(signals.codesWithSuspendedRedeemers[0]).toMatchObject({
      code: first.redeemed.allotment[0],
      suspendedRedeemers: 3,
    });
    expect(signals.invitersWithSuspendedInvitees.map((i) => i.accountId)).toEqual([root.id]);

    const hourly = await api.inviteWave.redemptionSeries({
      waveId: wave.id,
      bucket: "hour",
      from: "2026-11-25T10:00:00Z",
      to: "2026-11-25T13:00:00Z",
    });
    expect(hourly.points.map((p) => [p.at, p.redeemed, p.cumulative])).toEqual([
      ["2026-11-25T10:00:00.000Z", 1, 1],
      ["2026-11-25T11:00:00.000Z", 4, 5],
      ["2026-11-25T12:00:00.000Z", 0, 5],
      ["2026-11-25T13:00:00.000Z", 0, 5],
    ]);
    const daily = await api.inviteWave.redemptionSeries({ waveId: wave.id, to: "2026-11-27T00:00:00Z" });
    expect(daily.points.map((p) => p.redeemed)).toEqual([5, 1, 0]);
    expect(daily.total).toBe(6);
    expect(
      (
        await refusal(
          api.inviteWave.redemptionSeries({ waveId: wave.id, bucket: "hour", from: "2025-01-01T00:00:00Z" }),
        )
      ).message,
    ).toMatch(/^from:/);
  });

  it("answers wave details and the export URL", async () => {
    const wave = await newWave();
    await api.inviteWave.issueBatch({ waveId: wave.id, count: 10 });
    const detail = await api.inviteWave.get({ waveId: wave.id });
    expect(detail.totals).toMatchObject({ codes: 10, activeCodes: 10, redeemed: 0 });
    expect(detail.allowedTransitions).toEqual(["active", "closed"]);
    expect(detail.batches[0]).toMatchObject({ size: 10, progress: 1 });
    expect((await api.inviteWave.exportUrl({ waveId: wave.id })).url).toBe(
      `/exports/invite-codes.csv?waveId=${wave.id}`,
    );
    const listed = (await api.inviteWave.list()).find((w) => w.id === wave.id);
    expect(listed).toMatchObject({ redeemed: 0, issuingBatches: 0, _count: { codes: 10, batches: 1 } });
  });
});
