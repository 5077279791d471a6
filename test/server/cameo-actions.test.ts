// Revoking a cameo grant, disabling a cameo and reinstating: the cascade touches exactly the posts it should, as
// one batch with decisions, audit rows and outbox events; the four-eyes rule holds; a reinstatement undoes exactly
// what its action did; an interrupted cascade resumes without doing anything twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertAccount, insertCameo, insertCameoPosts, insertGrant, insertPost } from "../support/fixtures.ts";
import { runCameoAction } from "../../server/domain/cameos/run-action.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";

describe("cameo actions", () => {
  let db: Database;
  let staff: SessionUser;
  let otherStaff: SessionUser;
  let policyId: string;
  const now = new Date("2026-11-25T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase();
    staff = await createStaff(db, "staff", "Lee Counsel");
    otherStaff = await createStaff(db, "staff", "Sam Second");
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { active: true }, orderBy: { code: "asc" } })).id;
  });
  afterAll(() => db.close());

  async function world() {
    const owner = await insertAccount(db);
    await db.prisma.account.update({ where: { id: owner.id }, data: { email: "owner@users.example" } });
    const grantee = await insertAccount(db);
    const third = await insertAccount(db);
    const cameo = await insertCameo(db, owner.id);
    const grant = await insertGrant(db, cameo.id, grantee.id);
    await insertGrant(db, cameo.id, third.id);
    const granteePosts = await insertCameoPosts(db, grantee.id, cameo.id, 3);
    const ownPost = (await insertCameoPosts(db, owner.id, cameo.id, 1))[0]!;
    const thirdPost = (await insertCameoPosts(db, third.id, cameo.id, 1))[0]!;
    // The grantee's post without the cameo is not part of any cascade.
    const unrelated = await insertPost(db, grantee.id);
    return { owner, grantee, third, cameo, grant, granteePosts, ownPost, thirdPost, unrelated };
  }

  const visibilityOf = async (ids: string[]) =>
    Object.fromEntries(
      (await db.prisma.post.findMany({ where: { id: { in: ids } }, select: { id: true, visibility: true } })).map(
        (p) => [p.id, p.visibility],
      ),
    );

  it("revokes one grant: exactly the grantee's posts with the cameo go down, in one batch, and reinstating restores exactly them", async () => {
    const w = await world();
    const as = callerFor(db, staff, { now: () => now });
    const action = await as.cameo.revokeGrant({
      grantId: w.grant.id,
      mode: "take_down",
      policyId,
      reason: "The owner withdrew consent",
    });

    expect(action).toMatchObject({
      status: "completed",
      kind: "revoke_grant",
      postCount: 3,
      processedCount: 3,
      needsApproval: false,
    });
    expect(action.ownerNotice).toMatchObject({ status: "pending" });
    expect(JSON.stringify(action)).not.toContain("owner@users.example");
    expect(await db.prisma.cameoGrant.findUniqueOrThrow({ where: { id: w.grant.id } })).toMatchObject({
      status: "revoked",
      revokedAt: now,
    });
    const all = [...w.granteePosts, w.ownPost, w.thirdPost, w.unrelated.id];
    expect(await visibilityOf(all)).toEqual({
      ...Object.fromEntries(w.granteePosts.map((id) => [id, "taken_down"])),
      [w.ownPost]: "public",
      [w.thirdPost]: "public",
      [w.unrelated.id]: "public",
    });

    const decisions = await db.prisma.decision.findMany({
      where: { batchId: action.batchId },
      orderBy: { type: "asc" },
    });
    expect(decisions.map((d) => d.type).sort()).toEqual([
      "revoke_cameo_grant",
      "take_down_post",
      "take_down_post",
      "take_down_post",
    ]);
    for (const d of decisions.filter((d) => d.type === "take_down_post")) {
      expect(d).toMatchObject({
        cameoId: w.cameo.id,
        cameoGrantId: w.grant.id,
        actorId: staff.id,
        policyId,
        reason: "The owner withdrew consent",
        visibilityDecision: "removed",
      });
      expect(d.dsaGround).not.toBeNull();
    }
    // The platform hears about the grant first, then each post.
    const events = await db.prisma.outboxEvent.findMany({
      where: { decisionId: { in: decisions.map((d) => d.id) } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual([
      "cameo.grant.revoked",
      "post.taken_down",
      "post.taken_down",
      "post.taken_down",
    ]);
    expect(events[0]!.subjectKey).toBe(`cameo_grant:${w.grant.id}`);
    expect(
      await db.prisma.auditLog.count({ where: { batchId: action.batchId, action: { startsWith: "decision." } } }),
    ).toBe(4);
    // The owner is told.
    const notices = await db.prisma.emailNotice.findMany({ where: { to: "owner@users.example", kind: "cameo_owner" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(`@${w.grantee.handle}`);
    expect(notices[0]!.text).toContain("3 videos featuring your cameo were removed");

    // After the cascade, a moderator takes one of the grantee's posts down for another reason: it stays down.
    const otherDecision = await db.prisma.decision.create({
      data: {
        type: "take_down_post",
        subjectType: "post",
        postId: w.granteePosts[0]!,
        authority: "moderator",
        reason: "Spam",
        createdAt: new Date(now.getTime() + 60_000),
      },
    });
    expect(otherDecision.id).toBeTruthy();
    const later = new Date(now.getTime() + 3_600_000);
    const reinstated = await callerFor(db, staff, { now: () => later }).cameo.reinstate({
      actionId: action.id,
      reason: "The owner consented again",
    });
    expect(reinstated).toMatchObject({ status: "completed", kind: "reinstate", postCount: 3, processedCount: 3 });
    expect(await visibilityOf(all)).toEqual({
      [w.granteePosts[0]!]: "taken_down",
      [w.granteePosts[1]!]: "public",
      [w.granteePosts[2]!]: "public",
      [w.ownPost]: "public",
      [w.thirdPost]: "public",
      [w.unrelated.id]: "public",
    });
    expect(await db.prisma.cameoGrant.findUniqueOrThrow({ where: { id: w.grant.id } })).toMatchObject({
      status: "active",
      revokedAt: null,
    });
    const restores = await db.prisma.decision.findMany({
      where: { batchId: reinstated.batchId, type: "restore_post" },
    });
    expect(restores.map((d) => d.postId).sort()).toEqual(w.granteePosts.slice(1));
    expect(restores.every((d) => d.reversesId !== null)).toBe(true);
    const reinstateEvents = await db.prisma.outboxEvent.findMany({
      where: { decision: { batchId: reinstated.batchId } },
      orderBy: { seq: "asc" },
    });
    expect(reinstateEvents.map((e) => e.type)).toEqual(["cameo.reinstated", "post.restored", "post.restored"]);

    await expect(as.cameo.reinstate({ actionId: action.id, reason: "Once more" })).rejects.toThrow(/already reversed/);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("leaves posts that were down before the cascade out of it, and a hold only hides public posts", async () => {
    const w = await world();
    await db.prisma.post.update({ where: { id: w.granteePosts[0]! }, data: { visibility: "taken_down" } });
    await db.prisma.post.update({ where: { id: w.granteePosts[1]! }, data: { visibility: "held" } });
    const action = await callerFor(db, staff, { now: () => now }).cameo.revokeGrant({
      grantId: w.grant.id,
      mode: "hold",
      policyId,
      reason: "Hold while the complaint is checked",
    });
    expect(action.postCount).toBe(1);
    expect(await visibilityOf(w.granteePosts)).toEqual({
      [w.granteePosts[0]!]: "taken_down",
      [w.granteePosts[1]!]: "held",
      [w.granteePosts[2]!]: "held",
    });
    const reinstated = await callerFor(db, staff, { now: () => new Date(now.getTime() + 60_000) }).cameo.reinstate({
      actionId: action.id,
      reason: "Complaint withdrawn",
    });
    expect(reinstated.processedCount).toBe(1);
    // Only the post the hold changed comes back; the one held before stays held.
    expect(await visibilityOf(w.granteePosts)).toEqual({
      [w.granteePosts[0]!]: "taken_down",
      [w.granteePosts[1]!]: "held",
      [w.granteePosts[2]!]: "public",
    });
  });

  it("keeps a cascade over 150 posts pending until a different staff member approves it", async () => {
    const w = await world();
    const many = await insertCameoPosts(db, w.grantee.id, w.cameo.id, 151);
    const requester = callerFor(db, staff, { now: () => now });
    const pending = await requester.cameo.revokeGrant({
      grantId: w.grant.id,
      mode: "take_down",
      policyId,
      reason: "Mass misuse of the owner's likeness",
    });
    expect(pending).toMatchObject({ status: "pending_approval", needsApproval: true, postCount: 154 });
    // Nothing happened yet.
    expect(await db.prisma.cameoGrant.findUniqueOrThrow({ where: { id: w.grant.id } })).toMatchObject({
      status: "active",
    });
    expect(await db.prisma.post.count({ where: { id: { in: many }, visibility: "public" } })).toBe(151);
    expect((await requester.cameo.pendingApprovals({})).map((a) => a.id)).toContain(pending.id);

    await expect(requester.cameo.approveAction({ actionId: pending.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/another staff member must approve/),
    });
    // A second request for the same grant while one is pending is refused rather than doubled.
    await expect(
      requester.cameo.revokeGrant({ grantId: w.grant.id, mode: "take_down", policyId, reason: "Again" }),
    ).rejects.toThrow(/already waiting or running/);
    expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "pending_approval",
      approvedById: null,
    });

    const approved = await callerFor(db, otherStaff, { now: () => now }).cameo.approveAction({ actionId: pending.id });
    expect(approved).toMatchObject({ status: "completed", processedCount: 154, approvedBy: { id: otherStaff.id } });
    expect(await db.prisma.post.count({ where: { id: { in: many }, visibility: "taken_down" } })).toBe(151);
    const audit = await db.prisma.auditLog.findMany({
      where: { batchId: pending.batchId, action: { startsWith: "cameo_action." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["cameo_action.requested", staff.id],
      ["cameo_action.approved", otherStaff.id],
      ["cameo_action.completed", null],
    ]);
  });

  it("disabling a cameo always waits for approval and then handles every appearance; rejecting changes nothing", async () => {
    const w = await world();
    const as = callerFor(db, staff, { now: () => now });
    const first = await as.cameo.disable({
      cameoId: w.cameo.id,
      mode: "take_down",
      policyId,
      reason: "Impersonation of a minor",
    });
    expect(first).toMatchObject({ status: "pending_approval", postCount: 5 });
    await callerFor(db, otherStaff, { now: () => now }).cameo.rejectAction({
      actionId: first.id,
      reason: "Not verified yet",
    });
    expect(await db.prisma.cameo.findUniqueOrThrow({ where: { id: w.cameo.id } })).toMatchObject({ status: "active" });

    const second = await as.cameo.disable({
      cameoId: w.cameo.id,
      mode: "take_down",
      policyId,
      reason: "Impersonation, verified",
    });
    const done = await callerFor(db, otherStaff, { now: () => now }).cameo.approveAction({ actionId: second.id });
    expect(done).toMatchObject({ status: "completed", processedCount: 5 });
    expect(await db.prisma.cameo.findUniqueOrThrow({ where: { id: w.cameo.id } })).toMatchObject({
      status: "disabled",
    });
    expect(Object.values(await visibilityOf([...w.granteePosts, w.ownPost, w.thirdPost]))).toEqual(
      Array(5).fill("taken_down"),
    );
    expect(await visibilityOf([w.unrelated.id])).toEqual({ [w.unrelated.id]: "public" });
    await expect(as.cameo.disable({ cameoId: w.cameo.id, mode: "hold", policyId, reason: "Again" })).rejects.toThrow(
      /already disabled/,
    );
  });

  it("resumes an interrupted cascade where it stopped, doing nothing twice", async () => {
    // An action as the worker finds it: approved, 43 posts (3 from the world plus 40), run in chunks of 10.
    const w2 = await world();
    const posts = await insertCameoPosts(db, w2.grantee.id, w2.cameo.id, 40);
    const big = await db.prisma.cameoAction.create({
      data: {
        kind: "revoke_grant",
        status: "approved",
        cameoId: w2.cameo.id,
        grantId: w2.grant.id,
        mode: "take_down",
        policyId,
        reason: "Misuse",
        batchId: crypto.randomUUID(),
        postCount: 43,
        needsApproval: false,
        requestedById: staff.id,
        requestedAt: now,
      },
    });
    const seen: number[] = [];
    await expect(
      runCameoAction(db, big.id, {
        chunkSize: 10,
        now: () => now,
        onProgress: (processed) => {
          seen.push(processed);
          if (processed === 20) throw new Error("server stopped");
        },
      }),
    ).rejects.toThrow("server stopped");
    expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: big.id } })).toMatchObject({
      status: "executing",
      processedCount: 20,
    });
    await runCameoAction(db, big.id, { chunkSize: 10, now: () => now, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([10, 20, 30, 40, 43]);
    expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: big.id } })).toMatchObject({
      status: "completed",
      processedCount: 43,
    });
    expect(await db.prisma.decision.count({ where: { batchId: big.batchId, type: "take_down_post" } })).toBe(43);
    expect(await db.prisma.outboxEvent.count({ where: { decision: { batchId: big.batchId } } })).toBe(44);
    expect(await db.prisma.post.count({ where: { id: { in: posts }, visibility: "taken_down" } })).toBe(40);
    // A completed action does not run again.
    expect(await runCameoAction(db, big.id)).toBe(false);
  });

  it("two runners on one action (two servers resuming it) do every post exactly once", async () => {
    const w = await world();
    await insertCameoPosts(db, w.grantee.id, w.cameo.id, 60);
    const action = await db.prisma.cameoAction.create({
      data: {
        kind: "revoke_grant",
        status: "approved",
        cameoId: w.cameo.id,
        grantId: w.grant.id,
        mode: "hold",
        policyId,
        reason: "Misuse",
        batchId: crypto.randomUUID(),
        postCount: 63,
        needsApproval: false,
        requestedById: staff.id,
        requestedAt: now,
      },
    });
    const results = await Promise.all([
      runCameoAction(db, action.id, { chunkSize: 7, now: () => now }),
      runCameoAction(db, action.id, { chunkSize: 7, now: () => now }),
    ]);
    expect(results).toContain(true);
    expect(await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
      status: "completed",
      processedCount: 63,
    });
    expect(await db.prisma.decision.count({ where: { batchId: action.batchId } })).toBe(64);
    expect(await db.prisma.cameoActionPost.count({ where: { actionId: action.id } })).toBe(63);
    expect(
      await db.prisma.emailNotice.count({
        where: { kind: "cameo_owner", createdAt: now, text: { contains: "63 videos" } },
      }),
    ).toBe(1);
  });

  it("refuses bad requests with the field and the reason, changing nothing", async () => {
    const w = await world();
    const as = callerFor(db, staff, { now: () => now });
    await expect(
      as.cameo.revokeGrant({ grantId: w.grant.id, mode: "take_down", policyId, reason: "x" }),
    ).rejects.toThrow(/reason/);
    await expect(
      as.cameo.revokeGrant({ grantId: "grant_missing", mode: "take_down", policyId, reason: "Misuse" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      as.cameo.revokeGrant({ grantId: w.grant.id, mode: "take_down", policyId: crypto.randomUUID(), reason: "Misuse" }),
    ).rejects.toThrow(/policyId/);
    await expect(as.cameo.reinstate({ actionId: crypto.randomUUID(), reason: "Undo" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.prisma.cameoAction.count({ where: { cameoId: w.cameo.id } })).toBe(0);
    expect(await db.prisma.cameoGrant.findUniqueOrThrow({ where: { id: w.grant.id } })).toMatchObject({
      status: "active",
    });
  });
});
