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

export const VISIBILITY_LABELS = { public: "Public", held: "Held", taken_down: "Taken down", deleted: "Deleted" } as const;

/** `labels[value]` for a known value, the raw value otherwise, so a new server enum value still shows something. */
export function labelOf<T extends Record<string, string>>(labels: T, value: string | null | undefined): string {
  if (!value) return "—";
  return (labels as Record<string, string>)[value] ?? value.replace(/_/g, " ");
}
