// The decision form's values and how they are prefilled: the statement of reasons comes from the chosen policy
// and action (EU DSA Art. 17 fields), the policy from the one the reviewer last used in the same queue.
import type { DefaultValues } from "react-hook-form";
import type * as z from "zod/mini";
import type { DecisionFields } from "@contracts/decisions.ts";
import type { Policy } from "./policies.ts";

export type DecisionValues = z.input<typeof DecisionFields>;
export type DecisionOutput = z.output<typeof DecisionFields>;

/** Every field the server may name in `fieldErrors`, so its refusals land beside the right input. */
export const DECISION_FIELD_NAMES = [
  "action",
  "policyId",
  "reason",
  "suspendDays",
  "statement.dsaGround",
  "statement.dsaCategory",
  "statement.visibility",
  "statement.legalReference",
  "statement.automatedDetection",
  "statement.automatedDecision",
  "statement.territorialScope",
] as const;

export const DEFAULT_TERRITORIES = ["EEA"];

export function statementFromPolicy(policy: Policy) {
  return { dsaGround: policy.dsaGround, dsaCategory: policy.dsaCategory, legalReference: policy.legalReference ?? "" };
}

export function initialDecisionValues({
  policy,
  automatedDetection,
}: {
  policy: Policy | undefined;
  automatedDetection: boolean;
}): DefaultValues<DecisionValues> {
  return {
    // No action until the reviewer picks one: a preselected action invites deciding without looking.
    action: undefined,
    policyId: policy?.id ?? "",
    reason: "",
    suspendDays: undefined,
    statement: {
      // Empty selects show their "Choose…" option until a policy and an action fill them.
      dsaGround: policy?.dsaGround,
      dsaCategory: policy?.dsaCategory ?? "",
      visibility: undefined,
      legalReference: policy?.legalReference ?? "",
      automatedDetection,
      automatedDecision: false,
      territorialScope: DEFAULT_TERRITORIES,
    },
  };
}

/** The form's output as the procedures want it: an empty legal reference means "the policy's". */
export function toDecisionInput(values: DecisionOutput): DecisionOutput {
  const legalReference = values.statement.legalReference?.trim();
  return {
    ...values,
    suspendDays: values.action === "suspend_account" ? values.suspendDays : undefined,
    statement: { ...values.statement, legalReference: legalReference || undefined },
  };
}

const LAST_POLICY_KEY = "vigil.lastPolicyByQueue";

function readLastPolicies(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(LAST_POLICY_KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Reviewers in one queue mostly cite the same policy again; remembered per queue on this device. */
export function lastPolicyFor(queue: string): string | null {
  const id = readLastPolicies()[queue];
  return typeof id === "string" ? id : null;
}

export function rememberPolicy(queue: string, policyId: string): void {
  try {
    localStorage.setItem(LAST_POLICY_KEY, JSON.stringify({ ...readLastPolicies(), [queue]: policyId }));
  } catch {
    // Storage disabled: the form starts without a remembered policy.
  }
}

/** The remembered policy for the queue, else the one matching the case's category. */
export function preferredPolicy(
  policies: readonly Policy[],
  queue: string,
  category: string | null | undefined,
): Policy | undefined {
  const remembered = lastPolicyFor(queue);
  return policies.find((p) => p.id === remembered) ?? policies.find((p) => p.code === category);
}
