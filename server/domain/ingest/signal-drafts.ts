// What each signal event means for the queues: its kind, subject, queue, category and any legal clock.
// Pure: the database work happens in apply-signals.ts.
import type { EventOf, PlatformEvent } from "../../contracts/platform-events.ts";
import type { QueueKind, SignalKind, SubjectType } from "../../db/generated/enums.ts";

export interface SignalDraft {
  index: number;
  /** the platform event it came from; null for signals that arrive another way (the public takedown form) */
  eventId: string | null;
  /** a takedown request already stored for this signal */
  takedownRequestId?: string;
  kind: SignalKind;
  queue: QueueKind;
  subjectType: SubjectType;
  subjectId: string;
  category: string | null;
  model?: string;
  score?: number;
  frames?: unknown;
  reporterId?: string;
  reason?: string;
  text?: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export const REPORT_CATEGORY: Record<EventOf<"report.filed">["data"]["reason"], string> = {
  deepfake: "deepfake_nonconsensual",
  likeness: "likeness_misuse",
  nudity: "ncii",
  sexual_minor: "csam_suspected",
  violence: "violence",
  hate: "hate",
  harassment: "harassment",
  self_harm: "self_harm",
  scam: "scam",
  spam: "spam",
  copyright: "copyright",
  impersonation: "impersonation",
  other: "harassment",
};

const TAKEDOWN_CATEGORY: Record<EventOf<"takedown.requested">["data"]["legalType"], string> = {
  take_it_down: "ncii",
  dmca: "copyright",
  dsa_notice: "hate",
  likeness: "likeness_misuse",
  court_order: "harassment",
};

function reportQueue(reason: string): QueueKind {
  if (reason === "deepfake") return "deepfake_report";
  if (reason === "likeness") return "likeness_complaint";
  return "user_report";
}

/** The signal an event carries, or null for events that only mirror platform records. Appeals need a lookup. */
export function draftSignal(index: number, e: PlatformEvent): SignalDraft | null {
  const base = { index, eventId: e.id, occurredAt: e.occurredAt };
  switch (e.type) {
    case "flag.raised":
      return {
        ...base,
        kind: "classifier_flag",
        queue: "flagged_generation",
        subjectType: "post",
        subjectId: e.data.postId,
        category: e.data.category,
        model: e.data.model,
        score: e.data.score,
        frames: e.data.frames,
        payload: {},
      };
    case "report.filed":
      return {
        ...base,
        kind:
          e.data.reason === "deepfake"
            ? "deepfake_report"
            : e.data.reason === "likeness"
              ? "likeness_complaint"
              : "user_report",
        queue: reportQueue(e.data.reason),
        subjectType: e.data.subject.type,
        subjectId: e.data.subject.id,
        category: REPORT_CATEGORY[e.data.reason],
        reporterId: e.data.reporterId,
        reason: e.data.reason,
        text: e.data.text,
        payload: {},
      };
    case "likeness.complaint.filed": {
      const { cameoId, postIds, complainantId, text, ...rest } = e.data;
      return {
        ...base,
        kind: "likeness_complaint",
        queue: "likeness_complaint",
        subjectType: cameoId ? "cameo" : "post",
        subjectId: cameoId ?? postIds[0]!,
        category: "likeness_misuse",
        reporterId: complainantId,
        reason: "likeness",
        text,
        payload: { ...rest, postIds },
      };
    }
    case "takedown.requested":
      return {
        ...base,
        kind: "takedown_request",
        queue: "takedown",
        subjectType: "post",
        subjectId: e.data.postIds[0]!,
        category: TAKEDOWN_CATEGORY[e.data.legalType],
        reason: e.data.legalType,
        text: e.data.description,
        payload: { requestId: e.data.requestId, legalType: e.data.legalType },
      };
    default:
      return null;
  }
}

/** The legal elements each request type needs (US TAKE IT DOWN Act, DMCA §512(c)(3), DSA Art. 16, …). */
export function missingTakedownElements(d: EventOf<"takedown.requested">["data"]): string[] {
  const missing: string[] = [];
  const need = (ok: unknown, name: string) => {
    if (!ok) missing.push(name);
  };
  switch (d.legalType) {
    case "take_it_down":
      need(d.signature, "signature");
      need(d.description, "identification of the content");
      need(d.goodFaith, "good-faith statement of non-consent");
      need(d.requesterEmail, "contact information");
      break;
    case "dmca":
      need(d.signature, "signature");
      need(d.description, "identification of the copyrighted work");
      need(d.requesterEmail, "contact information");
      need(d.goodFaith, "good-faith statement");
      need(d.perjuryStatement, "accuracy and authority under penalty of perjury");
      break;
    case "dsa_notice":
      need(d.description, "substantiated explanation");
      need(d.requesterName && d.requesterEmail, "name and email");
      need(d.goodFaith, "bona fide statement");
      break;
    case "likeness":
      need(d.depictedPerson, "who is depicted");
      break;
    case "court_order":
      need(d.issuingAuthority, "issuing authority");
      need(d.orderReference, "order reference");
      break;
  }
  return missing;
}

/** When the request's legal clock runs out, if it has started: TAKE IT DOWN 48 h from a valid request; orders by their own deadline. */
export function takedownDueAt(
  d: EventOf<"takedown.requested">["data"],
  receivedAt: Date,
  missing: string[],
): Date | null {
  if (missing.length > 0) return null;
  if (d.legalType === "take_it_down") return new Date(receivedAt.getTime() + 48 * 3_600_000);
  if (d.legalType === "court_order" && d.orderDeadline) return new Date(d.orderDeadline);
  return null;
}
