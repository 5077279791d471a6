// Folds generated signals into cases the way ingest does: one unresolved case per subject and queue, counts and
// priority derived from the attached signals, deadline from the strictest legal clock or the queue SLA.
import type { Prisma } from "../../server/db/generated/client.ts";
import type { QueueKind, SignalKind, SubjectType } from "../../server/db/generated/enums.ts";
import { computePriority, hoursUntil, queueSlaHours, severityForCategory } from "../../server/domain/cases/priority.ts";
import { HOUR, type Rng } from "./random.ts";
import type { AccountRow, CameoRow, CaseRow, PostRow, SignalRow } from "./world.ts";

export type Subject =
  { type: "post"; post: PostRow } | { type: "account"; account: AccountRow } | { type: "cameo"; cameo: CameoRow };

export interface CaseDraft {
  row: CaseRow;
  signals: SignalRow[];
  subject: Subject;
  legalDeadline: Date | null;
}

export type SignalInput = {
  kind: SignalKind;
  occurredAt: Date;
  category?: string | null;
  reporterId?: string | null;
  cameoId?: string | null;
  model?: string | null;
  score?: number | null;
  frames?: { index: number; atMs: number; score: number }[];
  reason?: string | null;
  text?: string | null;
  takedownRequestId?: string | null;
  appealId?: string | null;
  payload?: Prisma.InputJsonObject;
};

export interface WorldIndex {
  posts: Map<string, PostRow>;
  accounts: Map<string, AccountRow>;
  cameos: Map<string, CameoRow>;
  cameosOfPost: Map<string, string[]>;
}

export function subjectKeyOf(s: Subject): string {
  return s.type === "post"
    ? `post:${s.post.id}`
    : s.type === "account"
      ? `account:${s.account.id}`
      : `cameo:${s.cameo.id}`;
}

export class CaseBook {
  readonly drafts: CaseDraft[] = [];
  private readonly unresolved = new Map<string, CaseDraft>();

  constructor(
    private readonly rng: Rng,
    readonly now: Date,
    readonly index: WorldIndex,
  ) {}

  has(subject: Subject, queue: QueueKind): boolean {
    return this.unresolved.has(`${subjectKeyOf(subject)}|${queue}`);
  }

  /** The unresolved case for (subject, queue), created when there is none. */
  open(subject: Subject, queue: QueueKind, at: Date): CaseDraft {
    const key = `${subjectKeyOf(subject)}|${queue}`;
    const existing = this.unresolved.get(key);
    if (existing) return existing;
    const subjectType: SubjectType = subject.type;
    const draft: CaseDraft = {
      subject,
      legalDeadline: null,
      signals: [],
      row: {
        id: this.rng.uuid7(at.getTime()),
        queue,
        subjectType,
        subjectKey: subjectKeyOf(subject),
        postId: subject.type === "post" ? subject.post.id : null,
        accountId: subject.type === "account" ? subject.account.id : null,
        cameoId: subject.type === "cameo" ? subject.cameo.id : null,
        status: "open",
        createdAt: at,
        lastChangedAt: at,
      },
    };
    this.unresolved.set(key, draft);
    this.drafts.push(draft);
    return draft;
  }

  signal(draft: CaseDraft, input: SignalInput): SignalRow {
    const { frames, payload, ...rest } = input;
    const row: SignalRow = {
      ...rest,
      id: this.rng.uuid7(input.occurredAt.getTime()),
      subjectType: draft.row.subjectType,
      postId: draft.row.postId ?? null,
      accountId: draft.row.accountId ?? null,
      cameoId: input.cameoId ?? draft.row.cameoId ?? null,
      caseId: draft.row.id,
      platformEventId: input.kind === "takedown_request" || input.kind === "appeal" ? null : `evt_${this.rng.hex(24)}`,
      frames: frames ?? undefined,
      payload: payload ?? {},
      receivedAt: new Date(
        Math.max(
          input.occurredAt.getTime(),
          Math.min(this.now.getTime(), input.occurredAt.getTime() + this.rng.int(200, 4000)),
        ),
      ),
    };
    draft.signals.push(row);
    if (input.occurredAt < draft.row.createdAt) draft.row.createdAt = input.occurredAt;
    return row;
  }

  resolve(draft: CaseDraft, by: string | null, at: Date): void {
    Object.assign(draft.row, {
      status: "resolved",
      resolvedById: by,
      resolvedAt: at,
      lastChangedById: by,
      lastChangedAt: at,
      version: 2,
    });
    this.unresolved.delete(`${draft.row.subjectKey}|${draft.row.queue}`);
  }

  /** Moves an unresolved case to the escalated queue, keeping its signals. */
  escalate(draft: CaseDraft, by: string, at: Date): void {
    const oldKey = `${draft.row.subjectKey}|${draft.row.queue}`;
    const newKey = `${draft.row.subjectKey}|escalated`;
    if (this.unresolved.has(newKey)) return;
    this.unresolved.delete(oldKey);
    this.unresolved.set(newKey, draft);
    Object.assign(draft.row, {
      escalatedFrom: draft.row.queue,
      queue: "escalated",
      status: "escalated",
      lastChangedById: by,
      lastChangedAt: at,
      version: 2,
    });
  }

  /** Derived fields; call once every signal is in and reporter counters are final. */
  finalize(): { cases: CaseRow[]; signals: SignalRow[] } {
    const signals: SignalRow[] = [];
    for (const d of this.drafts) {
      const r = d.row;
      signals.push(...d.signals);
      const reporterIds = [...new Set(d.signals.map((s) => s.reporterId).filter((x): x is string => !!x))];
      const scores = d.signals.map((s) => s.score).filter((x): x is number => typeof x === "number");
      const categories = d.signals.map((s) => s.category).filter((x): x is string => !!x);
      const category = categories.sort((a, b) => severityForCategory(b) - severityForCategory(a))[0] ?? null;
      const post = d.subject.type === "post" ? d.subject.post : null;
      const sla = queueSlaHours[r.escalatedFrom ?? r.queue];
      const deadlineAt = d.legalDeadline ?? new Date(r.createdAt.getTime() + sla * HOUR);
      const owner =
        d.subject.type === "post"
          ? this.index.accounts.get(d.subject.post.creatorId)
          : d.subject.type === "account"
            ? d.subject.account
            : this.index.accounts.get(d.subject.cameo.ownerId);
      const reporters = reporterIds.map((id) => this.index.accounts.get(id)!);
      const priority = computePriority({
        severity: severityForCategory(category),
        maxScore: scores.length ? Math.max(...scores) : null,
        reporters: reporters.map((a) => ({
          reportsFiled: a.reportsFiled ?? 0,
          reportsActioned: a.reportsActioned ?? 0,
        })),
        reach: { views: post?.viewCount ?? 0, remixes: post?.remixCount ?? 0 },
        hoursToDeadline: hoursUntil(deadlineAt, this.now),
      });
      Object.assign(r, {
        category,
        maxScore: scores.length ? Math.max(...scores) : null,
        signalCount: d.signals.length,
        reporterCount: reporterIds.length,
        deadlineAt,
        priority: priority.score,
        priorityComponents: priority.components,
        hasCameo: post ? (this.index.cameosOfPost.get(post.id)?.length ?? 0) > 0 : d.subject.type === "cameo",
        creatorHandle: owner?.handle ?? null,
        prompt: post?.prompt ?? null,
      });
    }
    return { cases: this.drafts.map((d) => d.row), signals };
  }
}
