// What writing a decision of each type does besides the decision row: every decision gets exactly one audit row;
// the platform's webhook event comes from the outbox mapping, the statement of reasons from the restrictive-actions
// rule; this table adds the uploader's notice and the hash bank. A new ActionType does not compile until it has a row.
import type { ActionType } from "../../db/generated/enums.ts";
import type { WebhookEventType } from "../../contracts/platform-webhooks.ts";
import { WEBHOOK_FOR_ACTION } from "../outbox/decision-events.ts";
import { isRestrictive } from "../sor/restrictive-actions.ts";

export interface DecisionEffects {
  /** the outbox event the platform applies, or null when the decision stays in Vigil */
  webhook: WebhookEventType | null;
  /** restricts someone: the decision carries a statement of reasons (DSA Art. 17) */
  restrictive: boolean;
  /** the restricted uploader is sent the statement of reasons by email, when the platform shared the address */
  uploaderNotice: boolean;
  /** removed content enters the hash bank; restored content leaves it */
  hashBank: "add" | "retire" | null;
}

type OwnEffects = Pick<DecisionEffects, "uploaderNotice" | "hashBank">;

// Cameo decisions notify no uploader themselves: each post in the cascade gets its own decision and notice, and
// the cameo's owner is told when the cascade ends.
const OWN_EFFECTS = {
  take_down_post: { uploaderNotice: true, hashBank: "add" },
  hold_post: { uploaderNotice: true, hashBank: null },
  restore_post: { uploaderNotice: false, hashBank: "retire" },
  dismiss: { uploaderNotice: false, hashBank: null },
  escalate: { uploaderNotice: false, hashBank: null },
  warn_account: { uploaderNotice: true, hashBank: null },
  add_strike: { uploaderNotice: true, hashBank: null },
  suspend_account: { uploaderNotice: true, hashBank: null },
  ban_account: { uploaderNotice: true, hashBank: null },
  reinstate_account: { uploaderNotice: false, hashBank: null },
  revoke_cameo_grant: { uploaderNotice: false, hashBank: null },
  disable_cameo: { uploaderNotice: false, hashBank: null },
  reinstate_cameo: { uploaderNotice: false, hashBank: null },
  revoke_invite_codes: { uploaderNotice: true, hashBank: null },
} as const satisfies Record<ActionType, OwnEffects>;

export const DECISION_EFFECTS: Readonly<Record<ActionType, DecisionEffects>> = Object.fromEntries(
  (Object.keys(OWN_EFFECTS) as ActionType[]).map((type) => [
    type,
    { webhook: WEBHOOK_FOR_ACTION[type] ?? null, restrictive: isRestrictive(type), ...OWN_EFFECTS[type] },
  ]),
) as Record<ActionType, DecisionEffects>;
