// Decisions with their statement-of-reasons fields filled from the policy, plus what they do to the mirror:
// post visibility, strikes, account status. Applied in time order at the end, as the platform would have.
import type { ActionType, DecisionAuthority, StaffRole } from "../../server/db/generated/enums.ts";
import type { CaseDraft } from "./cases.ts";
import type { Rng } from "./random.ts";
import { decisionReason, EEA } from "./reports.ts";
import type { AccountRow, DecisionRow, PolicyRef, PostRow } from "./world.ts";

const VISIBILITY: Partial<Record<ActionType, string>> = {
  take_down_post: "DECISION_VISIBILITY_CONTENT_REMOVED",
  hold_post: "DECISION_VISIBILITY_CONTENT_DISABLED",
};

export interface DecisionInput {
  type: ActionType;
  at: Date;
  actorId: string | null;
  policyCode?: string | null;
  draft?: CaseDraft;
  postId?: string | null;
  accountId?: string | null;
  cameoId?: string | null;
  cameoGrantId?: string | null;
  takedownRequestId?: string | null;
  reason?: string;
  reverses?: DecisionRow;
  suspendedUntil?: Date | null;
  automatedDecision?: boolean;
}

export class DecisionLog {
  readonly rows: DecisionRow[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly policies: Map<string, PolicyRef>,
    private readonly roleOf: (staffId: string) => StaffRole | undefined,
  ) {}

  /** As the server records it: content decisions on a takedown request are legal, otherwise the actor's rank. */
  private authority(input: DecisionInput): DecisionAuthority {
    const onRequest = !!input.takedownRequestId || input.draft?.row.queue === "takedown";
    const aboutAccount = ["warn_account", "add_strike", "suspend_account", "ban_account"].includes(input.type);
    if (onRequest && !aboutAccount) return "legal";
    if (!input.actorId) return "automated";
    return this.roleOf(input.actorId) === "moderator" ? "moderator" : "staff";
  }

  policy(code: string | null | undefined): PolicyRef | null {
    return code ? (this.policies.get(code) ?? null) : null;
  }

  policyById(id: string | null | undefined): PolicyRef | null {
    return [...this.policies.values()].find((p) => p.id === id) ?? null;
  }

  add(input: DecisionInput): DecisionRow {
    const policy = input.type === "dismiss" ? null : this.policy(input.policyCode);
    const draft = input.draft;
    const subjectType = draft?.row.subjectType ?? (input.postId ? "post" : input.accountId ? "account" : "cameo");
    const automatedDetection = !!draft?.signals.some((s) => s.kind === "classifier_flag");
    const strikeDelta =
      input.type === "take_down_post" || input.type === "add_strike"
        ? (policy?.strikeWeight ?? 1)
        : input.type === "restore_post" && input.reverses
          ? -(input.reverses.strikeDelta ?? 0)
          : 0;
    const row: DecisionRow = {
      id: this.rng.uuid7(input.at.getTime()),
      type: input.type,
      subjectType,
      postId: input.postId ?? draft?.row.postId ?? null,
      accountId: input.accountId ?? draft?.row.accountId ?? null,
      cameoId: input.cameoId ?? draft?.row.cameoId ?? null,
      cameoGrantId: input.cameoGrantId ?? null,
      caseId: draft?.row.id ?? null,
      takedownRequestId: input.takedownRequestId ?? null,
      actorId: input.actorId,
      policyId: policy?.id ?? null,
      reason: input.reason ?? decisionReason(this.rng, input.type, policy?.name ?? null),
      dsaGround: policy?.dsaGround ?? null,
      dsaCategory: policy?.dsaCategory ?? null,
      visibilityDecision: VISIBILITY[input.type] ?? null,
      automatedDetection,
      automatedDecision: input.automatedDecision ?? false,
      territorialScope: policy && input.type !== "restore_post" ? EEA : [],
      legalReference: policy?.legalReference ?? null,
      suspendedUntil: input.suspendedUntil ?? null,
      strikeDelta,
      reversesId: input.reverses?.id ?? null,
      authority: this.authority(input),
      createdAt: input.at,
    };
    this.rows.push(row);
    return row;
  }

  /** Replays every decision onto posts and accounts, oldest first. */
  apply(posts: Map<string, PostRow>, accounts: Map<string, AccountRow>): void {
    const ordered = [...this.rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const d of ordered) {
      const post = d.postId ? posts.get(d.postId) : undefined;
      if (post && d.type === "take_down_post") post.visibility = "taken_down";
      if (post && d.type === "hold_post") post.visibility = "held";
      if (post && d.type === "restore_post") post.visibility = "public";
      const accountId = d.accountId ?? post?.creatorId;
      const account = accountId ? accounts.get(accountId) : undefined;
      if (!account) continue;
      account.strikeCount = Math.max(0, (account.strikeCount ?? 0) + (d.strikeDelta ?? 0));
      if (d.type === "suspend_account") {
        account.status = "suspended";
        account.suspendedUntil = d.suspendedUntil ?? null;
      }
      if (d.type === "ban_account") {
        account.status = "banned";
        account.suspendedUntil = null;
      }
      if (d.type === "reinstate_account") {
        account.status = "active";
        account.suspendedUntil = null;
      }
    }
  }
}
