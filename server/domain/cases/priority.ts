// Case priority: a 0–100 score built from named parts, each stored with the case so a reviewer can see why a
// case sits where it does in the queue. Pure and synchronous: ingest, re-scoring and the seeders all share it.
import type { QueueKind } from "../../db/generated/enums.ts";

/** Content categories used by classifiers, reports and policies (policy codes use the same names). */
export const CATEGORIES = [
  "csam_suspected",
  "minor_safety",
  "ncii",
  "deepfake_nonconsensual",
  "self_harm",
  "violence",
  "hate",
  "likeness_misuse",
  "impersonation",
  "harassment",
  "scam",
  "copyright",
  "spam",
] as const;
export type Category = (typeof CATEGORIES)[number];

const SEVERITY: Record<Category, number> = {
  csam_suspected: 5,
  minor_safety: 5,
  ncii: 5,
  deepfake_nonconsensual: 4,
  self_harm: 4,
  violence: 4,
  hate: 3,
  likeness_misuse: 3,
  impersonation: 3,
  harassment: 3,
  scam: 2,
  copyright: 2,
  spam: 1,
};

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Severity 1 (low) … 5 (critical). Unknown categories rank as medium so they are neither buried nor jump ahead. */
export function severityForCategory(category: string | null | undefined): number {
  return category && isCategory(category) ? SEVERITY[category] : 3;
}

/** Default review targets per queue, in hours; admins can change them in QueueSetting. */
export const queueSlaHours: Record<QueueKind, number> = {
  flagged_generation: 24,
  deepfake_report: 12,
  likeness_complaint: 48,
  user_report: 48,
  takedown: 24,
  appeal: 72,
  escalated: 24,
};

export const PRIORITY_WEIGHTS = {
  severity: 35,
  classifier: 20,
  reporters: 15,
  reach: 15,
  urgency: 15,
} as const;
export type PriorityComponentName = keyof typeof PRIORITY_WEIGHTS;

export interface ReporterRecord {
  reportsFiled: number;
  reportsActioned: number;
}

export interface PriorityInput {
  /** policy severity of the case's category, 1–5 */
  severity: number;
  /** highest classifier score among the case's signals, 0–1, or null when no classifier fired */
  maxScore: number | null;
  /** one entry per distinct reporter */
  reporters: readonly ReporterRecord[];
  reach: { views: number; remixes: number };
  /** hours until the case's deadline (negative when overdue), or null when it has none */
  hoursToDeadline: number | null;
}

export interface PriorityComponent {
  /** normalised 0–1 */
  value: number;
  weight: number;
  /** value × weight, rounded to hundredths */
  points: number;
  /** one line a reviewer can read */
  detail: string;
}

export type PriorityComponents = Record<PriorityComponentName, PriorityComponent>;

export interface Priority {
  score: number;
  components: PriorityComponents;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/**
 * Share of a reporter's reports that led to action, with a Beta(1,1) prior: a reporter with no history counts
 * 0.5, and a handful of reports cannot push anyone to 0 or 1.
 */
export function reporterAccuracy(r: ReporterRecord): number {
  const filed = Math.max(0, r.reportsFiled);
  const actioned = Math.min(filed, Math.max(0, r.reportsActioned));
  return (actioned + 1) / (filed + 2);
}

function compactNumber(n: number): string {
  if (n >= 1_000_000) return `${round2(n / 1_000_000)}M`;
  if (n >= 1_000) return `${Math.round(n / 100) / 10}k`;
  return String(Math.round(n));
}

function component(name: PriorityComponentName, value: number, detail: string): PriorityComponent {
  const weight = PRIORITY_WEIGHTS[name];
  const v = Math.round(clamp01(value) * 10_000) / 10_000;
  return { value: v, weight, points: round2(v * weight), detail };
}

export function computePriority(input: PriorityInput): Priority {
  const severity = Math.min(5, Math.max(1, Math.round(input.severity || 3)));

  // Credibility-weighted reporter count, saturating: the fifth accurate reporter adds less than the first.
  const credible = input.reporters.reduce((sum, r) => sum + reporterAccuracy(r), 0);

  // Remixes spread a post further than a view does; log scale so viral posts do not drown everything else.
  const views = Math.max(0, input.reach.views);
  const remixes = Math.max(0, input.reach.remixes);
  const reachValue = Math.log10(1 + views + 20 * remixes) / 7;

  const hours = input.hoursToDeadline;
  const urgencyValue = hours === null || !Number.isFinite(hours) ? 0 : 1 / (1 + Math.max(0, hours) / 12);
  const urgencyDetail =
    hours === null || !Number.isFinite(hours)
      ? "no deadline"
      : hours <= 0
        ? `overdue by ${round2(-hours)} h`
        : `due in ${round2(hours)} h`;

  const components: PriorityComponents = {
    severity: component("severity", severity / 5, `policy severity ${severity} of 5`),
    classifier: component(
      "classifier",
      input.maxScore ?? 0,
      input.maxScore === null ? "no classifier flag" : `highest classifier score ${round2(input.maxScore)}`,
    ),
    reporters: component(
      "reporters",
      credible / (credible + 2),
      input.reporters.length === 0
        ? "no reporters"
        : `${input.reporters.length} reporter${input.reporters.length === 1 ? "" : "s"}, credibility-weighted ${round2(credible)}`,
    ),
    reach: component("reach", reachValue, `${compactNumber(views)} views, ${compactNumber(remixes)} remixes`),
    urgency: component("urgency", urgencyValue, urgencyDetail),
  };
  const score = round2(Object.values(components).reduce((sum, c) => sum + c.points, 0));
  return { score, components };
}

/** Hours from `now` to `deadline`, or null. */
export function hoursUntil(deadline: Date | null | undefined, now: Date): number | null {
  return deadline ? (deadline.getTime() - now.getTime()) / 3_600_000 : null;
}
