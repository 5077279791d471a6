// Which decisions restrict a recipient of the service and so owe a statement of reasons (DSA Art. 17). Reversals
// (restore, reinstate) and non-actions (dismiss, escalate) lift or impose nothing.
import type { ActionType } from "../../db/generated/enums.ts";

export const RESTRICTIVE_ACTION_TYPES = [
  "take_down_post",
  "hold_post",
  "warn_account",
  "add_strike",
  "suspend_account",
  "ban_account",
  "revoke_cameo_grant",
  "disable_cameo",
  "revoke_invite_codes",
] as const satisfies readonly ActionType[];

export type RestrictiveAction = (typeof RESTRICTIVE_ACTION_TYPES)[number];

export function isRestrictive(type: ActionType): type is RestrictiveAction {
  return (RESTRICTIVE_ACTION_TYPES as readonly string[]).includes(type);
}
