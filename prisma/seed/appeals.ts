// Uploaders contesting removals: open appeals waiting for a reviewer other than the one who decided, and a few
// already decided (upheld, or overturned with a restore that reverses the removal).
import { between, postSubject, type SeedContext } from "./context.ts";
import { DAY, HOUR } from "./random.ts";

const APPEAL_TEXT = [
  "This is obviously satire. Nobody would think it's real.",
  "The person in the video is me, I used my own cameo.",
  "My friend gave me permission to use her cameo, check again.",
  "It's a movie scene recreation for a film class, not a copy.",
  "There is no nudity in this video at all. Please look again.",
  "I didn't write that prompt, my account was used by someone else.",
  "The classifier got this wrong, it's a cartoon.",
];

export function appeals(ctx: SeedContext, counts: { open: number; upheld: number; overturned: number }): void {
  const { rng, book, world } = ctx;
  const nowMs = ctx.now.getTime();
  const reversed = new Set(ctx.decisions.rows.map((d) => d.reversesId).filter(Boolean));
  const candidates = rng.shuffle(
    ctx.decisions.rows.filter(
      (d) =>
        d.type === "take_down_post" &&
        d.postId &&
        d.actorId &&
        !d.takedownRequestId &&
        !reversed.has(d.id) &&
        book.index.accounts.get(book.index.posts.get(d.postId)!.creatorId)!.status === "active",
    ),
  );
  const plan = [
    ...Array.from({ length: counts.open }, () => "open" as const),
    ...Array.from({ length: counts.upheld }, () => "upheld" as const),
    ...Array.from({ length: counts.overturned }, () => "overturned" as const),
  ];
  for (const decision of candidates) {
    const status = plan[0];
    if (!status) break;
    const post = book.index.posts.get(decision.postId!)!;
    if (book.has(postSubject(post), "appeal")) continue;
    const decidedMs = decision.createdAt.getTime();
    if (status === "open" && decidedMs > nowMs - 2 * HOUR) continue;
    if (status !== "open" && decidedMs > nowMs - 4 * DAY) continue;
    plan.shift();

    const filedAt =
      status === "open"
        ? between(ctx, new Date(Math.max(decidedMs + HOUR, nowMs - 90 * HOUR)))
        : new Date(decidedMs + rng.float(2, 48) * HOUR);
    const reviewers = ctx.staff.filter((s) => s.id !== decision.actorId && s.role !== "moderator");
    const decidedBy = rng.pick(reviewers.length ? reviewers : ctx.staff);
    const decidedAt = status === "open" ? null : new Date(filedAt.getTime() + rng.float(4, 40) * HOUR);
    const appealId = rng.uuid7(filedAt.getTime());
    const text = rng.pick(APPEAL_TEXT);

    const draft = book.open(postSubject(post), "appeal", filedAt);
    book.signal(draft, {
      kind: "appeal",
      occurredAt: filedAt,
      category: ctx.decisions.policyById(decision.policyId)?.code ?? null,
      reason: "appeal",
      text,
      appealId,
      payload: { decisionId: decision.id },
    });
    world.appeals.push({
      id: appealId,
      decisionId: decision.id,
      appellantId: post.creatorId,
      text,
      status,
      caseId: draft.row.id,
      platformEventId: `evt_${rng.hex(24)}`,
      filedAt,
      decidedAt,
      decidedById: decidedAt ? decidedBy.id : null,
    });
    if (!decidedAt) continue;
    if (status === "overturned") {
      ctx.decisions.add({
        type: "restore_post",
        at: decidedAt,
        actorId: decidedBy.id,
        draft,
        reverses: decision,
        reason: "Appeal granted: the original removal was a mistake.",
      });
      ctx.removed.delete(post.id);
    }
    book.resolve(draft, decidedBy.id, decidedAt);
  }
}
