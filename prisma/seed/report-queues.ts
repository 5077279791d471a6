// People's reports: user reports (about posts and accounts), deepfake reports, likeness complaints from cameo
// owners, and the account sanctions that explain the suspended and banned accounts.
import type { QueueKind } from "../../server/db/generated/enums.ts";
import { CATEGORIES, type Category } from "../../server/domain/cases/priority.ts";
import { pickReporter } from "./accounts.ts";
import type { CaseDraft, Subject } from "./cases.ts";
import {
  between,
  decideActor,
  openStart,
  postSubject,
  resolvedSpan,
  riskOf,
  riskyPosts,
  type SeedContext,
} from "./context.ts";
import { settle } from "./moderation.ts";
import { DAY } from "./random.ts";
import { CAMEO_IMPERSONATION_TEXT, DEEPFAKE_TEXT, LIKENESS_TEXT, REPORT_REASON, reportText } from "./reports.ts";
import type { PostRow } from "./world.ts";

const REASON_CATEGORY = new Map<string, Category>(CATEGORIES.map((c) => [REPORT_REASON[c], c]));

/** Adds `n` reports from distinct reporters (never the creator) at or after `start`. */
function addReports(
  ctx: SeedContext,
  draft: CaseDraft,
  n: number,
  start: Date,
  end: Date | null,
  pick: () => { reason: string; category: Category | null; text?: string | null; cameoId?: string | null },
): void {
  const owner =
    draft.subject.type === "post"
      ? draft.subject.post.creatorId
      : draft.subject.type === "account"
        ? draft.subject.account.id
        : draft.subject.cameo.ownerId;
  const exclude = new Set([owner, ...draft.signals.map((s) => s.reporterId ?? "")]);
  for (let i = 0; i < n; i++) {
    const reporter = pickReporter(ctx.rng, ctx.reporters, exclude);
    exclude.add(reporter.accountId);
    const r = pick();
    const kind =
      draft.row.queue === "deepfake_report"
        ? "deepfake_report"
        : draft.row.queue === "likeness_complaint"
          ? "likeness_complaint"
          : "user_report";
    ctx.book.signal(draft, {
      kind,
      occurredAt: i === 0 ? start : between(ctx, start, end ?? ctx.now),
      reporterId: reporter.accountId,
      category: r.category,
      reason: r.reason,
      text: r.text === undefined ? reportText(ctx.rng, r.reason) : r.text,
      cameoId: r.cameoId ?? null,
    });
  }
}

function postQueue(
  ctx: SeedContext,
  queue: QueueKind,
  posts: PostRow[],
  count: number,
  resolved: boolean,
  reasonFor: (post: PostRow) => {
    reason: string;
    category: Category | null;
    text?: string | null;
    cameoId?: string | null;
  },
): void {
  const { rng, book } = ctx;
  let made = 0;
  for (const post of rng.shuffle([...posts])) {
    if (made >= count) break;
    if (ctx.removed.has(post.id) || book.has(postSubject(post), queue)) continue;
    const span = resolved ? resolvedSpan(ctx, queue, post) : { start: openStart(ctx, queue, post), end: null };
    const draft = book.open(postSubject(post), queue, span.start);
    addReports(ctx, draft, rng.pareto(1, 1.25, 14), span.start, span.end, () => reasonFor(post));
    if (span.end) settle(ctx, draft, draft.signals[0]!.category ?? null, riskOf(ctx, post) !== undefined, span.end);
    made++;
  }
}

export function userReports(ctx: SeedContext, count: number, resolved: boolean): void {
  const { rng } = ctx;
  const popular = [...ctx.posts].sort((a, b) => b.viewCount - a.viewCount).slice(0, 600);
  const pool = [...riskyPosts(ctx), ...popular];
  const reasonFor = (post: PostRow) => {
    const risk = riskOf(ctx, post);
    const reason =
      risk && rng.chance(0.8) ? REPORT_REASON[risk] : rng.pick(["other", "misleading", "spam", "bullying", "hate"]);
    return { reason, category: REASON_CATEGORY.get(reason) ?? null };
  };
  postQueue(ctx, "user_report", pool, Math.round(count * (resolved ? 1 : 0.92)), resolved, reasonFor);
  if (resolved) return;

  // profiles reported as impersonation, harassment or spam
  const reasons = ["impersonation", "bullying", "spam"] as const;
  for (const account of rng.sample(
    ctx.accounts.filter((a) => a.status === "active"),
    Math.round(count * 0.08),
  )) {
    const subject: Subject = { type: "account", account };
    if (ctx.book.has(subject, "user_report")) continue;
    const start = openStart(ctx, "user_report", null);
    const draft = ctx.book.open(subject, "user_report", start);
    const reason = rng.pick(reasons);
    addReports(ctx, draft, rng.int(1, 4), start, null, () => ({
      reason,
      category: REASON_CATEGORY.get(reason) ?? null,
    }));
  }
}

export function deepfakeReports(ctx: SeedContext, count: number, resolved: boolean): void {
  const { rng } = ctx;
  const cameoPosts = new Set(ctx.postsResult.appearances.map((a) => a.postId));
  const pool = ctx.posts.filter(
    (p) => cameoPosts.has(p.id) || ["deepfake_nonconsensual", "ncii", "impersonation"].includes(riskOf(ctx, p) ?? ""),
  );
  const reasonFor = (post: PostRow) => ({
    reason: "fake_of_real_person",
    category: (riskOf(ctx, post) === "ncii" ? "ncii" : "deepfake_nonconsensual") as Category,
    text: rng.chance(0.7) ? rng.pick(DEEPFAKE_TEXT) : null,
  });
  postQueue(ctx, "deepfake_report", pool, count, resolved, reasonFor);
}

/** Cameo owners complaining about posts that use them, and people saying a cameo is really them. */
export function likenessComplaints(ctx: SeedContext, count: number, resolved: boolean): void {
  const { rng, book } = ctx;
  const queue = "likeness_complaint";
  const cameoOf = new Map(ctx.postsResult.appearances.map((a) => [a.postId, a.cameoId]));
  const misused = ctx.postsResult.misusedCameo;
  const usedByOthers = ctx.posts.filter(
    (p) => cameoOf.has(p.id) && book.index.cameos.get(cameoOf.get(p.id)!)!.ownerId !== p.creatorId,
  );
  const pool = rng.shuffle([
    ...[...misused.keys()].map((id) => book.index.posts.get(id)!),
    ...rng.sample(usedByOthers, 200),
  ]);
  const postCount = resolved ? count : Math.round(count * 0.8);

  let made = 0;
  for (const post of pool) {
    if (made >= postCount) break;
    if (ctx.removed.has(post.id) || book.has(postSubject(post), queue)) continue;
    const cameo = book.index.cameos.get(cameoOf.get(post.id)!)!;
    const span = resolved ? resolvedSpan(ctx, queue, post) : { start: openStart(ctx, queue, post), end: null };
    const draft = book.open(postSubject(post), queue, span.start);
    book.signal(draft, {
      kind: "likeness_complaint",
      occurredAt: span.start,
      reporterId: cameo.ownerId,
      cameoId: cameo.id,
      category: "likeness_misuse",
      payload: complaintPayload(book.index.accounts.get(cameo.ownerId)!.displayName, "self", cameo.id),
      reason: misused.has(post.id)
        ? "used_without_permission"
        : rng.pick(["restriction_ignored", "grant_revoked", "other"]),
      text: rng.pick(LIKENESS_TEXT),
    });
    if (span.end) settle(ctx, draft, "likeness_misuse", misused.has(post.id) || rng.chance(0.5), span.end);
    made++;
  }
  if (resolved) return;

  const claimants = ctx.accounts.slice(0, 400);
  for (const cameo of rng.sample(
    ctx.cameos.cameos.filter((c) => c.status === "active"),
    count - postCount,
  )) {
    const start = openStart(ctx, queue, null);
    const draft = book.open({ type: "cameo", cameo }, queue, start);
    const claimant = rng.pick(claimants.filter((a) => a.id !== cameo.ownerId));
    book.signal(draft, {
      kind: "likeness_complaint",
      occurredAt: start,
      reporterId: claimant.id,
      category: "impersonation",
      payload: complaintPayload(claimant.displayName, "self", cameo.id),
      reason: "cameo_is_me",
      text: rng.pick(CAMEO_IMPERSONATION_TEXT),
    });
  }
}

/** Every suspended or banned account gets the reported-profile case and the decision that put it there. */
export function sanctions(ctx: SeedContext, banned: string[], suspended: string[]): void {
  const { rng, book } = ctx;
  for (const id of [...banned, ...suspended]) {
    const account = book.index.accounts.get(id)!;
    const isBan = banned.includes(id);
    const subject: Subject = { type: "account", account };
    const { start, end } = resolvedSpan(ctx, "user_report", null);
    const draft = book.open(subject, "user_report", start);
    const reason = isBan
      ? rng.pick(["child_safety", "scam", "hate"])
      : rng.pick(["bullying", "spam", "impersonation", "hate"]);
    const category = REASON_CATEGORY.get(reason) ?? "spam";
    addReports(ctx, draft, rng.int(2, 6), start, end, () => ({ reason, category }));
    account.strikeCount = Math.max(account.strikeCount ?? 0, isBan ? 5 : 3);
    // later steps (appeals, reports) look at the status before decisions are replayed
    account.status = isBan ? "banned" : "suspended";
    const actorId = isBan ? ctx.staff.find((s) => s.role === "staff")!.id : decideActor(ctx);
    ctx.decisions.add({
      type: isBan ? "ban_account" : "suspend_account",
      at: end,
      actorId,
      policyCode: category,
      draft,
      suspendedUntil: isBan ? null : new Date(ctx.now.getTime() + rng.int(1, 14) * DAY),
    });
    book.resolve(draft, actorId, end);
  }
}

/** What a likeness complaint carries besides its text: who is depicted, by what authority, and the identity evidence. */
function complaintPayload(name: string, authority: "self" | "agent" | "estate", cameoId: string) {
  return {
    complainantName: name,
    depictedPerson: name,
    authority,
    postIds: [],
    evidence: [
      {
        kind: "selfie_video",
        url: `https://evidence.example/${cameoId}/selfie.mp4`,
        note: "Recorded holding today's date",
      },
      { kind: "id_document", url: `https://evidence.example/${cameoId}/id.jpg` },
    ],
  };
}
