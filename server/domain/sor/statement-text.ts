// The free-text parts of a statement of reasons. The Transparency Database is public and must hold no personal
// data (DSA Art. 24(5)), so every sentence here is a fixed template filled only with catalogue text (the policy's
// name, description and legal reference) — never the reviewer's reason, a prompt, a handle or a requester's words.
import type { ActionType } from "../../db/generated/enums.ts";
import type { RestrictiveAction } from "./restrictive-actions.ts";

export type SourceType =
  "SOURCE_ARTICLE_16" | "SOURCE_TRUSTED_FLAGGER" | "SOURCE_TYPE_OTHER_NOTIFICATION" | "SOURCE_VOLUNTARY";
export type AutomatedDecision =
  "AUTOMATED_DECISION_FULLY" | "AUTOMATED_DECISION_PARTIALLY" | "AUTOMATED_DECISION_NOT_AUTOMATED";

export interface PolicyText {
  name: string;
  description: string;
}

const WHAT_HAPPENED: Record<RestrictiveAction, string> = {
  take_down_post: "The AI-generated video was removed from the platform.",
  hold_post: "The AI-generated video was withheld from public view pending further review.",
  warn_account: "The account that published the content received a formal warning.",
  add_strike:
    "A strike was recorded against the account that published the content; accumulated strikes lead to suspension.",
  suspend_account: "The account was suspended for a fixed period.",
  ban_account: "The account was terminated.",
  revoke_cameo_grant:
    "The account's permission to use another member's cameo (likeness) in generated videos was withdrawn.",
  disable_cameo: "The cameo (a member's likeness that others may use in generated videos) was disabled.",
  revoke_invite_codes: "The account's unused invite codes were revoked.",
};

const HOW_IT_CAME_TO_US: Record<SourceType, string> = {
  SOURCE_TRUSTED_FLAGGER: "The content was notified by a trusted flagger.",
  SOURCE_ARTICLE_16: "The content was notified under Article 16 of the Digital Services Act.",
  SOURCE_TYPE_OTHER_NOTIFICATION:
    "The content was reported to the platform through its reporting tools or a legal request.",
  SOURCE_VOLUNTARY: "The content was identified on the platform's own initiative.",
};

const WHO_DECIDED: Record<AutomatedDecision, string> = {
  AUTOMATED_DECISION_FULLY: "The decision was taken by automated means.",
  AUTOMATED_DECISION_PARTIALLY: "The decision was taken by a reviewer assisted by automated means.",
  AUTOMATED_DECISION_NOT_AUTOMATED: "The decision was taken by a human reviewer.",
};

/** The restriction, in words, for decision_visibility_other: the schema has no value for warnings or strikes. */
export const OTHER_RESTRICTION: Partial<Record<ActionType, string>> = {
  warn_account: "Formal warning issued to the account under the platform's repeat-violation policy.",
  add_strike: "Strike recorded against the account under the platform's repeat-violation policy.",
};

export const CONTENT_TYPE_OTHER_TEXT = {
  cameo: "Cameo: a member's recorded likeness that others may use, with permission, in AI-generated videos.",
  account: "User account.",
} as const;

/** Cuts text to the field's limit, on a character (not UTF-16 unit) boundary, marking the cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Defence in depth for catalogue and legal-reference text: strips what would identify or reach a person (e-mail
 * addresses, links, @handles, phone-like runs of nine or more digits). Statute numbers such as "2024/1385", "§ 2258A" or
 * a date survive.
 */
export function withoutContactDetails(text: string | null | undefined): string | null {
  if (!text) return null;
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "")
    .replace(/\bhttps?:\/\/\S+/gi, "")
    .replace(/\bwww\.\S+/gi, "")
    .replace(/(^|\s)@[\w.]+/g, "$1")
    .replace(/\+?\d[\d\s().-]{7,}\d/g, (run) => (run.replace(/\D/g, "").length >= 9 ? "" : run))
    // Tidy what the removals leave behind: stray separators and spaces.
    .replace(/\s+([,;])/g, "$1")
    .replace(/([,;])(\s*[,;])+/g, "$1")
    .replace(/\s{2,}/g, " ")
    .replace(/[\s,;:—-]+$/, "")
    .trim();
  return cleaned.length > 0 ? cleaned : null;
}

function policyClause(policyName: string | null): string {
  return policyName
    ? `It was assessed under the platform's "${policyName}" policy.`
    : "It was assessed under the platform's terms of service.";
}

export function decisionFacts(
  action: RestrictiveAction,
  policyName: string | null,
  source: SourceType,
  automatedDetection: boolean,
  automatedDecision: AutomatedDecision,
): string {
  const detection =
    source === "SOURCE_VOLUNTARY" && automatedDetection
      ? "The content was detected by the platform's automated classifiers."
      : HOW_IT_CAME_TO_US[source];
  return [WHAT_HAPPENED[action], policyClause(policyName), detection, WHO_DECIDED[automatedDecision]].join(" ");
}

export function incompatibleGround(policy: PolicyText | null): string {
  return policy ? `Terms of service, "${policy.name}" policy.` : "Terms of service.";
}

export function incompatibleExplanation(policy: PolicyText | null): string {
  return policy
    ? `The content was found to breach the platform's "${policy.name}" policy, which covers: ${policy.description}`
    : "The content was found to breach the platform's terms of service.";
}

export function illegalExplanation(policy: PolicyText | null): string {
  const base = "The content was assessed as illegal under the legal ground cited.";
  return policy
    ? `${base} It also falls under the platform's "${policy.name}" policy, which covers: ${policy.description}`
    : base;
}
