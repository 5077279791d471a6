// Walks every procedure of the app router: anonymous callers get UNAUTHORIZED and every role below the
// procedure's declared minimum gets FORBIDDEN; then, object by object, staff-only content reaches no role below
// its queue through any procedure or /media. New procedures are covered without editing this file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { STAFF_ROLES, ROLE_RANK, type SessionUser } from "../../server/trpc.ts";
import type { Database } from "../../server/db/client.ts";
import { createTestDatabase } from "../support/db.ts";
import { callerFor } from "../support/caller.ts";
import { listProcedures } from "../support/procedures.ts";
import { startTestApp } from "../support/app-server.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { buildRestrictedWorld, type RestrictedWorld } from "../support/restricted-content.ts";
import { QueueKind } from "../../server/db/generated/enums.ts";
import { SESSION_COOKIE } from "../../server/domain/auth/sessions.ts";
import { forgetQueueSettings } from "../../server/domain/access/queue-access.ts";
import { CONTENT_KEPT_TO_STAFF } from "../../server/domain/access/content-visibility.ts";

const procedures = listProcedures();
const NOW = new Date("2026-11-25T09:00:00Z");
const now = () => NOW;

async function call(db: Database, user: SessionUser | null, path: string): Promise<TRPCError | null> {
  const caller = callerFor(db, user, { now }) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  try {
    await fn(undefined);
    return null;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
}

describe("authorization of every procedure", () => {
  let db: Database;
  const users = {} as Record<(typeof STAFF_ROLES)[number], SessionUser>;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const role of STAFF_ROLES) users[role] = await createStaff(db, role);
  });
  afterAll(() => db.close());

  it("finds the procedures and every one declares a minimum role", () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const p of procedures)
      expect(p.minRole, `${p.path} has no meta.minRole`).toMatch(/^(public|moderator|staff|admin)$/);
  });

  it.each(procedures.filter((p) => p.minRole !== "public"))("$path refuses anonymous callers", async ({ path }) => {
    const err = await call(db, null, path);
    expect(err?.code, `${path} let an anonymous caller through`).toBe("UNAUTHORIZED");
  });

  it.each(procedures.filter((p) => p.minRole !== "public" && p.minRole !== "moderator"))(
    "$path ($minRole) refuses every lower role",
    async ({ path, minRole }) => {
      const lower = STAFF_ROLES.filter((r) => ROLE_RANK[r] < ROLE_RANK[minRole as keyof typeof ROLE_RANK]);
      expect(lower.length).toBeGreaterThan(0);
      for (const role of lower) {
        const err = await call(db, users[role], path);
        expect(err?.code, `${path} let a ${role} through`).toBe("FORBIDDEN");
      }
    },
  );

  it.each(procedures.filter((p) => p.minRole !== "public"))(
    "$path lets its minimum role past authorization",
    async ({ path, minRole }) => {
      const err = await call(db, users[minRole as keyof typeof users], path);
      // Passing authorization means any refusal is about the input, never about who is asking.
      expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(err?.code);
    },
  );
});

// Object level: content of a staff-only queue (an NCII takedown) reaches no role that may not work that queue,
// whichever procedure is asked and whichever of its ids is passed in, and still reaches the roles that work it.
describe("object-level access to staff-only content", () => {
  let db: Database;
  let world: RestrictedWorld;
  const users = {} as Record<(typeof STAFF_ROLES)[number], SessionUser>;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const role of STAFF_ROLES) users[role] = await createStaff(db, role);
    world = await buildRestrictedWorld(db, users.staff, NOW);
  });
  afterAll(() => db.close());

  const as = (user: SessionUser) => callerFor(db, user, { now });

  function candidateInputs(w: RestrictedWorld): unknown[] {
    const caseIds = [w.restricted.caseId, ...Object.values(w.sideCaseIds), w.visible.caseId, w.copy.caseId];
    const allStatuses = ["open", "claimed", "escalated", "resolved"];
    return [
      undefined,
      {},
      { limit: 100 },
      { accountId: w.creator.id },
      { query: w.creator.handle },
      { query: `@${w.creator.handle.slice(0, 6)}` },
      ...caseIds.map((caseId) => ({ caseId })),
      ...Object.values(QueueKind).flatMap((queue) => [{ queue }, { queue, status: allStatuses }]),
      { status: allStatuses },
      { promptContains: w.tag, status: allStatuses },
      { creatorHandle: w.creator.handle, status: allStatuses },
      { postId: w.restricted.postId },
      { postId: w.copy.postId },
      { active: false },
      { cameoId: w.cameoId },
      { requestId: w.restricted.requestId },
      { subjectId: w.restricted.postId },
      { subjectId: w.restricted.caseId },
      { subjectId: w.creator.id },
      { days: 30 },
    ];
  }

  /** Every procedure the user's role may call, with every input its schema accepts: what leaked, and where. */
  async function walk(user: SessionUser) {
    const leaks: string[] = [];
    let calls = 0;
    for (const p of procedures) {
      if (p.minRole !== "public" && ROLE_RANK[user.role] < ROLE_RANK[p.minRole as keyof typeof ROLE_RANK]) continue;
      const tried = new Set<string>();
      for (const input of candidateInputs(world)) {
        // Only inputs the schema accepts reach the data; two that parse alike are one call.
        const parsed = p.input
          ? await p.input["~standard"].validate(input)
          : input === undefined
            ? { value: undefined }
            : { issues: [] };
        if ("issues" in parsed && parsed.issues) continue;
        const key = JSON.stringify("value" in parsed ? parsed.value : null) ?? "undefined";
        if (tried.has(key)) continue;
        tried.add(key);
        const fn = p.path
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], as(user)) as (
          i: unknown,
        ) => Promise<unknown>;
        calls++;
        const answer = await fn(input).then(
          (data) => data,
          (err: unknown) => ({
            error: err instanceof TRPCError ? { code: err.code, message: err.message } : String(err),
          }),
        );
        const text = JSON.stringify(answer, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "";
        const sent = JSON.stringify(input) ?? "";
        for (const secret of world.secrets)
          if (text.includes(secret) && !sent.includes(secret)) leaks.push(`${p.path}(${sent}) returned ${secret}`);
      }
    }
    return { leaks, calls };
  }

  it("a moderator gets none of it from any procedure, while the creator's other content stays visible", async () => {
    const { leaks, calls } = await walk(users.moderator);
    expect(calls).toBeGreaterThan(40);
    expect(leaks).toEqual([]);

    const mod = as(users.moderator);
    const profile = await mod.account.get({ accountId: world.creator.id });
    expect(profile.openCases.map((c) => c.id)).toEqual([world.visible.caseId]);
    expect(profile.posts).toEqual({ public: 1 });
    expect((await mod.account.posts({ accountId: world.creator.id })).items.map((p) => p.id)).toEqual([
      world.visible.postId,
    ]);
    const decisions = (await mod.account.decisions({ accountId: world.creator.id })).items;
    expect(decisions.map((d) => d.id).sort()).toEqual([world.visible.decisionId, world.reinstatementId].sort());
    expect(decisions.find((d) => d.id === world.reinstatementId)?.reversesId).toBeNull();
    const copy = await mod.case.get({ caseId: world.copy.caseId });
    expect(copy.post?.remixOf).toBeNull();
    expect(copy.signals.find((s) => s.hashMatch)?.hashMatch).toMatchObject({
      matchKind: "exact",
      matchedPostId: null,
      decisionId: null,
      policyCode: null,
    });
    expect(await mod.case.similarRemoved({ caseId: world.copy.caseId })).toEqual([]);
    await expect(mod.case.get({ caseId: world.sideCaseIds.report })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: CONTENT_KEPT_TO_STAFF,
    });
    await expect(mod.case.get({ caseId: world.restricted.caseId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("queue counts leave out what a moderator may not see, and the oldest case is the oldest they may see", async () => {
    const earlier = new Date(NOW.getTime() - 3 * 86_400_000);
    await db.prisma.case.update({ where: { id: world.sideCaseIds.report }, data: { createdAt: earlier } });
    const visibleReport = await db.prisma.case.findUniqueOrThrow({ where: { id: world.visible.caseId } });
    const byQueue = async (user: SessionUser) => new Map((await as(user).case.queues()).map((q) => [q.queue, q]));
    const [mod, staff] = [await byQueue(users.moderator), await byQueue(users.staff)];
    for (const queue of ["user_report", "likeness_complaint", "appeal"] as const)
      expect(mod.get(queue)!.openCount).toBe(staff.get(queue)!.openCount - 1);
    expect(mod.get("flagged_generation")!.openCount).toBe(staff.get("flagged_generation")!.openCount);
    expect(staff.get("user_report")!.oldestCreatedAt).toEqual(earlier);
    expect(mod.get("user_report")!.oldestCreatedAt).toEqual(visibleReport.createdAt);
    expect(mod.get("likeness_complaint")).toMatchObject({ openCount: 0, oldestCreatedAt: null, nextDeadlineAt: null });
  });

  it("staff, who work the takedown queue, see it where they look", async () => {
    const staff = as(users.staff);
    const profile = await staff.account.get({ accountId: world.creator.id });
    expect(profile.openCases.map((c) => c.id)).toEqual(
      expect.arrayContaining([world.visible.caseId, world.sideCaseIds.report, world.sideCaseIds.appeal]),
    );
    expect(profile.posts).toEqual({ public: 1, taken_down: 1 });
    const posts = await staff.account.posts({ accountId: world.creator.id });
    expect(posts.items.find((p) => p.id === world.restricted.postId)?.prompt).toBe(world.restricted.prompt);
    const decisions = (await staff.account.decisions({ accountId: world.creator.id })).items;
    expect(decisions.map((d) => d.id)).toEqual(
      expect.arrayContaining([world.restricted.decisionId, world.restricted.suspensionId]),
    );
    expect(decisions.find((d) => d.id === world.reinstatementId)?.reversesId).toBe(world.restricted.suspensionId);
    const copy = await staff.case.get({ caseId: world.copy.caseId });
    expect(copy.post?.remixOf?.id).toBe(world.restricted.postId);
    expect(copy.signals.find((s) => s.hashMatch)?.hashMatch?.matchedPostId).toBe(world.restricted.postId);
    expect((await staff.case.similarRemoved({ caseId: world.copy.caseId })).map((s) => s.postId)).toEqual([
      world.restricted.postId,
    ]);
    expect((await staff.case.list({ queue: "user_report" })).items.map((c) => c.id)).toContain(
      world.sideCaseIds.report,
    );
    expect((await staff.hashBank.list({ postId: world.restricted.postId })).items.length).toBeGreaterThan(0);
    expect((await staff.cameo.posts({ cameoId: world.cameoId })).items.map((p) => p.id)).toContain(
      world.restricted.postId,
    );
  });

  it("/media answers a moderator as for a missing post, and serves staff the images", async () => {
    const app = await startTestApp(db, { now });
    try {
      const get = async (user: SessionUser, path: string) => {
        const res = await fetch(`${app.base}${path}`, {
          headers: { cookie: `${SESSION_COOKIE}=${await sessionTokenFor(db, user, NOW)}` },
        });
        return { status: res.status, body: await res.text() };
      };
      const missing = await get(users.moderator, "/media/posts/no-such-post/poster.svg");
      for (const path of [
        `/media/posts/${world.restricted.postId}/poster.svg`,
        `/media/posts/${world.restricted.postId}/keyframes/0.svg`,
      ]) {
        const refused = await get(users.moderator, path);
        expect(refused.status).toBe(404);
        expect(refused.body).not.toContain(world.restricted.prompt);
        if (path.endsWith("poster.svg")) expect(refused).toEqual(missing);
        const served = await get(users.staff, path);
        expect(served.status).toBe(200);
      }
      expect((await get(users.moderator, `/media/posts/${world.visible.postId}/poster.svg`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("follows the queue settings: with the takedown queue raised to admin, staff are kept from it and admins are not", async () => {
    await db.prisma.queueSetting.update({ where: { queue: "takedown" }, data: { minRole: "admin" } });
    forgetQueueSettings(db);
    try {
      const { leaks, calls } = await walk(users.staff);
      expect(calls).toBeGreaterThan(60);
      expect(leaks).toEqual([]);
      const admin = as(users.admin);
      expect((await admin.account.posts({ accountId: world.creator.id })).items.map((p) => p.id)).toContain(
        world.restricted.postId,
      );
      expect((await admin.audit.list({ subjectId: world.restricted.postId })).items.length).toBeGreaterThan(0);
    } finally {
      await db.prisma.queueSetting.update({ where: { queue: "takedown" }, data: { minRole: "staff" } });
      forgetQueueSettings(db);
    }
  });
});
