// The decision a reviewer makes on a case, shared by the decision form and the procedures that receive it.
// zod/mini only, so the client can import it without server code.
import * as z from "zod/mini";

export const CASE_ACTIONS = [
  "take_down_post",
  "hold_post",
  "restore_post",
  "dismiss",
  "escalate",
  "warn_account",
  "add_strike",
  "suspend_account",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  take_down_post: "Take down post",
  hold_post: "Hold post (hidden pending review)",
  restore_post: "Restore post",
  dismiss: "Dismiss — no violation",
  escalate: "Escalate to staff",
  warn_account: "Warn creator",
  add_strike: "Add strike",
  suspend_account: "Suspend account",
};

/** Actions that restrict someone: they need a statement of reasons (EU DSA Art. 17). */
export const RESTRICTIVE_ACTIONS: readonly CaseAction[] = [
  "take_down_post",
  "hold_post",
  "warn_account",
  "add_strike",
  "suspend_account",
];

export const VISIBILITY_DECISIONS = [
  "removed",
  "disabled",
  "demoted",
  "age_restricted",
  "labelled",
  "not_restricted",
] as const;

export const StatementOfReasons = z.object({
  dsaGround: z.enum(
    ["illegal_content", "incompatible_content"],
    "Choose the ground: illegal content or terms of service",
  ),
  dsaCategory: z.string().check(z.minLength(1, "Choose a category"), z.maxLength(120)),
  visibility: z.enum(VISIBILITY_DECISIONS, "Choose what happens to the content"),
  legalReference: z.optional(z.string().check(z.maxLength(300))),
  automatedDetection: z.boolean(),
  automatedDecision: z.boolean(),
  territorialScope: z
    .array(z.string().check(z.regex(/^([A-Z]{2}|EEA|WORLD)$/, "Use ISO country codes, EEA or WORLD")))
    .check(z.minLength(1, "Name at least one territory"), z.maxLength(60)),
});
export type StatementOfReasons = z.infer<typeof StatementOfReasons>;

export const DecisionFields = z.object({
  action: z.enum(CASE_ACTIONS, "Choose an action"),
  policyId: z.string().check(z.uuid("Choose a policy")),
  reason: z
    .string()
    .check(z.trim(), z.minLength(3, "Write a reason the user will read (at least 3 characters)"), z.maxLength(2_000)),
  suspendDays: z.optional(z.int().check(z.minimum(1, "At least 1 day"), z.maximum(365, "At most 365 days"))),
  statement: StatementOfReasons,
});
export type DecisionFields = z.infer<typeof DecisionFields>;

export const DecideCaseInput = z.extend(DecisionFields, {
  caseId: z.string().check(z.uuid()),
  /** the version the reviewer saw; a different current version means someone changed the case meanwhile */
  expectedVersion: z.int().check(z.minimum(1)),
  /** repeat-safe submit: the same key returns the first result instead of deciding twice */
  idempotencyKey: z.optional(z.string().check(z.minLength(8), z.maxLength(100))),
});
export type DecideCaseInput = z.infer<typeof DecideCaseInput>;

export const MAX_BULK_CASES = 1_000;
export const BULK_CHUNK = 50;

export const DecideBulkInput = z.extend(DecisionFields, {
  /** every chunk of one bulk action carries the same batch id */
  batchId: z.string().check(z.uuid()),
  /** at most BULK_CHUNK per call; the client sends a large selection in chunks and shows progress */
  items: z
    .array(z.object({ caseId: z.string().check(z.uuid()), expectedVersion: z.int().check(z.minimum(1)) }))
    .check(z.minLength(1, "Select at least one case"), z.maxLength(BULK_CHUNK)),
});
export type DecideBulkInput = z.infer<typeof DecideBulkInput>;
