// Small readings of case data that several panels share.
import type { CaseDetail } from "../api/get-case.ts";

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

/** "14:05": lease ends are minutes away, the date would only add noise. */
export function formatClockTime(value: string | Date): string {
  return timeFormat.format(typeof value === "string" ? new Date(value) : value);
}

/** "60% of 5 reports actioned": how far a reporter's word has held up before. */
export function describeReporterAccuracy(reporter: { reportsFiled: number; reportsActioned: number }): string {
  if (reporter.reportsFiled === 0) return "first report";
  const share = Math.round((reporter.reportsActioned / reporter.reportsFiled) * 100);
  return `${share}% of ${reporter.reportsFiled} report${reporter.reportsFiled === 1 ? "" : "s"} actioned`;
}

export function shortId(id: string): string {
  return id.slice(-6);
}

/** The case heading: who or what the case is about. */
export function caseTitle(detail: CaseDetail): string {
  const handle = detail.creator ? `@${detail.creator.handle}` : null;
  if (detail.subjectType === "post") return handle ? `Post by ${handle}` : `Post ${detail.postId ?? ""}`.trim();
  if (detail.subjectType === "account") return handle ? `Account ${handle}` : "Account";
  return `Cameo ${detail.cameoId ?? shortId(detail.id)}`;
}

/** Classifier flags are automated detection in the statement of reasons. */
export function hasAutomatedDetection(detail: CaseDetail): boolean {
  return detail.signals.some((s) => s.kind === "classifier_flag");
}

export const PRIORITY_PARTS = ["severity", "classifier", "reporters", "reach", "urgency"] as const;
export type PriorityPartName = (typeof PRIORITY_PARTS)[number];
export interface PriorityPart {
  name: PriorityPartName;
  value: number;
  weight: number;
  points: number;
  detail: string;
}

const PART_LABELS: Record<PriorityPartName, string> = {
  severity: "Severity",
  classifier: "Classifier",
  reporters: "Reporters",
  reach: "Reach",
  urgency: "Urgency",
};

export function priorityPartLabel(name: PriorityPartName): string {
  return PART_LABELS[name];
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** The stored priority components (a JSON column), read defensively: older cases may lack some parts. */
export function priorityParts(json: unknown): PriorityPart[] {
  if (!json || typeof json !== "object") return [];
  const record = json as Record<string, unknown>;
  return PRIORITY_PARTS.flatMap((name) => {
    const raw = record[name];
    if (!raw || typeof raw !== "object") return [];
    const part = raw as Record<string, unknown>;
    return [
      {
        name,
        value: num(part.value),
        weight: num(part.weight),
        points: num(part.points),
        detail: typeof part.detail === "string" ? part.detail : "",
      },
    ];
  });
}
