// Which decisions the platform must apply, and the webhook event each becomes. Decisions that change nothing on
// the platform (dismiss, escalate, add a strike) stay in Vigil.
import type { ActionType } from "../../db/generated/enums.ts";
import type { WebhookEventType } from "../../contracts/platform-webhooks.ts";
import type { OutboxInput } from "./outbox.ts";

export const WEBHOOK_FOR_ACTION: Partial<Record<ActionType, WebhookEventType>> = {
  take_down_post: "post.taken_down",
  hold_post: "post.held",
  restore_post: "post.restored",
  revoke_cameo_grant: "cameo.grant.revoked",
  disable_cameo: "cameo.disabled",
  reinstate_cameo: "cameo.reinstated",
  warn_account: "account.warned",
  suspend_account: "account.suspended",
  ban_account: "account.suspended",
  reinstate_account: "account.reinstated",
  revoke_invite_codes: "invite_codes.revoked",
};

export interface DecisionForPlatform {
  id: string;
  type: ActionType;
  postId?: string | null;
  accountId?: string | null;
  cameoId?: string | null;
  cameoGrantId?: string | null;
  policyCode?: string | null;
  reason: string;
  dsaGround?: string | null;
  dsaCategory?: string | null;
  territorialScope?: string[];
  suspendedUntil?: Date | null;
  batchId?: string | null;
  /** for invite revocations: the codes */
  codes?: string[];
  /** the statement of reasons' automated-means fields, which the platform passes on to the user */
  automatedDetection?: boolean;
  automatedDecision?: boolean;
}

/** The outbox row for a decision, or null when the platform has nothing to apply. */
export function outboxEventForDecision(d: DecisionForPlatform): OutboxInput | null {
  const type = WEBHOOK_FOR_ACTION[d.type];
  if (!type) return null;
  const subject =
    (d.type === "revoke_cameo_grant" || d.type === "reinstate_cameo") && d.cameoGrantId
      ? { type: "cameo_grant" as const, id: d.cameoGrantId }
      : d.type === "revoke_invite_codes"
        ? { type: "invite_code" as const, id: d.batchId ?? d.id }
        : d.postId
          ? { type: "post" as const, id: d.postId }
          : d.cameoId
            ? { type: "cameo" as const, id: d.cameoId }
            : d.accountId
              ? { type: "account" as const, id: d.accountId }
              : null;
  if (!subject) throw new Error(`decision ${d.id} (${d.type}) has no subject the platform can apply it to`);
  return {
    type,
    subject,
    decisionId: d.id,
    data: {
      decisionId: d.id,
      action: d.type,
      policy: d.policyCode ?? null,
      reason: d.reason,
      dsaGround: d.dsaGround ?? null,
      dsaCategory: d.dsaCategory ?? null,
      territorialScope: d.territorialScope ?? [],
      automatedDetection: d.automatedDetection ?? false,
      automatedDecision: d.automatedDecision ?? false,
      ...(d.suspendedUntil ? { suspendedUntil: d.suspendedUntil.toISOString() } : {}),
      ...(d.type === "ban_account" ? { permanent: true } : {}),
      ...(d.cameoId ? { cameoId: d.cameoId } : {}),
      ...(d.cameoGrantId ? { cameoGrantId: d.cameoGrantId, granteeId: d.accountId ?? null } : {}),
      ...(d.batchId ? { batchId: d.batchId } : {}),
      ...(d.codes ? { codes: d.codes } : {}),
    },
  };
}
