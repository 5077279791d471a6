// Signals about content: classifier flags, user reports and appeals against Vigil's decisions.
import type { REPORT_REASONS } from "../../server/contracts/platform-events.ts";
import { CATEGORIES, type Category } from "../../server/domain/cases/priority.ts";
import type { TrafficContext } from "./context.ts";
import type { SimPost } from "./world.ts";
import { APPEAL_TEXTS, REPORT_TEXTS } from "./vocabulary.ts";

type ReportReason = (typeof REPORT_REASONS)[number];

/** Which classifier watches for which category; the names are what a platform's model registry would use. */
export const MODEL_FOR: Record<Category, string> = {
  csam_suspected: "vigil-nsfw-v3",
  minor_safety: "vigil-nsfw-v3",
  ncii: "vigil-nsfw-v3",
  deepfake_nonconsensual: "likeness-match-v2",
  likeness_misuse: "likeness-match-v2",
  impersonation: "likeness-match-v2",
  self_harm: "vigil-violence-v2",
  violence: "vigil-violence-v2",
  hate: "vigil-hate-v1",
  harassment: "vigil-hate-v1",
  scam: "vigil-spam-v4",
  spam: "vigil-spam-v4",
  copyright: "content-id-v1",
};

/** The report reasons users pick when they see a post with this problem. */
const REASONS_FOR: Record<Category, readonly ReportReason[]> = {
  csam_suspected: ["sexual_minor"],
  minor_safety: ["sexual_minor", "other"],
  ncii: ["nudity", "deepfake"],
  deepfake_nonconsensual: ["deepfake", "likeness"],
  likeness_misuse: ["likeness", "impersonation"],
  impersonation: ["impersonation", "deepfake"],
  self_harm: ["self_harm"],
  violence: ["violence"],
  hate: ["hate", "harassment"],
  harassment: ["harassment"],
  scam: ["scam", "spam"],
  spam: ["spam"],
  copyright: ["copyright"],
};

/** What people report about ordinary posts: mostly noise, the mix a real queue has. */
const NOISE_REASONS: readonly (readonly [ReportReason, number])[] = [
  ["spam", 4],
  ["other", 4],
  ["harassment", 2],
  ["nudity", 1],
  ["deepfake", 1],
  ["likeness", 1],
  ["hate", 1],
  ["copyright", 1],
  ["impersonation", 1],
  ["violence", 0.5],
  ["scam", 0.5],
];

/** A flag on `post`: confident when the post really has a problem, a borderline false positive otherwise. */
export function flagPost(ctx: TrafficContext, post: SimPost): void {
  const { rng } = ctx;
  const category = post.problem ?? rng.pick(CATEGORIES.filter((c) => c !== "csam_suspected"));
  const score = post.problem ? rng.float(0.62, 0.995) : rng.float(0.2, 0.7);
  const frames = Array.from({ length: rng.int(0, 4) }, (_, i) => ({
    atMs: Math.floor((post.durationMs * (i + 0.5)) / 4),
    score: round(Math.max(0, score - rng.float(0, 0.25))),
  }));
  ctx.emit("flag.raised", { postId: post.id, model: MODEL_FOR[category], category, score: round(score), frames });
}

export function raiseFlag(ctx: TrafficContext): boolean {
  const post = (ctx.rng.chance(0.6) ? ctx.world.troubledPost(ctx.rng) : undefined) ?? ctx.world.publicPost(ctx.rng);
  if (!post) return false;
  flagPost(ctx, post);
  return true;
}

export function fileReport(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  const kind = rng.weighted([
    ["post", 80],
    ["account", 13],
    ["cameo", 7],
  ] as const);
  let subject: { type: "post" | "account" | "cameo"; id: string };
  let reason: ReportReason;
  let ownerId: string;
  if (kind === "post") {
    // Problem posts draw most reports, and from many different people: that is what moves them up a queue.
    const post = (rng.chance(0.55) ? world.troubledPost(rng) : undefined) ?? world.publicPost(rng);
    if (!post) return false;
    subject = { type: "post", id: post.id };
    reason = post.problem ? rng.pick(REASONS_FOR[post.problem]) : rng.weighted(NOISE_REASONS);
    ownerId = post.creatorId;
  } else if (kind === "account") {
    const account = world.activeAccount(rng);
    if (!account) return false;
    subject = { type: "account", id: account.id };
    reason = rng.weighted([
      ["impersonation", 3],
      ["spam", 3],
      ["harassment", 2],
      ["scam", 1],
      ["other", 1],
    ] as const);
    ownerId = account.id;
  } else {
    const cameo = world.activeCameo(rng);
    if (!cameo) return false;
    subject = { type: "cameo", id: cameo.id };
    reason = rng.weighted([
      ["impersonation", 2],
      ["likeness", 2],
      ["deepfake", 1],
    ] as const);
    ownerId = cameo.ownerId;
  }
  const reporter = world.activeAccount(rng, ownerId);
  if (!reporter) return false;
  const texts = REPORT_TEXTS[reason];
  const text = texts && rng.chance(0.6) ? rng.pick(texts) : undefined;
  ctx.emit("report.filed", { subject, reporterId: reporter.id, reason, text });
  return true;
}

/** Some users contest what Vigil decided about them, a while after hearing of it. */
export class AppealPlanner {
  private readonly due: { atEvent: number; decisionId: string; appellantId: string }[] = [];

  /** Looks at newly received decisions; call once per generated event. */
  consider(ctx: TrafficContext, eventCount: number): void {
    const decision = ctx.world.newDecisions.shift();
    if (decision && ctx.rng.chance(0.25)) this.due.push({ ...decision, atEvent: eventCount + ctx.rng.int(5, 300) });
  }

  /** Files the first appeal that is due, if any. */
  fileDue(ctx: TrafficContext, eventCount: number): boolean {
    const index = this.due.findIndex((a) => a.atEvent <= eventCount);
    if (index < 0) return false;
    const [appeal] = this.due.splice(index, 1);
    const appellant = appeal && ctx.world.accountById.get(appeal.appellantId);
    // Deleted accounts do not appeal; suspended ones do (contesting the suspension is the point).
    if (!appeal || !appellant || appellant.status === "deleted") return false;
    ctx.emit("appeal.filed", {
      decisionId: appeal.decisionId,
      appellantId: appeal.appellantId,
      text: ctx.rng.pick(APPEAL_TEXTS),
    });
    return true;
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
