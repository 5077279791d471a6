// Classifier flags (the biggest queue), settled history with decisions, escalations, and the hash bank with the
// re-uploads it catches.
import type { QueueKind } from "../../server/db/generated/enums.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import type { CaseDraft } from "./cases.ts";
import { decideActor, moderators, openStart, postSubject, resolvedSpan, riskOf, type SeedContext } from "./context.ts";
import { KEYFRAMES_PER_POST, keyframeAtMs } from "./posts.ts";
import { ESCALATION_NOTES } from "./reports.ts";
import type { PostRow } from "./world.ts";

const MODEL: Record<Category, string> = {
  csam_suspected: "vigil-nsfw-v3",
  minor_safety: "vigil-minor-safety-v1",
  ncii: "vigil-nsfw-v3",
  deepfake_nonconsensual: "likeness-match-v2",
  likeness_misuse: "likeness-match-v2",
  impersonation: "likeness-match-v2",
  self_harm: "vigil-violence-v2",
  violence: "vigil-violence-v2",
  hate: "vigil-speech-v2",
  harassment: "vigil-speech-v2",
  scam: "vigil-scam-v1",
  spam: "vigil-scam-v1",
  copyright: "audio-fingerprint-v1",
};
const FALSE_POSITIVE: Category[] = ["violence", "ncii", "hate", "self_harm", "spam", "likeness_misuse"];
const BANKED: Category[] = ["ncii", "csam_suspected", "deepfake_nonconsensual", "copyright"];

export function classifierFlag(
  ctx: SeedContext,
  draft: CaseDraft,
  post: PostRow,
  category: Category,
  at: Date,
  falsePositive: boolean,
  model = MODEL[category],
): void {
  const { rng } = ctx;
  const score = Math.round((falsePositive ? rng.float(0.5, 0.8) : 1 - 0.42 * rng.next() ** 1.5) * 1000) / 1000;
  const indices = rng.sample([0, 1, 2, 3].slice(0, KEYFRAMES_PER_POST), rng.int(1, KEYFRAMES_PER_POST)).sort();
  const frames = indices.map((index, i) => ({
    index,
    atMs: keyframeAtMs(post.durationMs, index),
    score: i === 0 ? score : Math.round(score * rng.float(0.6, 1) * 1000) / 1000,
  }));
  const backfill = at.getTime() - post.createdAt.getTime() > 6 * 3_600_000;
  ctx.book.signal(draft, {
    kind: "classifier_flag",
    occurredAt: at,
    category,
    model,
    score,
    frames,
    payload: { threshold: 0.5, ...(backfill ? { trigger: "backfill_rescan" } : { trigger: "on_publish" }) },
  });
}

/** Closes a case with a decision fitting how likely the content is to break the rules. */
export function settle(ctx: SeedContext, draft: CaseDraft, category: string | null, risky: boolean, at: Date): void {
  const { rng } = ctx;
  const acted = risky ? rng.chance(0.75) : rng.chance(0.12);
  const type = !acted ? "dismiss" : rng.chance(0.87) ? "take_down_post" : "hold_post";
  const automated = draft.row.queue === "flagged_generation" && category === "spam" && acted && rng.chance(0.5);
  const actorId = automated ? null : decideActor(ctx);
  ctx.decisions.add({ type, at, actorId, policyCode: category, draft, automatedDecision: automated });
  ctx.book.resolve(draft, actorId, at);
  if (acted && draft.row.postId) ctx.removed.add(draft.row.postId);
}

function pools(ctx: SeedContext) {
  const risky = ctx.rng.shuffle(ctx.posts.filter((p) => riskOf(ctx, p)));
  const benign = ctx.rng.shuffle(ctx.posts.filter((p) => !riskOf(ctx, p)));
  return { risky, benign };
}

function flagCases(ctx: SeedContext, count: number, resolved: boolean): void {
  const { rng, book } = ctx;
  const { risky, benign } = pools(ctx);
  const queue: QueueKind = "flagged_generation";
  let made = 0;
  while (made < count && (risky.length || benign.length)) {
    const fromRisky = risky.length > 0 && (benign.length === 0 || rng.chance(0.78));
    const post = (fromRisky ? risky : benign).pop()!;
    if (ctx.removed.has(post.id) || book.has(postSubject(post), queue) || post.visibility === "deleted") continue;
    const category = riskOf(ctx, post) ?? rng.pick(FALSE_POSITIVE);
    const span = resolved ? resolvedSpan(ctx, queue, post) : { start: openStart(ctx, queue, post), end: null };
    const draft = book.open(postSubject(post), queue, span.start);
    classifierFlag(ctx, draft, post, category, span.start, !fromRisky);
    if (ctx.postsResult.misusedCameo.has(post.id) || rng.chance(0.12)) {
      const second: Category = category === "likeness_misuse" ? "deepfake_nonconsensual" : "likeness_misuse";
      classifierFlag(
        ctx,
        draft,
        post,
        second,
        new Date(Math.min(ctx.now.getTime(), span.start.getTime() + rng.int(1, 90) * 1000)),
        true,
      );
    }
    if (span.end) settle(ctx, draft, draft.signals[0]!.category ?? null, fromRisky, span.end);
    made++;
  }
}

export function flaggedGenerations(ctx: SeedContext, count: number, resolved: boolean): void {
  flagCases(ctx, count, resolved);
}

/** Moves some severe unresolved cases to staff, each with the moderator's note saying why. */
export function escalations(ctx: SeedContext, count: number): void {
  const { rng, book } = ctx;
  const severe = new Set(["csam_suspected", "minor_safety", "self_harm", "violence", "deepfake_nonconsensual", "ncii"]);
  const candidates = rng.shuffle(
    book.drafts.filter(
      (d) =>
        d.row.status === "open" &&
        ["flagged_generation", "deepfake_report", "user_report"].includes(d.row.queue) &&
        d.signals.some((s) => s.category && severe.has(s.category)),
    ),
  );
  for (const draft of candidates.slice(0, count)) {
    const by = rng.pick(moderators(ctx)).id;
    const at = new Date(Math.min(ctx.now.getTime() - 60_000, draft.row.createdAt.getTime() + rng.int(5, 240) * 60_000));
    book.escalate(draft, by, at);
    ctx.world.notes.push({
      id: rng.uuid7(at.getTime()),
      caseId: draft.row.id,
      authorId: by,
      body: rng.pick(ESCALATION_NOTES),
      createdAt: at,
    });
  }
}

/**
 * Removed content of the worst kinds goes into the hash bank; exact and near copies of it that are still up
 * are flagged by the hash matcher.
 */
export function hashBank(ctx: SeedContext, phashOf: Map<string, string[]>): void {
  const { rng, book, world } = ctx;
  const banked = new Map<string, { category: Category; at: Date }>();
  for (const d of ctx.decisions.rows) {
    const policy = ctx.decisions.policyById(d.policyId);
    if (d.type !== "take_down_post" || !d.postId || !policy || !BANKED.includes(policy.code as Category)) continue;
    const phashes = phashOf.get(d.postId) ?? [];
    const post = book.index.posts.get(d.postId)!;
    world.hashEntries.push({
      id: rng.uuid7(d.createdAt.getTime()),
      kind: "exact",
      hash: post.contentHash,
      postId: post.id,
      decisionId: d.id,
      policyId: policy.id,
      createdAt: d.createdAt,
    });
    for (const hash of phashes.slice(0, 2)) {
      world.hashEntries.push({
        id: rng.uuid7(d.createdAt.getTime()),
        kind: "perceptual",
        hash,
        postId: post.id,
        decisionId: d.id,
        policyId: policy.id,
        createdAt: d.createdAt,
      });
    }
    banked.set(d.postId, { category: policy.code as Category, at: d.createdAt });
  }
  for (const [copyId, { of, exact }] of ctx.postsResult.copies) {
    const hit = banked.get(of);
    const copy = book.index.posts.get(copyId)!;
    if (!hit || ctx.removed.has(copyId) || book.has(postSubject(copy), "flagged_generation")) continue;
    const seen = Math.max(copy.createdAt.getTime(), hit.at.getTime()) + rng.int(1, 30) * 60_000;
    const at = new Date(Math.min(seen, ctx.now.getTime() - 60_000));
    const draft = book.open(postSubject(copy), "flagged_generation", at);
    ctx.book.signal(draft, {
      kind: "classifier_flag",
      occurredAt: at,
      category: hit.category,
      model: "hash-bank-match-v1",
      score: exact ? 1 : Math.round(rng.float(0.9, 0.98) * 1000) / 1000,
      frames: [0, 1, 2, 3].map((index) => ({
        index,
        atMs: keyframeAtMs(copy.durationMs, index),
        score: exact ? 1 : 0.95,
      })),
      payload: { matchType: exact ? "exact" : "perceptual", matchedPostId: of },
    });
  }
}
