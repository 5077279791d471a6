// Shared state while the moderation history is generated, and the timing rules every queue follows.
import type { QueueKind } from "../../server/db/generated/enums.ts";
import { queueSlaHours, type Category } from "../../server/domain/cases/priority.ts";
import type { Reporter } from "./accounts.ts";
import type { CameosResult } from "./cameos.ts";
import type { CaseBook, CaseDraft } from "./cases.ts";
import type { DecisionLog } from "./decisions.ts";
import type { PostsResult } from "./posts.ts";
import { HOUR, type Rng } from "./random.ts";
import type { AccountRow, PostRow, StaffSeed, World } from "./world.ts";

export interface SeedContext {
  rng: Rng;
  now: Date;
  book: CaseBook;
  decisions: DecisionLog;
  accounts: AccountRow[];
  posts: PostRow[];
  postsResult: PostsResult;
  cameos: CameosResult;
  reporters: Reporter[];
  staff: StaffSeed[];
  world: World;
  /** posts already removed: no new cases are opened on them except appeals and legal requests */
  removed: Set<string>;
}

const MINUTE = 60_000;

export function moderators(ctx: SeedContext): StaffSeed[] {
  return ctx.staff.filter((s) => s.role === "moderator");
}

export function staffMember(ctx: SeedContext, role: "staff" | "admin"): StaffSeed {
  return ctx.staff.find((s) => s.role === role)!;
}

export function riskOf(ctx: SeedContext, post: PostRow): Category | undefined {
  return ctx.postsResult.risk.get(post.id);
}

/** Posts whose prompt leans towards a policy area, optionally a given one. */
export function riskyPosts(ctx: SeedContext, categories?: Category[]): PostRow[] {
  return ctx.posts.filter((p) => {
    const r = ctx.postsResult.risk.get(p.id);
    return r !== undefined && (!categories || categories.includes(r));
  });
}

/**
 * When an unresolved case began: within about one SLA of now, with a tail past it (an honest backlog), and never
 * before the post existed.
 */
export function openStart(ctx: SeedContext, queue: QueueKind, post: PostRow | null): Date {
  const nowMs = ctx.now.getTime();
  const ageHours = queueSlaHours[queue] * 1.3 * ctx.rng.next() ** 1.6;
  let at = nowMs - ageHours * HOUR;
  if (post) {
    const earliest = post.createdAt.getTime() + ctx.rng.int(2, 40) * MINUTE;
    if (earliest > at) at = Math.min(earliest, nowMs - ctx.rng.int(1, 20) * MINUTE);
    at = Math.max(at, post.createdAt.getTime() + MINUTE);
  }
  return new Date(Math.min(at, nowMs - MINUTE));
}

/** When a resolved case began and ended: days to weeks ago, after the post, closed within a few SLAs. */
export function resolvedSpan(ctx: SeedContext, queue: QueueKind, post: PostRow | null): { start: Date; end: Date } {
  const nowMs = ctx.now.getTime();
  const floor = post ? post.createdAt.getTime() + MINUTE : nowMs - 40 * 24 * HOUR;
  const earliest = post ? post.createdAt.getTime() + ctx.rng.int(2, 600) * MINUTE : floor;
  const latest = nowMs - 6 * HOUR;
  // a post from the last few hours can only have been settled quickly
  const drawn = earliest >= latest ? earliest : earliest + (latest - earliest) * ctx.rng.next() ** 0.7;
  const start = Math.max(floor, Math.min(drawn, nowMs - 2 * MINUTE));
  const end = Math.min(nowMs - MINUTE, start + queueSlaHours[queue] * ctx.rng.float(0.05, 1.4) * HOUR);
  return { start: new Date(start), end: new Date(Math.max(end, start + 30_000)) };
}

/** A time between `from` and `to`, never after now. */
export function between(ctx: SeedContext, from: Date, to: Date = ctx.now): Date {
  const nowMs = ctx.now.getTime();
  const a = Math.min(from.getTime(), nowMs);
  const b = Math.min(to.getTime(), nowMs);
  return new Date(b <= a ? a : a + (b - a) * ctx.rng.next());
}

export function decideActor(ctx: SeedContext): string {
  return ctx.rng.pick(moderators(ctx)).id;
}

export function postSubject(post: PostRow) {
  return { type: "post" as const, post };
}

export function lastSignalAt(draft: CaseDraft): Date {
  return draft.signals.reduce((m, s) => (s.occurredAt > m ? s.occurredAt : m), draft.row.createdAt);
}
