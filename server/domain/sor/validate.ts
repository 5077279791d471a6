// Checks statements against the Transparency Database's published rules before anything is sent, so a batch is
// not refused as a whole (the API creates none of a batch's statements when one is invalid) and staff see which
// decision, which field and why. Written from the API documentation and the database's own validation rules.
import {
  ACCOUNT_TYPES,
  AUTOMATED_DECISIONS,
  AUTOMATED_DETECTIONS,
  CATEGORIES,
  CONTENT_TYPES,
  DATE_BOUNDS,
  DECISION_ACCOUNTS,
  DECISION_GROUNDS,
  DECISION_MONETARIES,
  DECISION_PROVISIONS,
  DECISION_VISIBILITIES,
  EEA_COUNTRIES,
  INCOMPATIBLE_CONTENT_ILLEGALS,
  KEYWORDS,
  MAX_BATCH_SIZE,
  MAX_LENGTH,
  PUID_PATTERN,
  SOURCE_TYPES,
} from "./vocabulary.ts";
import { STATEMENT_FIELDS } from "./transparency-db.ts";

export interface StatementIssue {
  /** position of the statement in the batch */
  index: number;
  field: string;
  message: string;
}

type Fields = Record<string, unknown>;
type Report = (field: string, message: string) => void;

const KNOWN_FIELDS = new Set<string>(STATEMENT_FIELDS);
const END_DATES = [
  "end_date_account_restriction",
  "end_date_monetary_restriction",
  "end_date_service_restriction",
  "end_date_visibility_restriction",
];

/** Like the API, a value that is absent, null, or only whitespace counts as not given. */
function isBlank(v: unknown): boolean {
  return (
    v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0)
  );
}

/** Limits are in characters (code points), as the API counts them, not UTF-16 units. */
function length(s: string): number {
  return Array.from(s).length;
}

function checkText(s: Fields, field: keyof typeof MAX_LENGTH, report: Report, required: boolean) {
  const v = s[field];
  if (isBlank(v)) {
    if (required) report(field, "is required");
    return;
  }
  if (typeof v !== "string") return report(field, "must be text");
  const max = MAX_LENGTH[field];
  if (length(v) > max) report(field, `is ${length(v)} characters long; the limit is ${max}`);
}

function checkOne(s: Fields, field: string, allowed: readonly string[], report: Report, required: boolean) {
  const v = s[field];
  if (isBlank(v)) {
    if (required) report(field, "is required");
    return;
  }
  if (typeof v !== "string" || !allowed.includes(v)) report(field, `${JSON.stringify(v)} is not an allowed value`);
}

function checkMany(s: Fields, field: string, allowed: readonly string[], report: Report, required: boolean) {
  const v = s[field];
  if (isBlank(v)) {
    if (required) report(field, "is required and needs at least one value");
    return;
  }
  if (!Array.isArray(v)) return report(field, "must be a list");
  const bad = v.filter((x) => typeof x !== "string" || !allowed.includes(x));
  if (bad.length > 0)
    report(
      field,
      `${bad.map((x) => JSON.stringify(x)).join(", ")} ${bad.length === 1 ? "is not an allowed value" : "are not allowed values"}`,
    );
  if (new Set(v).size !== v.length) report(field, "lists a value twice");
}

function has(s: Fields, field: string, value: string): boolean {
  const v = s[field];
  return Array.isArray(v) ? v.includes(value) : v === value;
}

/** A real calendar day written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDay(v: unknown): v is string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function checkDate(
  s: Fields,
  field: string,
  bounds: { min?: string; max: string },
  report: Report,
  required: boolean,
): string | null {
  const v = s[field];
  if (isBlank(v)) {
    if (required) report(field, "is required");
    return null;
  }
  if (!isIsoDay(v)) {
    report(field, `${JSON.stringify(v)} is not a date in the form YYYY-MM-DD`);
    return null;
  }
  // ISO days compare correctly as strings.
  if (bounds.min && v < bounds.min) report(field, `must be on or after ${bounds.min}`);
  if (v > bounds.max) report(field, `must be on or before ${bounds.max}`);
  return v;
}

function checkUrl(s: Fields, field: "decision_ground_reference_url", report: Report) {
  const v = s[field];
  if (isBlank(v)) return;
  checkText(s, field, report, false);
  try {
    const url = new URL(String(v));
    if (url.protocol !== "http:" && url.protocol !== "https:") report(field, "must be an http(s) address");
  } catch {
    report(field, "is not a valid URL");
  }
}

/** Every rule that concerns one statement. */
export function validateStatement(statement: unknown, index = 0): StatementIssue[] {
  const issues: StatementIssue[] = [];
  const report: Report = (field, message) => issues.push({ index, field, message: `${field} ${message}` });
  if (typeof statement !== "object" || statement === null || Array.isArray(statement)) {
    report("statement", "must be an object");
    return issues;
  }
  const s = statement as Fields;
  for (const key of Object.keys(s)) if (!KNOWN_FIELDS.has(key)) report(key, "is not a field of the statement schema");

  // What was restricted: at least one of the four kinds of restriction.
  checkMany(s, "decision_visibility", DECISION_VISIBILITIES, report, false);
  checkText(s, "decision_visibility_other", report, has(s, "decision_visibility", "DECISION_VISIBILITY_OTHER"));
  checkOne(s, "decision_monetary", DECISION_MONETARIES, report, false);
  checkText(s, "decision_monetary_other", report, has(s, "decision_monetary", "DECISION_MONETARY_OTHER"));
  checkOne(s, "decision_provision", DECISION_PROVISIONS, report, false);
  checkOne(s, "decision_account", DECISION_ACCOUNTS, report, false);
  if (
    ["decision_visibility", "decision_monetary", "decision_provision", "decision_account"].every((f) => isBlank(s[f]))
  ) {
    report(
      "decision_visibility",
      "is required when none of decision_monetary, decision_provision or decision_account is given",
    );
  }
  checkOne(s, "account_type", ACCOUNT_TYPES, report, false);

  // Why: the ground, and the fields that ground requires.
  checkOne(s, "decision_ground", DECISION_GROUNDS, report, true);
  checkUrl(s, "decision_ground_reference_url", report);
  const illegal = s.decision_ground === "DECISION_GROUND_ILLEGAL_CONTENT";
  const incompatible = s.decision_ground === "DECISION_GROUND_INCOMPATIBLE_CONTENT";
  checkText(s, "illegal_content_legal_ground", report, illegal);
  checkText(s, "illegal_content_explanation", report, illegal);
  checkText(s, "incompatible_content_ground", report, incompatible);
  checkText(s, "incompatible_content_explanation", report, incompatible);
  checkOne(s, "incompatible_content_illegal", INCOMPATIBLE_CONTENT_ILLEGALS, report, false);

  // What content, which category.
  checkMany(s, "content_type", CONTENT_TYPES, report, true);
  checkText(s, "content_type_other", report, has(s, "content_type", "CONTENT_TYPE_OTHER"));
  checkOne(s, "category", CATEGORIES, report, true);
  checkMany(s, "category_addition", CATEGORIES, report, false);
  checkMany(s, "category_specification", KEYWORDS, report, false);
  checkText(s, "category_specification_other", report, false);

  // Where and when. The documentation calls territorial_scope required, so an empty list is refused here.
  checkMany(s, "territorial_scope", EEA_COUNTRIES, report, true);
  // Assumption: any two upper-case letters pass; the database checks them against its ISO 639-1 list.
  if (
    !isBlank(s.content_language) &&
    (typeof s.content_language !== "string" || !/^[A-Z]{2}$/.test(s.content_language))
  ) {
    report("content_language", "must be an upper-case two-letter ISO 639-1 code");
  }
  checkDate(s, "content_date", DATE_BOUNDS.content_date, report, true);
  const applied = checkDate(s, "application_date", DATE_BOUNDS.application_date, report, true);
  for (const field of END_DATES) {
    const end = checkDate(s, field, DATE_BOUNDS.end_date, report, false);
    if (end && applied && end < applied) report(field, `must be on or after application_date (${applied})`);
  }

  // How it was decided, and the statement's own id.
  checkText(s, "decision_facts", report, true);
  checkOne(s, "source_type", SOURCE_TYPES, report, true);
  checkText(s, "source_identity", report, false);
  checkOne(s, "automated_detection", AUTOMATED_DETECTIONS, report, true);
  checkOne(s, "automated_decision", AUTOMATED_DECISIONS, report, true);
  checkText(s, "puid", report, true);
  if (typeof s.puid === "string" && !isBlank(s.puid) && !PUID_PATTERN.test(s.puid)) {
    report("puid", "may contain only letters, digits, hyphens and underscores");
  }
  return issues;
}

/** Every rule for one request to the multiple-statements endpoint: size, each statement, and unique puids. */
export function validateBatch(statements: readonly unknown[]): StatementIssue[] {
  const issues: StatementIssue[] = [];
  if (statements.length === 0)
    issues.push({ index: 0, field: "statements", message: "statements must hold at least one statement" });
  if (statements.length > MAX_BATCH_SIZE) {
    issues.push({
      index: MAX_BATCH_SIZE,
      field: "statements",
      message: `statements holds ${statements.length} statements; one request takes at most ${MAX_BATCH_SIZE}`,
    });
  }
  const firstSeen = new Map<string, number>();
  statements.forEach((statement, index) => {
    issues.push(...validateStatement(statement, index));
    const puid = (statement as Fields | null)?.puid;
    if (typeof puid !== "string" || isBlank(puid)) return;
    const earlier = firstSeen.get(puid);
    if (earlier === undefined) firstSeen.set(puid, index);
    else
      issues.push({
        index,
        field: "puid",
        message: `puid ${JSON.stringify(puid)} is already used by statement ${earlier}; each must be unique`,
      });
  });
  return issues;
}
