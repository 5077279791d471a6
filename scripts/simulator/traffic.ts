// The traffic generator: a small platform that grows as it runs (sign-ups, cameos, posts, remixes) and produces
// the signals a trust-and-safety team sees. Every event only references what an earlier event created, so the
// stream can be cut into batches anywhere and sent in order.
import type { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { TrafficContext } from "./context.ts";
import {
  addAppearance,
  changeCameoPermission,
  changeGrant,
  deletePost,
  newAccount,
  newCameo,
  publishPost,
  updateAccount,
  updatePostCounts,
} from "./content.ts";
import { fileLikenessComplaint, requestTakedown } from "./legal.ts";
import { Rng } from "./random.ts";
import { AppealPlanner, fileReport, raiseFlag } from "./signals.ts";
import { World } from "./world.ts";

export interface TrafficOptions {
  /** distinguishes this run's ids and handles from earlier runs against the same Vigil; none = "sim-<seed>-…" */
  run?: string;
  /** the clock for occurredAt and createdAt; tests pass a fixed one */
  now?: () => Date;
  /** the URL of a post's original file (e.g. from the local media host); none: posts carry no media */
  mediaUrl?: (postNumber: number) => string;
}

export interface Traffic {
  readonly seed: number;
  /** the platform's state, also where the webhook receiver applies Vigil's decisions */
  readonly world: World;
  /** the next event; each one only references ids created by earlier events */
  next(): PlatformEvent;
  take(count: number): PlatformEvent[];
  /**
   * The platform refused an upload it had just generated (its file matched a bank): the post never exists, so
   * nothing later refers to it, and the events queued with it (a classifier's flag, say) are dropped.
   */
  refuse(postId: string): void;
  /** events handed out so far, by type */
  readonly byType: Readonly<Record<string, number>>;
  readonly generated: number;
}

type Action = (ctx: TrafficContext) => boolean;

/** Relative frequency of each kind of activity once the world has some accounts and posts. */
const ACTIONS: readonly (readonly [Action, number])[] = [
  [(ctx) => (newAccount(ctx, false), true), 6],
  [updateAccount, 1],
  [newCameo, 3],
  [changeCameoPermission, 0.7],
  [changeGrant, 3],
  [publishPost, 30],
  [updatePostCounts, 8],
  [deletePost, 0.6],
  [addAppearance, 1.5],
  [raiseFlag, 14],
  [fileReport, 14],
  [fileLikenessComplaint, 2],
  [requestTakedown, 1.5],
];

const FOUNDING_ACCOUNTS = 25;
const FOUNDING_POSTS = 15;

export function createTraffic(seed: number, options: TrafficOptions = {}): Traffic {
  const rng = new Rng(`vigil-simulator:${seed}`);
  const world = new World();
  const prefix = options.run ? `sim-${seed}-${options.run}` : `sim-${seed}`;
  const ctx = new TrafficContext(
    rng,
    world,
    options.now ?? (() => new Date()),
    prefix,
    options.run ? `.${options.run}` : "",
    options.mediaUrl,
  );
  const appeals = new AppealPlanner();
  const byType: Record<string, number> = {};
  let generated = 0;

  const produce = () => {
    appeals.consider(ctx, generated);
    if (appeals.fileDue(ctx, generated)) return;
    const founding = world.accounts.length < FOUNDING_ACCOUNTS;
    if (founding) return newAccount(ctx, true);
    if (world.posts.length < FOUNDING_POSTS && publishPost(ctx)) return;
    // An action may find nothing to act on (no active cameo yet, say); then another is drawn.
    for (let attempt = 0; attempt < 20; attempt++) {
      if (rng.weighted(ACTIONS)(ctx)) return;
    }
    // A world where nothing fits any more (every account suspended, for instance) still grows.
    newAccount(ctx, false);
  };

  const next = (): PlatformEvent => {
    while (ctx.queue.length === 0) produce();
    const event = ctx.queue.shift()!;
    generated++;
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    return event;
  };

  return {
    seed,
    world,
    next,
    take: (count) => Array.from({ length: count }, next),
    refuse(postId) {
      const post = world.postById.get(postId);
      if (post) post.visibility = "deleted";
      const quoted = JSON.stringify(postId);
      for (let i = ctx.queue.length - 1; i >= 0; i--) {
        if (JSON.stringify(ctx.queue[i]!.data).includes(quoted)) ctx.queue.splice(i, 1);
      }
    },
    byType,
    get generated() {
      return generated;
    },
  };
}
