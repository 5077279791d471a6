// Which direct actions an account allows, from its standing. The server refuses the others with the reason
// below; the account page offers only the allowed ones.
import { ACCOUNT_ACTIONS, type AccountActionName } from "../accounts.ts";

/** An account's standing on the platform (the `AccountStatus` enum of the schema). */
export type AccountStatus = "active" | "suspended" | "banned" | "deleted";

export interface AccountStanding {
  status: AccountStatus;
  /** the end of the current suspension, if any (a date, or its ISO text as the console receives it) */
  suspendedUntil: Date | string | null;
}

const formatDay = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** Why the account does not allow the action now, or null when it does. */
export function accountActionRefusal(action: AccountActionName, account: AccountStanding, now: Date): string | null {
  const until = account.suspendedUntil === null ? null : new Date(account.suspendedUntil);
  if (account.status === "deleted") return "The account was deleted on the platform; there is nothing to change.";
  if (action === "suspend" && account.status === "banned")
    return "The account is banned; reinstate it first if a suspension should replace the ban.";
  // A suspension whose end has passed no longer holds, even before the platform reports the account active again.
  const suspensionHolds = account.status === "suspended" && (!until || until > now);
  if (action === "suspend" && suspensionHolds) {
    return `The account is already suspended${until ? ` until ${formatDay(until)}` : ""}; reinstate it first to set a different length.`;
  }
  if (action === "ban" && account.status === "banned") return "The account is already banned.";
  if (action === "reinstate" && account.status === "active") return "The account is not suspended or banned.";
  return null;
}

/** The actions the account allows now, in the page's order. */
export function accountActionsAllowed(account: AccountStanding, now: Date): AccountActionName[] {
  return ACCOUNT_ACTIONS.filter((action) => accountActionRefusal(action, account, now) === null);
}
