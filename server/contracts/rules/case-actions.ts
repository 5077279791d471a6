// Which decisions a case allows, from its subject and the post's current state. The server refuses the others
// with the reason below; the decision form offers only the allowed ones. Who may loosen an earlier restriction
// is a separate rule (server/domain/decisions/reversal-authority.ts): it needs the decision history.
import { CASE_ACTIONS, type CaseAction } from "../decisions.ts";
import { isPostAction, POST_VISIBILITY_AFTER, type PostVisibility } from "./visibility.ts";

export interface CaseFacts {
  /** the queue the case is in */
  queue: string;
  /** the post the case is about, or null when it is about an account or a cameo */
  post: { visibility: PostVisibility } | null;
  /** whether the case has an account to act on: its subject, or the post's creator */
  hasAccount: boolean;
}

/** Actions on the creator's account rather than on the content. */
export const ACCOUNT_CASE_ACTIONS = [
  "warn_account",
  "add_strike",
  "suspend_account",
] as const satisfies readonly CaseAction[];

export function isAccountCaseAction(action: CaseAction): boolean {
  return (ACCOUNT_CASE_ACTIONS as readonly CaseAction[]).includes(action);
}

const ALREADY: Record<(typeof POST_VISIBILITY_AFTER)[keyof typeof POST_VISIBILITY_AFTER], string> = {
  taken_down: "The post is already taken down.",
  held: "The post is already held.",
  public: "The post is already public.",
};

/** Why the case does not allow the action, or null when it does. */
export function caseActionRefusal(action: CaseAction, facts: CaseFacts): string | null {
  if (isPostAction(action)) {
    if (!facts.post) return "This case is not about a post; choose an action for its subject.";
    const after = POST_VISIBILITY_AFTER[action];
    if (facts.post.visibility === after) return ALREADY[after];
    if (facts.post.visibility === "deleted") return "The creator deleted this post; there is nothing to change.";
  }
  if (action === "escalate" && facts.queue === "escalated")
    return "This case is already with staff; choose another action.";
  if (isAccountCaseAction(action) && !facts.hasAccount) return "There is no account to act on for this case.";
  return null;
}

/** The actions the case allows, in the form's order. */
export function caseActionsAllowed(facts: CaseFacts): CaseAction[] {
  return CASE_ACTIONS.filter((action) => caseActionRefusal(action, facts) === null);
}
