// The shared action rules, case by case: which actions a case or an account allows, why the others are refused,
// and the visibility each action leads to. The server refuses through these rules and the console shows them, so
// the tables below are what both sides do; the last test checks the server refuses the way the table says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountStatus, PostVisibility as PrismaPostVisibility } from "../../server/db/generated/enums.ts";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { CASE_ACTIONS, type CaseAction } from "../../server/contracts/decisions.ts";
import {
  accountActionRefusal,
  accountActionsAllowed,
  type AccountStanding,
} from "../../server/contracts/rules/account-actions.ts";
import { caseActionRefusal, caseActionsAllowed, type CaseFacts } from "../../server/contracts/rules/case-actions.ts";
import {
  POST_VISIBILITY_AFTER,
  visibilityAfter,
  type PostVisibility,
} from "../../server/contracts/rules/visibility.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { callerFor } from "../support/caller.ts";
import { insertCase } from "../support/fixtures.ts";

// The rules name the schema's enums without importing Prisma; these lines fail to compile if the two drift apart.
const postVisibilities: PostVisibility[] = Object.values(PrismaPostVisibility);
const accountStatuses: AccountStanding["status"][] = Object.values(AccountStatus);
void ((v: PostVisibility): PrismaPostVisibility => v);
void ((s: AccountStanding["status"]): AccountStatus => s);

const ACCOUNT: CaseAction[] = ["warn_account", "add_strike", "suspend_account"];
const post = (visibility: PostVisibility): CaseFacts => ({
  queue: "user_report",
  post: { visibility },
  hasAccount: true,
});

describe("case actions", () => {
  const allowed: [string, CaseFacts, CaseAction[]][] = [
    ["a public post", post("public"), ["take_down_post", "hold_post", "dismiss", "escalate", ...ACCOUNT]],
    ["a held post", post("held"), ["take_down_post", "restore_post", "dismiss", "escalate", ...ACCOUNT]],
    ["a taken-down post", post("taken_down"), ["hold_post", "restore_post", "dismiss", "escalate", ...ACCOUNT]],
    ["a deleted post", post("deleted"), ["dismiss", "escalate", ...ACCOUNT]],
    [
      "a post in the escalated queue",
      { ...post("public"), queue: "escalated" },
      ["take_down_post", "hold_post", "dismiss", ...ACCOUNT],
    ],
    ["an account", { queue: "user_report", post: null, hasAccount: true }, ["dismiss", "escalate", ...ACCOUNT]],
    [
      "a cameo with no account",
      { queue: "likeness_complaint", post: null, hasAccount: false },
      ["dismiss", "escalate"],
    ],
  ];
  it.each(allowed)("%s allows exactly these actions", (_, facts, expected) => {
    expect(caseActionsAllowed(facts)).toEqual(expected);
    // Every table covers the whole action list: what is not allowed is refused with a reason.
    for (const action of CASE_ACTIONS)
      expect(caseActionRefusal(action, facts) === null, action).toBe(expected.includes(action));
  });

  const refused: [CaseAction, CaseFacts, string][] = [
    ["take_down_post", post("taken_down"), "The post is already taken down."],
    ["hold_post", post("held"), "The post is already held."],
    ["restore_post", post("public"), "The post is already public."],
    ["take_down_post", post("deleted"), "The creator deleted this post; there is nothing to change."],
    [
      "restore_post",
      { queue: "user_report", post: null, hasAccount: true },
      "This case is not about a post; choose an action for its subject.",
    ],
    ["escalate", { ...post("public"), queue: "escalated" }, "This case is already with staff; choose another action."],
    [
      "suspend_account",
      { queue: "likeness_complaint", post: null, hasAccount: false },
      "There is no account to act on for this case.",
    ],
  ];
  it.each(refused)("%s is refused: %j", (action, facts, message) => {
    expect(caseActionRefusal(action, facts)).toBe(message);
  });

  it("covers every post visibility of the schema", () => {
    for (const visibility of postVisibilities) expect(caseActionsAllowed(post(visibility))).toContain("dismiss");
    expect(postVisibilities.sort()).toEqual(
      allowed
        .slice(0, 4)
        .map(([, f]) => f.post!.visibility)
        .sort(),
    );
  });
});

describe("account actions", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const table: [string, AccountStanding, string[]][] = [
    ["active", { status: "active", suspendedUntil: null }, ["suspend", "ban"]],
    [
      "suspended until later",
      { status: "suspended", suspendedUntil: new Date("2026-06-08T12:00:00Z") },
      ["ban", "reinstate"],
    ],
    ["suspended with no end", { status: "suspended", suspendedUntil: null }, ["ban", "reinstate"]],
    [
      "suspended, the end passed",
      { status: "suspended", suspendedUntil: "2026-06-01T12:00:00.000Z" },
      ["suspend", "ban", "reinstate"],
    ],
    ["banned", { status: "banned", suspendedUntil: null }, ["reinstate"]],
    ["deleted", { status: "deleted", suspendedUntil: null }, []],
  ];
  it.each(table)("an account %s allows exactly these actions", (_, account, expected) => {
    expect(accountActionsAllowed(account, now)).toEqual(expected);
  });

  it("covers every account status of the schema", () => {
    expect([...new Set(table.map(([, a]) => a.status))].sort()).toEqual(accountStatuses.sort());
  });

  it("says why an action is refused, the same whether the end is a date or its text", () => {
    const until = { status: "suspended" as const, suspendedUntil: new Date("2026-06-08T12:00:00Z") };
    const message =
      "The account is already suspended until 2026-06-08 12:00 UTC; reinstate it first to set a different length.";
    expect(accountActionRefusal("suspend", until, now)).toBe(message);
    expect(accountActionRefusal("suspend", { ...until, suspendedUntil: until.suspendedUntil.toISOString() }, now)).toBe(
      message,
    );
    expect(accountActionRefusal("suspend", { status: "suspended", suspendedUntil: null }, now)).toBe(
      "The account is already suspended; reinstate it first to set a different length.",
    );
    expect(accountActionRefusal("suspend", { status: "banned", suspendedUntil: null }, now)).toBe(
      "The account is banned; reinstate it first if a suspension should replace the ban.",
    );
    expect(accountActionRefusal("ban", { status: "banned", suspendedUntil: null }, now)).toBe(
      "The account is already banned.",
    );
    expect(accountActionRefusal("reinstate", { status: "active", suspendedUntil: null }, now)).toBe(
      "The account is not suspended or banned.",
    );
    expect(accountActionRefusal("ban", { status: "deleted", suspendedUntil: null }, now)).toBe(
      "The account was deleted on the platform; there is nothing to change.",
    );
  });
});

describe("visibility after an action", () => {
  it.each([
    ["take_down_post", "removed", "taken_down"],
    ["hold_post", "disabled", "held"],
    ["restore_post", "not_restricted", "public"],
    ["dismiss", "not_restricted", undefined],
    ["escalate", "not_restricted", undefined],
    ["warn_account", "not_restricted", undefined],
    ["add_strike", "not_restricted", undefined],
    ["suspend_account", "not_restricted", undefined],
  ] as const)("%s: the statement says %s, the post becomes %s", (action, statement, postAfter) => {
    expect(visibilityAfter(action)).toBe(statement);
    expect((POST_VISIBILITY_AFTER as Partial<Record<CaseAction, PostVisibility>>)[action]).toBe(postAfter);
  });
});

describe("the server refuses what the rules refuse", () => {
  let db: Database;
  let ana: SessionUser;
  let policy: { id: string };
  const decide = (c: { id: string; version: number }, action: CaseAction) =>
    callerFor(db, ana).case.decide({
      caseId: c.id,
      expectedVersion: c.version,
      action,
      policyId: policy.id,
      reason: "Graphic violence against a real person",
      statement: {
        dsaGround: "incompatible_content",
        dsaCategory: "STATEMENT_CATEGORY_VIOLENCE",
        visibility: visibilityAfter(action),
        automatedDetection: false,
        automatedDecision: false,
        territorialScope: ["EEA"],
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    ana = await createStaff(db, "staff", "Ana Lima");
    policy = await db.prisma.policy.findFirstOrThrow({ where: { code: "violence" } });
  });
  afterAll(() => db.close());

  it("with the rule's message and PRECONDITION_FAILED, and leaves the case as it was", async () => {
    const taken = await insertCase(db, { queue: "user_report" });
    await db.prisma.post.update({ where: { id: taken.postId! }, data: { visibility: "taken_down" } });
    await expect(decide(taken, "take_down_post")).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "The post is already taken down.",
    });

    const escalated = await insertCase(db, { queue: "escalated" });
    await expect(decide(escalated, "escalate")).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "This case is already with staff; choose another action.",
    });
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: escalated.id } })).toMatchObject({
      queue: "escalated",
      status: escalated.status,
      version: escalated.version,
    });
  });

  it("and allows what they allow: a taken-down post can be held", async () => {
    const taken = await insertCase(db, { queue: "user_report" });
    await db.prisma.post.update({ where: { id: taken.postId! }, data: { visibility: "taken_down" } });
    await decide(taken, "hold_post");
    expect(await db.prisma.post.findUniqueOrThrow({ where: { id: taken.postId! } })).toMatchObject({
      visibility: "held",
    });
  });
});
