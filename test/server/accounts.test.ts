// Accounts: finding one, reading its standing and history, and suspending, banning or reinstating it directly —
// each action one decision, one audit record and one webhook event, written together or not at all.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertAccount, insertCase, insertPost } from "../support/fixtures.ts";

const NOW = new Date("2026-05-01T12:00:00Z");

describe("accounts", () => {
  let db: Database;
  let moderator: SessionUser;
  let staff: SessionUser;
  let policyId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    moderator = await createStaff(db, "moderator");
    staff = await createStaff(db, "staff", "Sam Legal");
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { active: true }, orderBy: { code: "asc" } })).id;
  });
  afterAll(() => db.close());

  const as = (user: SessionUser) => callerFor(db, user, { now: () => NOW });
  const counts = async (accountId: string) => ({
    decisions: await db.prisma.decision.count({ where: { accountId } }),
    audit: await db.prisma.auditLog.count({ where: { subjectType: "account", subjectId: accountId } }),
    outbox: await db.prisma.outboxEvent.count({ where: { subjectKey: `account:${accountId}` } }),
  });

  it("finds accounts by exact id first, then by handle prefix, with or without @ and in any case", async () => {
    const tag = crypto.randomBytes(3).toString("hex");
    const a = await insertAccount(db, `river_${tag}_b`);
    const b = await insertAccount(db, `River_${tag}_a`);
    await insertAccount(db, `ocean_${tag}`);
    const byPrefix = await as(moderator).account.search({ query: `@RIVER_${tag}` });
    expect(byPrefix.map((r) => r.handle)).toEqual([b.handle, a.handle]);
    expect(byPrefix[0]!.createdAt).toBeInstanceOf(Date);

    const byId = await as(moderator).account.search({ query: a.id });
    expect(byId[0]!.id).toBe(a.id);
    // Wildcards are taken literally.
    expect(await as(moderator).account.search({ query: `river%${tag}` })).toEqual([]);
    await expect(as(moderator).account.search({ query: "   " })).rejects.toThrow(
      /query: Type a handle or an account id/,
    );
  });

  it("shows an account's standing, origin, posts, open cases and history", async () => {
    const inviter = await insertAccount(db);
    const wave = await db.prisma.inviteWave.create({
      data: { name: "Spring creators", targetSize: 100, createdById: staff.id },
    });
    const code = await db.prisma.inviteCode.create({
      data: {
        code: `CODE${crypto.randomBytes(4).toString("hex").toUpperCase()}`,
        waveId: wave.id,
        maxUses: 1,
        issuerAccountId: inviter.id,
      },
    });
    const account = await insertAccount(db);
    await db.prisma.account.update({
      where: { id: account.id },
      data: { invitedByCodeId: code.id, strikeCount: 2, reportsFiled: 4, reportsActioned: 3 },
    });
    const invitee = await insertAccount(db);
    const ownCode = await db.prisma.inviteCode.create({
      data: {
        code: `CODE${crypto.randomBytes(4).toString("hex").toUpperCase()}`,
        waveId: wave.id,
        maxUses: 1,
        issuerAccountId: account.id,
      },
    });
    await db.prisma.account.update({ where: { id: invitee.id }, data: { invitedByCodeId: ownCode.id } });

    const posts = [];
    for (let i = 0; i < 5; i++) {
      const post = await insertPost(db, account.id, `clip ${i}`);
      posts.push(
        await db.prisma.post.update({
          where: { id: post.id },
          data: {
            createdAt: new Date(NOW.getTime() - (i + 1) * 3_600_000),
            visibility: i === 0 ? "taken_down" : "public",
          },
        }),
      );
    }
    const openCase = await insertCase(db, { queue: "user_report" });
    await db.prisma.case.update({
      where: { id: openCase.id },
      data: { postId: posts[1]!.id, subjectKey: `post:${posts[1]!.id}` },
    });
    // One decision on a post, one on the account: the history merges both, newest first.
    await db.prisma.decision.create({
      data: {
        type: "take_down_post",
        subjectType: "post",
        postId: posts[0]!.id,
        actorId: moderator.id,
        authority: "moderator",
        policyId,
        reason: "Graphic violence",
        createdAt: new Date(NOW.getTime() - 7_200_000),
      },
    });
    await db.prisma.decision.create({
      data: {
        type: "warn_account",
        subjectType: "account",
        accountId: account.id,
        actorId: moderator.id,
        authority: "moderator",
        policyId,
        reason: "Repeated spam",
        createdAt: new Date(NOW.getTime() - 3_600_000),
      },
    });

    const profile = await as(moderator).account.get({ accountId: account.id });
    expect(profile).toMatchObject({
      handle: account.handle,
      status: "active",
      strikeCount: 2,
      reportsFiled: 4,
      reportsActioned: 3,
      invitedByCode: {
        code: code.code,
        wave: { id: wave.id, name: "Spring creators" },
        issuerAccount: { id: inviter.id },
      },
      posts: { public: 4, taken_down: 1 },
      invitees: 1,
      activeGrants: 0,
      restriction: null,
      hasMoreOpenCases: false,
    });
    expect(profile.openCases.map((c) => c.id)).toEqual([openCase.id]);

    const firstPage = await as(moderator).account.posts({ accountId: account.id, limit: 2 });
    const secondPage = await as(moderator).account.posts({
      accountId: account.id,
      limit: 2,
      cursor: firstPage.nextCursor!,
    });
    const lastPage = await as(moderator).account.posts({
      accountId: account.id,
      limit: 2,
      cursor: secondPage.nextCursor!,
    });
    expect([...firstPage.items, ...secondPage.items, ...lastPage.items].map((p) => p.id)).toEqual(
      posts.map((p) => p.id),
    );
    expect(lastPage.nextCursor).toBeNull();

    const history = await as(moderator).account.decisions({ accountId: account.id, limit: 1 });
    expect(history.items.map((d) => [d.type, d.policyName !== null, d.actorName])).toEqual([
      ["warn_account", true, moderator.displayName],
    ]);
    const older = await as(moderator).account.decisions({
      accountId: account.id,
      limit: 1,
      cursor: history.nextCursor!,
    });
    expect(older.items.map((d) => [d.type, d.postId])).toEqual([["take_down_post", posts[0]!.id]]);
    expect(older.nextCursor).toBeNull();

    await expect(as(moderator).account.get({ accountId: "acc_missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Account was not found.",
    });
    await expect(as(moderator).account.posts({ accountId: account.id, cursor: "not-a-cursor" })).rejects.toThrow(
      /^cursor:/,
    );
  });

  it("suspends for a number of days, refuses a second suspension, and reinstating reverses exactly that suspension", async () => {
    const account = await insertAccount(db);
    await db.prisma.account.update({ where: { id: account.id }, data: { email: "creator@example.test" } });
    const idempotencyKey = crypto.randomUUID();
    const suspend = {
      action: "suspend" as const,
      accountId: account.id,
      policyId,
      reason: "Coordinated harassment",
      suspendDays: 7,
      idempotencyKey,
    };
    const outcome = await as(staff).account.act(suspend);
    expect(outcome).toMatchObject({
      status: "suspended",
      suspendedUntil: new Date("2026-05-08T12:00:00Z"),
      replayed: false,
    });
    expect(await counts(account.id)).toEqual({ decisions: 1, audit: 1, outbox: 1 });
    const event = await db.prisma.outboxEvent.findFirstOrThrow({ where: { subjectKey: `account:${account.id}` } });
    expect(event.type).toBe("account.suspended");
    expect(event.payload).toMatchObject({
      data: { decisionId: outcome.decisionId, suspendedUntil: "2026-05-08T12:00:00.000Z" },
    });
    expect(
      await db.prisma.emailNotice.count({ where: { decisionId: outcome.decisionId, kind: "statement_of_reasons" } }),
    ).toBe(1);

    // The same submit again changes nothing; a fresh one is refused while the suspension holds.
    expect(await as(staff).account.act(suspend)).toMatchObject({ decisionId: outcome.decisionId, replayed: true });
    await expect(as(staff).account.act({ ...suspend, idempotencyKey: crypto.randomUUID() })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message:
        "The account is already suspended until 2026-05-08 12:00 UTC; reinstate it first to set a different length.",
    });
    expect(await counts(account.id)).toEqual({ decisions: 1, audit: 1, outbox: 1 });

    const profile = await as(moderator).account.get({ accountId: account.id });
    expect(profile.restriction).toMatchObject({
      id: outcome.decisionId,
      type: "suspend_account",
      reason: "Coordinated harassment",
      actor: { displayName: "Sam Legal" },
    });

    const reinstated = await as(staff).account.act({
      action: "reinstate",
      accountId: account.id,
      policyId,
      reason: "Appeal accepted",
    });
    expect(reinstated).toMatchObject({ status: "active", suspendedUntil: null });
    const decision = await db.prisma.decision.findUniqueOrThrow({ where: { id: reinstated.decisionId } });
    expect(decision).toMatchObject({ type: "reinstate_account", reversesId: outcome.decisionId, dsaGround: null });
    expect((await db.prisma.outboxEvent.findFirstOrThrow({ where: { decisionId: reinstated.decisionId } })).type).toBe(
      "account.reinstated",
    );
    expect((await as(moderator).account.get({ accountId: account.id })).restriction).toBeNull();
    await expect(
      as(staff).account.act({ action: "reinstate", accountId: account.id, policyId, reason: "Again" }),
    ).rejects.toThrow("The account is not suspended or banned.");
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("suspends again once an earlier suspension has run out", async () => {
    const account = await insertAccount(db);
    await db.prisma.account.update({
      where: { id: account.id },
      data: { status: "suspended", suspendedUntil: new Date(NOW.getTime() - 60_000) },
    });
    const outcome = await as(staff).account.act({
      action: "suspend",
      accountId: account.id,
      policyId,
      reason: "Back at it",
      suspendDays: 30,
    });
    expect(outcome).toMatchObject({ status: "suspended", suspendedUntil: new Date("2026-05-31T12:00:00Z") });
  });

  it("bans, refuses a suspension or a second ban of a banned account, and names the field of bad input", async () => {
    const account = await insertAccount(db);
    const ban = await as(staff).account.act({
      action: "ban",
      accountId: account.id,
      policyId,
      reason: "Sextortion ring",
    });
    expect(ban).toMatchObject({ status: "banned", suspendedUntil: null });
    expect(
      (await db.prisma.outboxEvent.findFirstOrThrow({ where: { decisionId: ban.decisionId } })).payload,
    ).toMatchObject({ data: { permanent: true } });
    await expect(
      as(staff).account.act({ action: "ban", accountId: account.id, policyId, reason: "Again" }),
    ).rejects.toThrow("The account is already banned.");
    await expect(
      as(staff).account.act({ action: "suspend", accountId: account.id, policyId, reason: "Shorter", suspendDays: 3 }),
    ).rejects.toThrow(/is banned; reinstate it first/);

    const before = await counts(account.id);
    await expect(
      as(staff).account.act({
        action: "suspend",
        accountId: account.id,
        policyId,
        reason: "Too long",
        suspendDays: 400,
      }),
    ).rejects.toThrow(/suspendDays: At most 365 days/);
    await expect(
      as(staff).account.act({ action: "reinstate", accountId: account.id, policyId, reason: " " }),
    ).rejects.toThrow(/reason: Write the reason/);
    await expect(
      as(staff).account.act({
        action: "reinstate",
        accountId: account.id,
        policyId: crypto.randomUUID(),
        reason: "Valid reason",
      }),
    ).rejects.toThrow(/^policyId: choose a policy/);
    await expect(
      as(staff).account.act({ action: "ban", accountId: "acc_missing", policyId, reason: "Nobody" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(account.id)).toEqual(before);
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("banned");
  });

  it("leaves the actions to staff: a moderator may look but not act", async () => {
    const account = await insertAccount(db);
    await expect(
      as(moderator).account.act({ action: "ban", accountId: account.id, policyId, reason: "Not mine to decide" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(account.id)).toEqual({ decisions: 0, audit: 0, outbox: 0 });
  });

  it("lets one of two simultaneous bans through and refuses the other", async () => {
    const account = await insertAccount(db);
    const results = await Promise.allSettled([
      as(staff).account.act({ action: "ban", accountId: account.id, policyId, reason: "First" }),
      as(staff).account.act({ action: "ban", accountId: account.id, policyId, reason: "Second" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.message),
    ).toEqual(["The account is already banned."]);
    expect(await counts(account.id)).toEqual({ decisions: 1, audit: 1, outbox: 1 });
  });

  it("answers a double submit with one decision and a replay", async () => {
    const account = await insertAccount(db);
    const submit = {
      action: "suspend" as const,
      accountId: account.id,
      policyId,
      reason: "Double click",
      suspendDays: 2,
      idempotencyKey: crypto.randomUUID(),
    };
    const [first, second] = await Promise.all([as(staff).account.act(submit), as(staff).account.act(submit)]);
    expect(first.decisionId).toBe(second.decisionId);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await counts(account.id)).toEqual({ decisions: 1, audit: 1, outbox: 1 });
    await expect(as(staff).account.act({ ...submit, action: "ban" })).rejects.toThrow(
      /^idempotencyKey: this key was used for a different action/,
    );
  });
});
