// A decision as a statement of reasons for the EU DSA Transparency Database (Art. 24(5)). The input carries only
// what the statement needs and nothing personal: the exporter never selects handles, names, prompts, reasons or
// requester details, so they cannot leak into a public database by accident.
import type { ActionType, DsaDecisionGround, SignalKind, TakedownType } from "../../db/generated/enums.ts";
import {
  CATEGORIES,
  EEA_COUNTRIES,
  EU_COUNTRIES,
  LEGACY_CATEGORIES,
  MAX_LENGTH,
  type Category,
  type Keyword,
} from "./vocabulary.ts";
import type { RestrictiveAction } from "./restrictive-actions.ts";
import {
  CONTENT_TYPE_OTHER_TEXT,
  OTHER_RESTRICTION,
  clip,
  decisionFacts,
  illegalExplanation,
  incompatibleExplanation,
  incompatibleGround,
  withoutContactDetails,
  type AutomatedDecision,
  type SourceType,
} from "./statement-text.ts";

/** One statement as the API's create endpoints take it. Optional fields are left out rather than sent as null. */
export interface TransparencyStatement {
  decision_visibility?: string[];
  decision_visibility_other?: string;
  decision_monetary?: string;
  decision_monetary_other?: string;
  decision_provision?: string;
  decision_account?: string;
  account_type?: string;
  decision_ground: string;
  decision_ground_reference_url?: string;
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  incompatible_content_illegal?: string;
  content_type: string[];
  content_type_other?: string;
  category: string;
  category_addition?: string[];
  category_specification?: string[];
  category_specification_other?: string;
  territorial_scope: string[];
  content_language?: string;
  content_date: string;
  application_date: string;
  end_date_account_restriction?: string;
  end_date_monetary_restriction?: string;
  end_date_service_restriction?: string;
  end_date_visibility_restriction?: string;
  decision_facts: string;
  source_type: string;
  source_identity?: string;
  automated_detection: string;
  automated_decision: string;
  puid: string;
}

/** Every field, in the order the API documents them: the CSV columns. */
export const STATEMENT_FIELDS = [
  "decision_visibility",
  "decision_visibility_other",
  "decision_monetary",
  "decision_monetary_other",
  "decision_provision",
  "decision_account",
  "account_type",
  "decision_ground",
  "decision_ground_reference_url",
  "illegal_content_legal_ground",
  "illegal_content_explanation",
  "incompatible_content_ground",
  "incompatible_content_explanation",
  "incompatible_content_illegal",
  "content_type",
  "content_type_other",
  "category",
  "category_addition",
  "category_specification",
  "category_specification_other",
  "territorial_scope",
  "content_language",
  "content_date",
  "application_date",
  "end_date_account_restriction",
  "end_date_monetary_restriction",
  "end_date_service_restriction",
  "end_date_visibility_restriction",
  "decision_facts",
  "source_type",
  "source_identity",
  "automated_detection",
  "automated_decision",
  "puid",
] as const satisfies readonly (keyof TransparencyStatement)[];

export interface DecisionForStatement {
  id: string;
  type: RestrictiveAction;
  /** a staff member took or confirmed the decision (Decision.actorId is set); who it was is never exported */
  hasHumanActor: boolean;
  createdAt: Date;
  dsaGround: DsaDecisionGround | null;
  dsaCategory: string | null;
  visibilityDecision: string | null;
  automatedDetection: boolean;
  automatedDecision: boolean;
  territorialScope: string[];
  legalReference: string | null;
  suspendedUntil: Date | null;
  policy: {
    code: string;
    name: string;
    description: string;
    dsaCategory: string;
    dsaGround: DsaDecisionGround;
    legalReference: string | null;
  } | null;
  /** what the decision is about, for content_type and content_date: the post, else the cameo, else the account */
  content: { kind: "post" | "cameo" | "account"; createdAt: Date } | null;
  /** the kinds of signal on the decision's case */
  signalKinds: SignalKind[];
  /** takedown requests behind the decision or its case */
  takedowns: { type: TakedownType; isTrustedFlagger: boolean }[];
}

export function puidFor(decisionId: string): string {
  return `vigil-${decisionId}`;
}

/** YYYY-MM-DD in UTC, the form every date field takes. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The console records scope as ISO codes, "EEA" or "WORLD"; the database accepts EU/EEA country codes only. A
 * worldwide or EEA-wide decision becomes the EEA list; codes outside the EEA are not the database's concern.
 */
export function toTerritorialScope(scope: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of scope) {
    const code = raw.trim().toUpperCase();
    if (code === "EEA" || code === "WORLD") EEA_COUNTRIES.forEach((c) => out.add(c));
    else if (code === "EU") EU_COUNTRIES.forEach((c) => out.add(c));
    // Greece is EL in EU usage but GR in ISO 3166 and in the database.
    else if (code === "EL") out.add("GR");
    else if (EEA_COUNTRIES.includes(code)) out.add(code);
  }
  return [...out].sort();
}

/** The v2 category for a category the console recorded, translating first-schema names; null when unknown. */
export function toCategory(recorded: string | null | undefined): Category | null {
  if (!recorded) return null;
  if ((CATEGORIES as readonly string[]).includes(recorded)) return recorded as Category;
  return LEGACY_CATEGORIES[recorded] ?? null;
}

/**
 * Keywords (category_specification) for policies whose scope is one keyword, kept only while the decision's
 * category is the one the keyword belongs to — a reviewer may have filed the decision under another category.
 */
const POLICY_KEYWORDS: Record<string, { category: Category; keywords: Keyword[] }> = {
  csam_suspected: {
    category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
    keywords: ["KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"],
  },
  ncii: { category: "STATEMENT_CATEGORY_CYBER_VIOLENCE", keywords: ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"] },
  deepfake_nonconsensual: {
    category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
    keywords: ["KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"],
  },
  hate: { category: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", keywords: ["KEYWORD_HATE_SPEECH"] },
  impersonation: {
    category: "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
    keywords: ["KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING"],
  },
  copyright: {
    category: "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
    keywords: ["KEYWORD_COPYRIGHT_INFRINGEMENT"],
  },
};

/** Signals that are someone telling the platform about the content, as opposed to its own classifiers. */
const NOTIFICATION_SIGNALS = new Set<SignalKind>([
  "user_report",
  "deepfake_report",
  "likeness_complaint",
  "takedown_request",
]);

/**
 * The most formal notice behind the decision wins: a trusted flagger's or an Art. 16 notice (a takedown request
 * of type dsa_notice), then any other report or legal request, else the platform acted on its own initiative.
 */
export function toSourceType(
  signalKinds: readonly SignalKind[],
  takedowns: DecisionForStatement["takedowns"],
): SourceType {
  const dsaNotices = takedowns.filter((t) => t.type === "dsa_notice");
  if (dsaNotices.some((t) => t.isTrustedFlagger)) return "SOURCE_TRUSTED_FLAGGER";
  if (dsaNotices.length > 0) return "SOURCE_ARTICLE_16";
  if (takedowns.length > 0 || signalKinds.some((k) => NOTIFICATION_SIGNALS.has(k)))
    return "SOURCE_TYPE_OTHER_NOTIFICATION";
  return "SOURCE_VOLUNTARY";
}

export function toAutomatedDecision(hasHumanActor: boolean, automatedDecision: boolean): AutomatedDecision {
  if (!hasHumanActor) return "AUTOMATED_DECISION_FULLY";
  return automatedDecision ? "AUTOMATED_DECISION_PARTIALLY" : "AUTOMATED_DECISION_NOT_AUTOMATED";
}

const VISIBILITY: Record<string, string> = {
  removed: "DECISION_VISIBILITY_CONTENT_REMOVED",
  disabled: "DECISION_VISIBILITY_CONTENT_DISABLED",
  demoted: "DECISION_VISIBILITY_CONTENT_DEMOTED",
  age_restricted: "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
  labelled: "DECISION_VISIBILITY_CONTENT_LABELLED",
};

/** What each action restricts when the reviewer's visibility choice does not say ("not_restricted" or none). */
const DEFAULT_VISIBILITY: Partial<Record<ActionType, string>> = {
  take_down_post: "DECISION_VISIBILITY_CONTENT_REMOVED",
  hold_post: "DECISION_VISIBILITY_CONTENT_DISABLED",
  disable_cameo: "DECISION_VISIBILITY_CONTENT_DISABLED",
};

type Restriction = Pick<
  TransparencyStatement,
  | "decision_visibility"
  | "decision_visibility_other"
  | "decision_provision"
  | "decision_account"
  | "end_date_account_restriction"
>;

function restrictionOf(d: DecisionForStatement): Restriction {
  switch (d.type) {
    case "take_down_post":
    case "hold_post":
    case "disable_cameo": {
      const chosen = d.visibilityDecision ? VISIBILITY[d.visibilityDecision] : undefined;
      return { decision_visibility: [chosen ?? DEFAULT_VISIBILITY[d.type]!] };
    }
    case "warn_account":
    case "add_strike":
      return {
        decision_visibility: ["DECISION_VISIBILITY_OTHER"],
        decision_visibility_other: OTHER_RESTRICTION[d.type]!,
      };
    case "suspend_account":
      return {
        decision_account: "DECISION_ACCOUNT_SUSPENDED",
        ...(d.suspendedUntil ? { end_date_account_restriction: isoDate(d.suspendedUntil) } : {}),
      };
    case "ban_account":
      return { decision_account: "DECISION_ACCOUNT_TERMINATED" };
    // Losing one feature of the service (a cameo grant, invites) is a partial termination of its provision.
    case "revoke_cameo_grant":
    case "revoke_invite_codes":
      return { decision_provision: "DECISION_PROVISION_PARTIAL_TERMINATION" };
  }
}

function contentTypeOf(
  content: DecisionForStatement["content"],
): Pick<TransparencyStatement, "content_type" | "content_type_other"> {
  if (content?.kind === "post") return { content_type: ["CONTENT_TYPE_SYNTHETIC_MEDIA", "CONTENT_TYPE_VIDEO"] };
  return {
    content_type: ["CONTENT_TYPE_OTHER"],
    content_type_other: CONTENT_TYPE_OTHER_TEXT[content?.kind ?? "account"],
  };
}

function groundFields(
  d: DecisionForStatement,
): Pick<
  TransparencyStatement,
  | "decision_ground"
  | "illegal_content_legal_ground"
  | "illegal_content_explanation"
  | "incompatible_content_ground"
  | "incompatible_content_explanation"
  | "incompatible_content_illegal"
> {
  const policy = d.policy
    ? {
        name: withoutContactDetails(d.policy.name) ?? d.policy.code,
        description: withoutContactDetails(d.policy.description) ?? "",
      }
    : null;
  const ground = d.dsaGround ?? d.policy?.dsaGround ?? null;
  if (ground === "illegal_content") {
    // The decision's reference is the policy's unless the reviewer named a more specific law.
    const legalGround = withoutContactDetails(d.legalReference) ?? withoutContactDetails(d.policy?.legalReference);
    return {
      decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT",
      ...(legalGround
        ? { illegal_content_legal_ground: clip(legalGround, MAX_LENGTH.illegal_content_legal_ground) }
        : {}),
      illegal_content_explanation: clip(illegalExplanation(policy), MAX_LENGTH.illegal_content_explanation),
    };
  }
  if (ground === "incompatible_content") {
    return {
      decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
      incompatible_content_ground: clip(incompatibleGround(policy), MAX_LENGTH.incompatible_content_ground),
      incompatible_content_explanation: clip(
        incompatibleExplanation(policy),
        MAX_LENGTH.incompatible_content_explanation,
      ),
      incompatible_content_illegal: d.policy?.dsaGround === "illegal_content" ? "Yes" : "No",
    };
  }
  // Left empty on purpose: the validator reports the missing ground instead of the exporter guessing one.
  return { decision_ground: "" };
}

export function toStatement(d: DecisionForStatement): TransparencyStatement {
  const category = toCategory(d.dsaCategory) ?? toCategory(d.policy?.dsaCategory);
  const policyKeywords = d.policy ? POLICY_KEYWORDS[d.policy.code] : undefined;
  const keywords = policyKeywords && policyKeywords.category === category ? policyKeywords.keywords : [];
  const source = toSourceType(d.signalKinds, d.takedowns);
  const automated = toAutomatedDecision(d.hasHumanActor, d.automatedDecision);
  const policyName = d.policy ? (withoutContactDetails(d.policy.name) ?? d.policy.code) : null;
  return {
    ...restrictionOf(d),
    ...groundFields(d),
    ...contentTypeOf(d.content),
    // An unknown category is passed through as recorded so the validator names it.
    category: category ?? d.dsaCategory ?? d.policy?.dsaCategory ?? "",
    ...(keywords.length > 0 ? { category_specification: [...keywords] } : {}),
    territorial_scope: toTerritorialScope(d.territorialScope),
    content_date: isoDate(d.content?.createdAt ?? d.createdAt),
    application_date: isoDate(d.createdAt),
    decision_facts: clip(
      decisionFacts(d.type, policyName, source, d.automatedDetection, automated),
      MAX_LENGTH.decision_facts,
    ),
    source_type: source,
    automated_detection: d.automatedDetection ? "Yes" : "No",
    automated_decision: automated,
    puid: puidFor(d.id),
  };
}
