// Reversal × authority, through the real router: for each kind of reversal, each authority the original decision
// was taken with and each role and flow attempting it, whether it goes through or is refused (FORBIDDEN, nothing
// changed). The tables below are the design: a legal restriction yields only to staff on its request or on an
// appeal against it; any other to a person of at least its rank; admins act with staff authority.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import type { DecisionAuthority, StaffRole } from "../../server/db/generated/enums.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertAccount, insertCameo, insertGrant, insertPost } from "../support/fixtures.ts";

type Outcome = "allowed" | "refused";
const AUTHORITIES: DecisionAuthority[] = ["automated", "moderator", "staff", "legal"];

const POST_PATHS = {
  "moderator on a report": { role: "moderator", flow: "report" },
  "staff on a report": { role: "staff", flow: "report" },
  "admin on a report": { role: "admin", flow: "report" },
  "moderator on an appeal": { role: "moderator", flow: "appeal" },
  "staff on an appeal": { role: "staff", flow: "appeal" },
  "staff on the request": { role: "staff", flow: "request" },
} as const satisfies Record<string, { role: StaffRole; flow: "report" | "appeal" | "request" }>;
type PostPath = keyof typeof POST_PATHS;

// The same table holds for restoring a taken-down post, restoring a held one and holding a taken-down one.
const POST_EXPECTED: Record<DecisionAuthority, Record<PostPath, Outcome>> = {
  automated: {
    "moderator on a report": "allowed",
    "staff on a report": "allowed",
    "admin on a report": "allowed",
    "moderator on an appeal": "allowed",
    "staff on an appeal": "allowed",
    "staff on the request": "allowed",
  },
  moderator: {
    "moderator on a report": "allowed",
    "staff on a report": "allowed",
    "admin on a report": "allowed",
    "moderator on an appeal": "allowed",
    "staff on an appeal": "allowed",
    "staff on the request": "allowed",
  },
  staff: {
    "moderator on a report": "refused",
    "staff on a report": "allowed",
    "admin on a report": "allowed",
    "moderator on an appeal": "refused",
    "staff on an appeal": "allowed",
    "staff on the request": "allowed",
  },
  legal: {
    "moderator on a report": "refused",
    "staff on a report": "refused",
    "admin on a report": "refused",
    "moderator on an appeal": "refused",
    "staff on an appeal": "allowed",
    "staff on the request": "allowed",
  },
};

const POST_REVERSALS = {
  "restore a taken-down post": {
    original: "take_down_post",
    before: "taken_down",
    action: "restore_post",
    after: "public",
  },
  "restore a held post": { original: "hold_post", before: "held", action: "restore_post", after: "public" },
  "hold a taken-down post": { original: "take_down_post", before: "taken_down", action: "hold_post", after: "held" },
} as const;

type Role = StaffRole;
// Account and cameo reinstatements happen on their own pages, which only staff and admins may use at all.
const PAGE_ROLES: Role[] = ["moderator", "staff", "admin"];
const PAGE_EXPECTED: Record<DecisionAuthority, Record<Role, Outcome>> = {
  automated: { moderator: "refused", staff: "allowed", admin: "allowed" },
  moderator: { moderator: "refused", staff: "allowed", admin: "allowed" },
  staff: { moderator: "refused", staff: "allowed", admin: "allowed" },
  legal: { moderator: "refused", staff: "refused", admin: "refused" },
};
// A one-day suspension decided on a report over a ban or a longer suspension shortens it.
const SHORTEN_EXPECTED: Record<DecisionAuthority, Record<Role, Outcome>> = {
  automated: { moderator: "allowed", staff: "allowed", admin: "allowed" },
  moderator: { moderator: "allowed", staff: "allowed", admin: "allowed" },
  staff: { moderator: "refused", staff: "allowed", admin: "allowed" },
  legal: { moderator: "refused", staff: "refused", admin: "refused" },
};

const statement = {
  dsaGround: "incompatible_content" as const,
  dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
  visibility: "removed" as const,
  automatedDetection: false,
  automatedDecision: false,
  territorialScope: ["EEA"],
};

describe("reversal × authority", () => {
  let db: Database;
  let policyId: string;
  const now = new Date("2026-11-25T10:00:00Z");
  const earlier = new Date(now.getTime() - 3_600_000);
  /** who took the originals; those who reverse are other people, so no appeal is against their own decision */
  let takenBy: Record<"moderator" | "staff", SessionUser>;
  let reversers: Record<Role, SessionUser>;
  const as = (role: Role) => callerFor(db, reversers[role], { now: () => now });

  beforeAll(async () => {
    db = await createTestDatabase();
    policyId = (await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } })).id;
    takenBy = { moderator: await createStaff(db, "moderator"), staff: await createStaff(db, "staff") };
    reversers = {
      moderator: await createStaff(db, "moderator"),
      staff: await createStaff(db, "staff"),
      admin: await createStaff(db, "admin"),
    };
  });
  afterAll(() => db.close());

  const actorFor = (authority: DecisionAuthority) =>
    authority === "automated" ? null : authority === "moderator" ? takenBy.moderator.id : takenBy.staff.id;

  /** A request as staff entered it; legal decisions name one. */
  const newRequest = (postId: string, caseId: string | null) =>
    db.prisma.takedownRequest.create({
      data: {
        reference: `TD-${crypto.randomBytes(4).toString("hex")}`,
        type: "court_order",
        status: "actioned",
        source: "staff",
        authority: "authority",
        receivedAt: earlier,
        caseId,
        posts: { create: { postId, matchedBy: "id" } },
      },
    });

  const openCase = (queue: "user_report" | "appeal" | "takedown", postId: string) =>
    db.prisma.case.create({
      data: {
        queue,
        subjectType: "post",
        subjectKey: `post:${postId}`,
        postId,
        status: "open",
        priority: 50,
        signalCount: 1,
        createdAt: earlier,
      },
    });

  /** The original restriction, taken with `authority`, in force on a fresh post or account. */
  async function restriction(
    authority: DecisionAuthority,
    type: "take_down_post" | "hold_post" | "suspend_account" | "ban_account",
  ) {
    const creator = await insertAccount(db);
    const post = await insertPost(db, creator.id);
    const onAccount = type === "suspend_account" || type === "ban_account";
    if (onAccount)
      await db.prisma.account.update({
        where: { id: creator.id },
        data: {
          status: type === "ban_account" ? "banned" : "suspended",
          suspendedUntil: type === "ban_account" ? null : new Date(now.getTime() + 30 * 86_400_000),
        },
      });
    else
      await db.prisma.post.update({
        where: { id: post.id },
        data: { visibility: type === "take_down_post" ? "taken_down" : "held" },
      });
    const request = authority === "legal" ? await newRequest(post.id, null) : null;
    const decision = await db.prisma.decision.create({
      data: {
        type,
        subjectType: onAccount ? "account" : "post",
        postId: onAccount ? null : post.id,
        accountId: onAccount ? creator.id : null,
        suspendedUntil: type === "suspend_account" ? new Date(now.getTime() + 30 * 86_400_000) : null,
        actorId: actorFor(authority),
        authority,
        takedownRequestId: request?.id ?? null,
        policyId,
        reason: "The original decision",
        createdAt: earlier,
      },
    });
    return { creator, post, decision, request };
  }

  /** The case the reversal is attempted on, in the path's flow. */
  async function caseFor(flow: "report" | "appeal" | "request", r: Awaited<ReturnType<typeof restriction>>) {
    if (flow === "report") return openCase("user_report", r.post.id);
    if (flow === "appeal") {
      const c = await openCase("appeal", r.post.id);
      await db.prisma.appeal.create({
        data: {
          decisionId: r.decision.id,
          appellantId: r.creator.id,
          text: "Please look again",
          caseId: c.id,
          filedAt: earlier,
        },
      });
      return c;
    }
    const c = await openCase("takedown", r.post.id);
    // On the request's own case for a legal original; otherwise a case another request opened about the post.
    if (r.request) await db.prisma.takedownRequest.update({ where: { id: r.request.id }, data: { caseId: c.id } });
    else await newRequest(r.post.id, c.id);
    return c;
  }

  /** Runs an attempt and reads the outcome off the data: changed as asked, or refused with nothing changed. */
  async function outcomeOf(
    attempt: () => Promise<unknown>,
    changed: () => Promise<boolean>,
    unchanged: () => Promise<boolean>,
  ): Promise<string> {
    try {
      await attempt();
    } catch (err) {
      const code = (err as { code?: string }).code;
      return code === "FORBIDDEN" && (await unchanged()) ? "refused" : `failed: ${code} ${(err as Error).message}`;
    }
    return (await changed()) ? "allowed" : "went through without changing anything";
  }

  for (const [name, r] of Object.entries(POST_REVERSALS)) {
    it(`${name}`, async () => {
      const actual: Record<string, Record<string, string>> = {};
      for (const authority of AUTHORITIES) {
        actual[authority] = {};
        for (const [pathName, path] of Object.entries(POST_PATHS)) {
          const original = await restriction(authority, r.original);
          const c = await caseFor(path.flow, original);
          const visibility = async () =>
            (await db.prisma.post.findUniqueOrThrow({ where: { id: original.post.id } })).visibility;
          actual[authority][pathName] = await outcomeOf(
            () =>
              as(path.role).case.decide({
                caseId: c.id,
                expectedVersion: c.version,
                action: r.action,
                policyId,
                reason: "Looked at it again",
                statement,
              }),
            async () => (await visibility()) === r.after,
            async () =>
              (await visibility()) === r.before &&
              (await db.prisma.decision.count({ where: { postId: original.post.id } })) === 1,
          );
        }
      }
      expect(actual).toEqual(POST_EXPECTED);
    });
  }

  for (const type of ["suspend_account", "ban_account"] as const) {
    it(`reinstate an account after ${type === "ban_account" ? "a ban" : "a suspension"}`, async () => {
      const actual: Record<string, Record<string, string>> = {};
      for (const authority of AUTHORITIES) {
        actual[authority] = {};
        for (const role of PAGE_ROLES) {
          const original = await restriction(authority, type);
          const status = async () =>
            (await db.prisma.account.findUniqueOrThrow({ where: { id: original.creator.id } })).status;
          actual[authority][role] = await outcomeOf(
            () =>
              as(role).account.act({
                accountId: original.creator.id,
                action: "reinstate",
                policyId,
                reason: "Standing restored",
              }),
            async () => (await status()) === "active",
            async () =>
              (await status()) !== "active" &&
              (await db.prisma.decision.count({ where: { accountId: original.creator.id } })) === 1,
          );
        }
      }
      expect(actual).toEqual(PAGE_EXPECTED);
    });

    it(`shorten ${type === "ban_account" ? "a ban" : "a 30-day suspension"} with a one-day suspension on a report`, async () => {
      const actual: Record<string, Record<string, string>> = {};
      for (const authority of AUTHORITIES) {
        actual[authority] = {};
        for (const role of PAGE_ROLES) {
          const original = await restriction(authority, type);
          const c = await openCase("user_report", original.post.id);
          const account = () => db.prisma.account.findUniqueOrThrow({ where: { id: original.creator.id } });
          actual[authority][role] = await outcomeOf(
            () =>
              as(role).case.decide({
                caseId: c.id,
                expectedVersion: c.version,
                action: "suspend_account",
                suspendDays: 1,
                policyId,
                reason: "One day is enough",
                statement,
              }),
            async () => (await account()).suspendedUntil?.getTime() === now.getTime() + 86_400_000,
            async () =>
              (await account()).status === (type === "ban_account" ? "banned" : "suspended") &&
              (await db.prisma.decision.count({ where: { accountId: original.creator.id } })) === 1,
          );
        }
      }
      expect(actual).toEqual(SHORTEN_EXPECTED);
    });
  }

  it("reinstate a cameo grant after its revocation", async () => {
    const actual: Record<string, Record<string, string>> = {};
    for (const authority of AUTHORITIES) {
      actual[authority] = {};
      for (const role of PAGE_ROLES) {
        const owner = await insertAccount(db);
        const grantee = await insertAccount(db);
        const grant = await insertGrant(db, (await insertCameo(db, owner.id)).id, grantee.id);
        const revoked = await callerFor(db, takenBy.staff, { now: () => earlier }).cameo.revokeGrant({
          grantId: grant.id,
          mode: "take_down",
          policyId,
          reason: "The owner withdrew consent",
        });
        // The revocation as if taken with this authority.
        const { decisionId } = await db.prisma.cameoAction.findUniqueOrThrow({ where: { id: revoked.id } });
        await db.prisma.decision.update({ where: { id: decisionId! }, data: { authority } });
        const grantStatus = async () =>
          (await db.prisma.cameoGrant.findUniqueOrThrow({ where: { id: grant.id } })).status;
        actual[authority][role] = await outcomeOf(
          () => as(role).cameo.reinstate({ actionId: revoked.id, reason: "The owner consented again" }),
          async () => (await grantStatus()) === "active",
          async () =>
            (await grantStatus()) === "revoked" &&
            (await db.prisma.cameoAction.count({ where: { reversesId: revoked.id } })) === 0,
        );
      }
    }
    expect(actual).toEqual(PAGE_EXPECTED);
  });
});
