// How the cameo and likeness enums read in the console.

export const PERMISSION_LABELS = {
  only_me: "Only me",
  approved: "People I approve",
  mutuals: "Mutuals",
  everyone: "Everyone",
} as const;

export const ACTION_KIND_LABELS = {
  revoke_grant: "Revoke grant",
  disable_cameo: "Disable cameo",
  reinstate: "Reinstate",
} as const;

export const ACTION_STATUS_LABELS = {
  pending_approval: "Waiting for approval",
  approved: "Approved, starting",
  executing: "Running",
  completed: "Completed",
  rejected: "Rejected",
} as const;

export const MODE_LABELS = { take_down: "Take down", hold: "Hold" } as const;

export const AUTHORITY_LABELS = {
  self: "The person depicted",
  agent: "An agent of the person",
  estate: "The person's estate",
} as const;

export const VERIFICATION_LABELS = { pending: "Not verified yet", verified: "Verified", rejected: "Rejected" } as const;

export const PROTECTED_KIND_LABELS = { public_figure: "Public figure", deceased: "Deceased" } as const;

export { labelOf, VISIBILITY_LABELS } from "../../../lib/labels.ts";
