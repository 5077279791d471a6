// How account standing, post visibility and decision types read on the account pages.
import { humanize } from "../../../lib/format.ts";

export const ACCOUNT_STATUS_LABELS = {
  active: "Active",
  suspended: "Suspended",
  banned: "Banned",
  deleted: "Deleted",
} as const;

export { labelOf, VISIBILITIES, VISIBILITY_LABELS } from "../../../lib/labels.ts";

/** Who may use a cameo, as the end of "usable by …". */
export const CAMEO_PERMISSION_LABELS = {
  only_me: "the owner only",
  approved: "people the owner approves",
  mutuals: "mutuals",
  everyone: "everyone",
} as const;

const DECISION_LABELS: Record<string, string> = {
  take_down_post: "Post taken down",
  hold_post: "Post held",
  restore_post: "Post restored",
  dismiss: "Dismissed, no violation",
  escalate: "Escalated to staff",
  warn_account: "Warned",
  add_strike: "Strike added",
  suspend_account: "Suspended",
  ban_account: "Banned",
  reinstate_account: "Reinstated",
  revoke_cameo_grant: "Cameo grant revoked",
  disable_cameo: "Cameo disabled",
  reinstate_cameo: "Cameo reinstated",
  revoke_invite_codes: "Invite codes revoked",
};

/** A decision type in words; a type the console does not know yet still reads as words. */
export function decisionLabel(type: string): string {
  return DECISION_LABELS[type] ?? humanize(type);
}
