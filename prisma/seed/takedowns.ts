// Legal takedown requests of every type against posts (and the copies found by hash), their cases and
// decisions, and DMCA counter-notices with their restore windows.
import type { TakedownType } from "../../server/db/generated/enums.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import { between, postSubject, riskOf, type SeedContext } from "./context.ts";
import { DAY, HOUR } from "./random.ts";
import { addBusinessDays, buildRequest, SPECS } from "./takedown-law.ts";
import type { PostRow, TakedownRow } from "./world.ts";

function targetPool(ctx: SeedContext, type: TakedownType): PostRow[] {
  const spec = SPECS[type];
  const matching = ctx.posts.filter((p) => spec.categories.includes(riskOf(ctx, p) as Category));
  // posts of the type's categories first; any post after them, for when those run out or are all too new
  return [...ctx.rng.shuffle(matching), ...ctx.rng.sample(ctx.posts, 150)];
}

/** Closed requests belong to the history pass, open ones to the current backlog. */
export function takedowns(ctx: SeedContext, phase: "closed" | "open"): void {
  const { rng, book, world } = ctx;
  const staffUser = ctx.staff.find((s) => s.role === "staff")!;
  const nowMs = ctx.now.getTime();

  for (const type of Object.keys(SPECS) as TakedownType[]) {
    const spec = SPECS[type];
    const pool = targetPool(ctx, type);
    const plan =
      phase === "open"
        ? spec.open.map(([s, n]) => [s, n, true] as const)
        : spec.closed.map(([s, n]) => [s, n, false] as const);
    for (const [status, n, isOpen] of plan) {
      for (let k = 0; k < n; k++) {
        // legal requests take a while to arrive: nothing about posts from the last few hours; a restored post
        // needs its whole counter-notice window in the past
        const minAgeHours = status === "restored" ? 1000 : 3;
        const post = pool.find(
          (p) =>
            !ctx.removed.has(p.id) &&
            !book.has(postSubject(p), "takedown") &&
            p.createdAt.getTime() < nowMs - minAgeHours * HOUR,
        );
        if (!post) break;
        pool.splice(pool.indexOf(post), 1);
        const valid = !["received", "needs_info", "invalid"].includes(status);
        // open valid requests sit somewhere inside their clock, a few just past it; a restored post needs its
        // whole counter-notice window (10–14 business days) in the past
        const typicalDue = SPECS[type].dueHours(rng, false);
        const ageHours = isOpen
          ? valid
            ? typicalDue * rng.float(0.05, 1.1)
            : rng.float(2, 140)
          : status === "restored"
            ? rng.float(800, 1000)
            : rng.float(100, 900);
        const receivedAt = new Date(
          Math.min(nowMs - 60_000, Math.max(post.createdAt.getTime() + HOUR, nowMs - ageHours * HOUR)),
        );
        const risk = riskOf(ctx, post);
        const category = risk && spec.categories.includes(risk) ? risk : spec.categories[0]!;
        const copies = [...ctx.postsResult.copies]
          .filter(([, c]) => c.of === post.id)
          .map(([id, c]) => ({ id, exact: c.exact }));
        const row = buildRequest(rng, {
          type,
          status,
          post,
          creatorHandle: book.index.accounts.get(post.creatorId)!.handle,
          category,
          receivedAt,
          enteredById: staffUser.id,
        });
        const dueAt = (row.dueAt as Date | null) ?? null;
        const missing = row.missingElements as string[];
        world.takedowns.push(row);
        world.takedownPosts.push({
          requestId: row.id,
          postId: post.id,
          matchedBy: row.contentUrls && (row.contentUrls as string[]).length ? "url" : "id",
          addedAt: receivedAt,
        });
        for (const c of copies)
          world.takedownPosts.push({
            requestId: row.id,
            postId: c.id,
            matchedBy: c.exact ? "exact_hash" : "perceptual_hash",
            addedAt: new Date(receivedAt.getTime() + rng.int(1, 30) * 60_000),
          });

        const draft = book.open(postSubject(post), "takedown", receivedAt);
        draft.legalDeadline = dueAt;
        book.signal(draft, {
          kind: "takedown_request",
          occurredAt: receivedAt,
          category,
          reason: type,
          takedownRequestId: row.id,
          payload: { reference: row.reference },
        });
        row.caseId = draft.row.id;
        if (isOpen) continue;

        const decidedAt = new Date(
          Math.min(nowMs - HOUR, receivedAt.getTime() + rng.float(2, typicalDue * 0.9) * HOUR),
        );
        row.decidedAt = decidedAt;
        const acted = ["actioned", "counter_noticed", "restored"].includes(status);
        let takeDown = null;
        for (const postId of [post.id, ...copies.map((c) => c.id)]) {
          const d = ctx.decisions.add({
            type: acted ? "take_down_post" : "dismiss",
            at: decidedAt,
            actorId: staffUser.id,
            policyCode: category,
            draft,
            postId,
            takedownRequestId: row.id,
            reason: acted
              ? undefined
              : `Request ${row.reference} does not meet the legal requirements: ${missing.join(", ") || "claim not substantiated"}.`,
          });
          if (postId === post.id) takeDown = d;
          if (acted) ctx.removed.add(postId);
        }
        book.resolve(draft, staffUser.id, decidedAt);
        if (type === "dmca" && (status === "counter_noticed" || status === "restored") && takeDown) {
          counterNotice(ctx, row, post, takeDown, status === "restored");
        }
      }
    }
  }
}

function counterNotice(
  ctx: SeedContext,
  request: TakedownRow,
  post: PostRow,
  takeDown: { id: string; createdAt: Date; strikeDelta?: number },
  restored: boolean,
): void {
  const { rng } = ctx;
  // an uploader needs some time to answer a removal
  if (takeDown.createdAt.getTime() > ctx.now.getTime() - 6 * HOUR) {
    request.status = "actioned";
    return;
  }
  const uploader = ctx.book.index.accounts.get(post.creatorId)!;
  const receivedAt = restored
    ? new Date(Math.min(takeDown.createdAt.getTime() + rng.float(1, 3) * DAY, ctx.now.getTime() - HOUR))
    : between(ctx, new Date(takeDown.createdAt.getTime() + HOUR));
  const restoreNotAfter = addBusinessDays(receivedAt, 14);
  if (restored && restoreNotAfter.getTime() > ctx.now.getTime()) {
    request.status = "counter_noticed";
    restored = false;
  }
  const restoreNotBefore = addBusinessDays(receivedAt, 10);
  const restoredAt = restored ? new Date(restoreNotBefore.getTime() + rng.int(1, 20) * HOUR) : null;
  ctx.world.counterNotices.push({
    id: rng.uuid7(receivedAt.getTime()),
    requestId: request.id,
    postId: post.id,
    status: restored ? "restored" : rng.pick(["received", "forwarded"] as const),
    name: uploader.displayName,
    address: `${rng.int(1, 99)} Market Street, Springfield`,
    phone: `+1 555 01${String(rng.int(0, 99)).padStart(2, "0")}`,
    email: `${uploader.handle.replace(/[^a-z0-9]/g, "")}@mail.example`,
    signature: `/${uploader.displayName}/`,
    statement:
      "I swear under penalty of perjury that the material was removed as a result of mistake or misidentification.",
    consentToJurisdiction: true,
    receivedAt,
    restoreNotBefore,
    restoreNotAfter,
    restoredAt,
  });
  if (restoredAt) {
    const staffId = ctx.staff.find((s) => s.role === "staff")!.id;
    const original = ctx.decisions.rows.find((d) => d.id === takeDown.id)!;
    ctx.decisions.add({
      type: "restore_post",
      at: restoredAt,
      actorId: staffId,
      postId: post.id,
      takedownRequestId: request.id,
      reverses: original,
      reason: "Restored after a valid counter-notice; no court action was filed within 10 business days.",
    });
    ctx.removed.delete(post.id);
  }
}
