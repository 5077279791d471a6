// The decision writer: for every decision type, one decision row, exactly one audit row, the platform's event when
// it has one, a statement of reasons when the decision restricts someone, the uploader's notice and the hash bank
// change, each as the type calls for; many drafts are written together in one chained audit append.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.ts";
import { ActionType } from "../../server/db/generated/enums.ts";
import type { WebhookEventType } from "../../server/contracts/platform-webhooks.ts";
import { recordDecisions, type DecisionDraft, type DecisionPolicy } from "../../server/domain/decisions/record.ts";
import { RESTRICTIVE_ACTION_TYPES } from "../../server/domain/sor/restrictive-actions.ts";
import { verifyAuditChain } from "../../server/domain/audit/audit-log.ts";
import { createTestDatabase } from "../support/db.ts";
import { createStaff } from "../support/staff.ts";
import { insertAccount, insertCameo, insertGrant, insertPost } from "../support/fixtures.ts";
import { insertProcessedMedia } from "../support/media-rows.ts";

const NOW = new Date("2026-06-01T12:00:00Z");

type Subject = "post" | "account" | "cameo" | "grant";

/** What each type must do, written out here rather than read from the writer's own table. */
const EXPECTED: Record<
  ActionType,
  { subject: Subject; event: WebhookEventType | null; notice: boolean; bank: "add" | "retire" | null }
> = {
  take_down_post: { subject: "post", event: "post.taken_down", notice: true, bank: "add" },
  hold_post: { subject: "post", event: "post.held", notice: true, bank: null },
  restore_post: { subject: "post", event: "post.restored", notice: false, bank: "retire" },
  dismiss: { subject: "post", event: null, notice: false, bank: null },
  escalate: { subject: "post", event: null, notice: false, bank: null },
  warn_account: { subject: "account", event: "account.warned", notice: true, bank: null },
  add_strike: { subject: "account", event: null, notice: true, bank: null },
  suspend_account: { subject: "account", event: "account.suspended", notice: true, bank: null },
  ban_account: { subject: "account", event: "account.suspended", notice: true, bank: null },
  reinstate_account: { subject: "account", event: "account.reinstated", notice: false, bank: null },
  revoke_cameo_grant: { subject: "grant", event: "cameo.grant.revoked", notice: false, bank: null },
  disable_cameo: { subject: "cameo", event: "cameo.disabled", notice: false, bank: null },
  reinstate_cameo: { subject: "grant", event: "cameo.reinstated", notice: false, bank: null },
  revoke_invite_codes: { subject: "account", event: "invite_codes.revoked", notice: true, bank: null },
};

const restrictive = (type: ActionType) => (RESTRICTIVE_ACTION_TYPES as readonly string[]).includes(type);

describe("recordDecisions", () => {
  let db: Database;
  let staffId: string;
  let policy: DecisionPolicy & { dsaCategory: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    staffId = (await createStaff(db, "staff")).id;
    policy = await db.prisma.policy.findFirstOrThrow({
      where: { active: true },
      select: { id: true, code: true, name: true, dsaGround: true, dsaCategory: true, legalReference: true },
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  async function uploader() {
    const account = await insertAccount(db);
    return db.prisma.account.update({ where: { id: account.id }, data: { email: `${account.id}@example.test` } });
  }

  async function draftFor(
    type: ActionType,
  ): Promise<{ draft: DecisionDraft; uploaderEmail: string; postId: string | null }> {
    const creator = await uploader();
    const subject = EXPECTED[type].subject;
    const statement = restrictive(type)
      ? { dsaGround: policy.dsaGround, dsaCategory: policy.dsaCategory, territorialScope: ["EEA"] }
      : {};
    const audit = { actorType: "staff" as const, actorId: staffId, details: { note: `record ${type}` } };
    const common = {
      type,
      actorId: staffId,
      policy,
      reason: `Because of ${type}`,
      authority: "staff" as const,
      uploaderId: creator.id,
      ...statement,
    };
    if (subject === "post") {
      const post = await insertPost(db, creator.id);
      // processed media: its SHA-256 and its one frame are banked beside the platform's hash
      await insertProcessedMedia(db, post.id, [{ atMs: 0, pdq: crypto.randomBytes(32).toString("hex") }], { now: NOW });
      if (type === "restore_post") {
        await db.prisma.hashBankEntry.create({
          data: { kind: "exact", hash: post.contentHash, postId: post.id, active: true, createdAt: NOW },
        });
      }
      return {
        draft: {
          ...common,
          subjectType: "post",
          postId: post.id,
          audit: { ...audit, subjectType: "post", subjectId: post.id },
        },
        uploaderEmail: creator.email!,
        postId: post.id,
      };
    }
    if (subject === "account") {
      const extra =
        type === "suspend_account"
          ? { suspendedUntil: new Date(NOW.getTime() + 7 * 86_400_000) }
          : type === "revoke_invite_codes"
            ? { batchId: crypto.randomUUID() }
            : {};
      return {
        draft: {
          ...common,
          ...extra,
          subjectType: "account",
          accountId: creator.id,
          audit: { ...audit, subjectType: "account", subjectId: creator.id },
        },
        uploaderEmail: creator.email!,
        postId: null,
      };
    }
    const cameo = await insertCameo(db, creator.id);
    const grant = subject === "grant" ? await insertGrant(db, cameo.id, (await insertAccount(db)).id) : null;
    return {
      draft: {
        ...common,
        subjectType: "cameo",
        cameoId: cameo.id,
        cameoGrantId: grant?.id ?? null,
        accountId: grant?.granteeId ?? creator.id,
        audit: { ...audit, subjectType: grant ? "cameo_grant" : "cameo", subjectId: grant?.id ?? cameo.id },
      },
      uploaderEmail: creator.email!,
      postId: null,
    };
  }

  it.each(Object.values(ActionType))(
    "%s: one audit row, its event, its statement of reasons, its notice",
    async (type) => {
      const expected = EXPECTED[type];
      const { draft, uploaderEmail, postId } = await draftFor(type);
      const [id] = await db.prisma.$transaction((tx) => recordDecisions(tx, [draft], NOW));

      const decision = await db.prisma.decision.findUniqueOrThrow({ where: { id: id! } });
      expect(decision).toMatchObject({
        type,
        actorId: staffId,
        policyId: policy.id,
        reason: draft.reason,
        createdAt: NOW,
      });

      const audit = await db.prisma.auditLog.findMany({ where: { details: { path: ["decisionId"], equals: id } } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: `decision.${type}`,
        actorId: staffId,
        subjectId: draft.audit.subjectId,
        details: { decisionId: id, note: `record ${type}` },
      });

      const events = await db.prisma.outboxEvent.findMany({ where: { decisionId: id } });
      expect(events.map((e) => e.type)).toEqual(expected.event ? [expected.event] : []);

      if (restrictive(type)) {
        expect(decision.dsaGround).toBe(policy.dsaGround);
        expect(decision.dsaCategory).toBe(policy.dsaCategory);
        expect(decision.territorialScope).toEqual(["EEA"]);
      }

      const notices = await db.prisma.emailNotice.findMany({ where: { decisionId: id } });
      if (expected.notice) {
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({ kind: "statement_of_reasons", to: uploaderEmail, status: "pending" });
        expect(notices[0]!.text).toContain(draft.reason);
      } else {
        expect(notices).toEqual([]);
      }

      const bank = postId
        ? await db.prisma.hashBankEntry.findMany({ where: { postId }, orderBy: { kind: "asc" } })
        : [];
      if (expected.bank === "add") {
        // the platform's hash, Vigil's SHA-256 and MD5 of the file, and its frame
        expect(bank.map((e) => [e.kind, e.decisionId, e.active])).toEqual([
          ["exact", id, true],
          ["exact", id, true],
          ["exact", id, true],
          ["perceptual", id, true],
        ]);
      } else if (expected.bank === "retire") {
        expect(bank.map((e) => [e.active, e.deactivatedReason, e.deactivatedById])).toEqual([
          [false, `Restored by decision ${id}`, staffId],
        ]);
      } else {
        expect(bank).toEqual([]);
      }
    },
  );

  it("refuses a restricting decision without a statement of reasons, writing nothing", async () => {
    const { draft } = await draftFor("take_down_post");
    await expect(
      db.prisma.$transaction((tx) => recordDecisions(tx, [{ ...draft, dsaGround: null }], NOW)),
    ).rejects.toThrow(/statement of reasons/);
    expect(await db.prisma.decision.count({ where: { postId: draft.postId! } })).toBe(0);
  });

  it("writes many drafts in draft order with one audit row each, keeping the chain whole", async () => {
    const creator = await uploader();
    const posts = await Promise.all(Array.from({ length: 30 }, () => insertPost(db, creator.id)));
    const batchId = crypto.randomUUID();
    const drafts: DecisionDraft[] = posts.map((p) => ({
      type: "hold_post",
      subjectType: "post",
      postId: p.id,
      actorId: staffId,
      policy,
      reason: "Held while the likeness complaint is reviewed",
      dsaGround: policy.dsaGround,
      dsaCategory: policy.dsaCategory,
      batchId,
      authority: "staff",
      uploaderId: creator.id,
      audit: { actorType: "staff", actorId: staffId, subjectType: "post", subjectId: p.id, batchId },
    }));
    const ids = await db.prisma.$transaction((tx) => recordDecisions(tx, drafts, NOW));

    expect(ids).toHaveLength(30);
    expect([...ids].sort()).toEqual(ids);
    const written = await db.prisma.decision.findMany({
      where: { batchId },
      orderBy: { id: "asc" },
      select: { id: true, postId: true },
    });
    expect(written).toEqual(posts.map((p, i) => ({ id: ids[i], postId: p.id })));
    expect(await db.prisma.auditLog.count({ where: { batchId, action: "decision.hold_post" } })).toBe(30);
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: { in: ids }, type: "post.held" } })).toBe(30);
    expect(await db.prisma.emailNotice.count({ where: { decisionId: { in: ids }, to: creator.email! } })).toBe(30);
    expect((await db.prisma.$transaction((tx) => verifyAuditChain(tx))).ok).toBe(true);
  });

  it("leaves the hash bank alone for a cascade that acts on consent, not content", async () => {
    const { draft, postId } = await draftFor("take_down_post");
    const [id] = await db.prisma.$transaction((tx) => recordDecisions(tx, [{ ...draft, changesHashBank: false }], NOW));
    expect(await db.prisma.hashBankEntry.count({ where: { postId: postId! } })).toBe(0);
    expect(await db.prisma.outboxEvent.count({ where: { decisionId: id } })).toBe(1);
  });
});
