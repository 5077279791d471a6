// What an action does to the content: the post's visibility on the platform afterwards, and the visibility the
// statement of reasons reports (EU DSA Art. 17(3)(a)). Shared by the decision form, which prefills the statement,
// and the server, which writes both. Plain data, so the client bundle can include it.
import type { CaseAction, VISIBILITY_DECISIONS } from "../decisions.ts";

/** A post's visibility on the platform (the `PostVisibility` enum of the schema). */
export type PostVisibility = "public" | "held" | "taken_down" | "deleted";

/** The visibility a statement of reasons reports. */
export type StatementVisibility = (typeof VISIBILITY_DECISIONS)[number];

/** The post actions and the visibility each leaves the post in; other actions leave the post as it is. */
export const POST_VISIBILITY_AFTER = {
  take_down_post: "taken_down",
  hold_post: "held",
  restore_post: "public",
} as const satisfies Partial<Record<CaseAction, PostVisibility>>;
export type PostAction = keyof typeof POST_VISIBILITY_AFTER;

export function isPostAction(action: CaseAction): action is PostAction {
  return action in POST_VISIBILITY_AFTER;
}

const STATEMENT_VISIBILITY: Record<CaseAction, StatementVisibility> = {
  take_down_post: "removed",
  hold_post: "disabled",
  restore_post: "not_restricted",
  dismiss: "not_restricted",
  escalate: "not_restricted",
  warn_account: "not_restricted",
  add_strike: "not_restricted",
  suspend_account: "not_restricted",
};

/** What the statement of reasons says happens to the content after the action; account actions leave it as it is. */
export function visibilityAfter(action: CaseAction): StatementVisibility {
  return STATEMENT_VISIBILITY[action];
}
