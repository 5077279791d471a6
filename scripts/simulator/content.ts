// Platform activity that creates or changes things: sign-ups, cameos, grants, posts, remixes, view counts.
import type { Category } from "../../server/domain/cases/priority.ts";
import type { TrafficContext } from "./context.ts";
import type { SimCameo, SimPost } from "./world.ts";
import {
  CAMEO_PROMPTS,
  CAMEO_RESTRICTIONS,
  COUNTRIES,
  FIRST_NAMES,
  HANDLE_WORDS,
  LAST_NAMES,
  PROMPT_ACTIONS,
  PROMPT_SETTINGS,
  PROMPT_STYLES,
  PROMPT_SUBJECTS,
  RISKY_PROMPTS,
  TRANSCRIPT_LINES,
} from "./vocabulary.ts";
import { flagPost } from "./signals.ts";

const DAY_MS = 86_400_000;

/** How often each kind of problem shows up among problem posts: the worst are also the rarest. */
export const PROBLEM_WEIGHTS: readonly (readonly [Category, number])[] = [
  ["csam_suspected", 0.1],
  ["minor_safety", 0.5],
  ["ncii", 1],
  ["deepfake_nonconsensual", 1.5],
  ["self_harm", 0.7],
  ["violence", 1.5],
  ["hate", 1],
  ["likeness_misuse", 1.5],
  ["impersonation", 1],
  ["harassment", 1.5],
  ["scam", 1.5],
  ["copyright", 1.5],
  ["spam", 2],
];

export function newAccount(ctx: TrafficContext, established: boolean): void {
  const { rng } = ctx;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const id = ctx.newId("a");
  const base = rng.pick([
    `${first}.${last}`.toLowerCase(),
    `${first.toLowerCase()}${rng.pick(HANDLE_WORDS)}`,
    `${first.toLowerCase()}_${last.slice(0, 1).toLowerCase()}`,
  ]);
  const handle = `${base}${ctx.count("a")}${ctx.handleSuffix}`;
  // The first accounts joined before the simulation started; later ones are signing up right now.
  const createdAt = established ? ctx.iso(-rng.int(1, 400) * DAY_MS) : ctx.iso();
  const account = { id, handle, displayName: `${first} ${last}`, country: rng.weighted(COUNTRIES), createdAt };
  ctx.world.addAccount({ ...account, status: "active", warnings: 0 });
  ctx.emit("account.upserted", { ...account, status: "active" });
}

/** A profile edit, or now and then the user deleting their account. */
export function updateAccount(ctx: TrafficContext): boolean {
  const account = ctx.world.activeAccount(ctx.rng);
  if (!account) return false;
  if (ctx.rng.chance(0.1)) account.status = "deleted";
  else account.displayName = `${ctx.rng.pick(FIRST_NAMES)} ${account.displayName.split(" ").at(-1) ?? ""}`.trim();
  const { id, handle, displayName, country, createdAt, status } = account;
  ctx.emit("account.upserted", { id, handle, displayName, country, createdAt, status });
  return true;
}

export function newCameo(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  const owner = world.activeAccount(rng);
  if (!owner || owner.cameoId) return false;
  const cameo: SimCameo = {
    id: ctx.newId("c"),
    ownerId: owner.id,
    permission: rng.weighted([
      ["only_me", 2],
      ["approved", 3],
      ["mutuals", 2],
      ["everyone", 2],
    ] as const),
    status: "active",
    restrictions: rng.chance(0.5) ? rng.pick(CAMEO_RESTRICTIONS) : undefined,
    verifiedAt: rng.chance(0.8) ? ctx.iso(-rng.int(0, 30) * DAY_MS) : undefined,
    createdAt: ctx.iso(),
    grants: new Map(),
    postIds: [],
  };
  owner.cameoId = cameo.id;
  world.addCameo(cameo);
  emitCameo(ctx, cameo);
  return true;
}

/** Owners tighten their setting after abuse more often than they loosen it. */
export function changeCameoPermission(ctx: TrafficContext): boolean {
  const cameo = ctx.world.activeCameo(ctx.rng);
  if (!cameo) return false;
  cameo.permission = ctx.rng.weighted([
    ["only_me", 3],
    ["approved", 2],
    ["mutuals", 1],
    ["everyone", 1],
  ] as const);
  emitCameo(ctx, cameo);
  return true;
}

/** An upsert carries the whole cameo, so an update repeats what did not change. */
function emitCameo(ctx: TrafficContext, cameo: SimCameo): void {
  const { id, ownerId, permission, restrictions, verifiedAt, createdAt } = cameo;
  ctx.emit("cameo.upserted", { id, ownerId, permission, restrictions, verifiedAt, createdAt });
}

export function changeGrant(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  const cameo = world.activeCameo(rng, (c) => c.permission === "approved" || c.permission === "mutuals");
  if (!cameo) return false;
  const existing = [...cameo.grants.entries()];
  if (existing.length > 0 && rng.chance(0.2)) {
    const [granteeId, grantId] = rng.pick(existing);
    cameo.grants.delete(granteeId);
    ctx.emit("cameo.grant.changed", {
      id: grantId,
      cameoId: cameo.id,
      granteeId,
      status: "revoked",
      changedAt: ctx.iso(),
    });
    return true;
  }
  const grantee = world.activeAccount(rng, cameo.ownerId);
  if (!grantee || cameo.grants.has(grantee.id)) return false;
  const pair = `${cameo.id} ${grantee.id}`;
  const grantId = world.grantIdByPair.get(pair) ?? ctx.newId("g");
  world.grantIdByPair.set(pair, grantId);
  cameo.grants.set(grantee.id, grantId);
  world.grantById.set(grantId, { cameoId: cameo.id, granteeId: grantee.id });
  ctx.emit("cameo.grant.changed", {
    id: grantId,
    cameoId: cameo.id,
    granteeId: grantee.id,
    status: "active",
    changedAt: ctx.iso(),
  });
  return true;
}

function fill(ctx: TrafficContext, template: string, cameoName: string): string {
  const { rng } = ctx;
  return template
    .replaceAll("{cameo}", cameoName)
    .replaceAll("{setting}", rng.pick(PROMPT_SETTINGS))
    .replaceAll("{style}", rng.pick(PROMPT_STYLES));
}

export function publishPost(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  const creator = world.activeAccount(rng);
  if (!creator) return false;
  const parent = world.posts.length > 0 && rng.chance(0.25) ? world.publicPost(rng) : undefined;
  const usable = rng.chance(0.3) ? world.usableCameos(creator.id) : [];
  const cameo = usable.length > 0 ? rng.pick(usable) : undefined;
  const cameoName = cameo
    ? (world.accountById.get(cameo.ownerId)?.displayName ?? "my friend")
    : "a woman who looks like a famous singer";

  // A few uploads are copies of something already removed: the hash bank should recognise them.
  const source = rng.chance(0.03) ? world.removedPost(rng) : undefined;
  const problem: Category | undefined =
    source?.problem ?? (rng.chance(0.07) ? rng.weighted(PROBLEM_WEIGHTS) : undefined);

  let prompt: string;
  if (problem) prompt = fill(ctx, rng.pick(RISKY_PROMPTS[problem]), cameoName);
  else if (cameo && rng.chance(0.6)) prompt = fill(ctx, rng.pick(CAMEO_PROMPTS), cameoName);
  else
    prompt = `${rng.pick(PROMPT_SUBJECTS)} ${rng.pick(PROMPT_ACTIONS)} ${rng.pick(PROMPT_SETTINGS)}, ${rng.pick(PROMPT_STYLES)}`;
  if (parent) prompt = `remix: ${prompt}`;

  const durationMs = rng.int(3, 25) * 1000;
  const like = source ?? parent;
  const phashes = Array.from({ length: 4 }, (_, i) => {
    const base = like?.phashes[i];
    return base ? rng.mutateHex(base, source ? 1 : 6) : rng.hex(64);
  });
  const post: SimPost = {
    id: ctx.newId("p"),
    creatorId: creator.id,
    cameoIds: cameo ? [cameo.id] : [],
    visibility: "public",
    views: 0,
    remixes: 0,
    contentHash: source?.contentHash ?? rng.hex(64),
    phashes,
    durationMs,
    problem,
  };
  world.addPost(post);
  if (cameo) cameo.postIds.push(post.id);
  if (parent) parent.remixes++;
  ctx.emit("post.published", {
    id: post.id,
    creatorId: creator.id,
    prompt,
    transcript: rng.chance(0.6) ? `${rng.pick(TRANSCRIPT_LINES)} ${rng.pick(TRANSCRIPT_LINES)}` : undefined,
    durationMs,
    remixOfId: parent?.id,
    contentHash: post.contentHash,
    ...(ctx.mediaUrl ? { media: { url: ctx.mediaUrl(ctx.count("p")), mimeType: "video/mp4" } } : {}),
    keyframes: phashes.map((phash, index) => ({
      index,
      atMs: Math.floor((durationMs * index) / phashes.length),
      phash,
    })),
    cameoIds: [...post.cameoIds],
    hasC2pa: rng.chance(0.9),
    hasWatermark: rng.chance(0.85),
    viewCount: 0,
    remixCount: 0,
    createdAt: ctx.iso(),
  });
  // Classifiers run at upload: most problem posts are caught at once, and a few clean ones are false positives.
  if (problem ? rng.chance(0.6) : rng.chance(0.03)) flagPost(ctx, post);
  return true;
}

/** View and remix counters grow; a post occasionally goes viral, which matters for priority. */
export function updatePostCounts(ctx: TrafficContext): boolean {
  const post = ctx.world.publicPost(ctx.rng);
  if (!post) return false;
  post.views += ctx.rng.chance(0.05) ? ctx.rng.int(10_000, 500_000) : ctx.rng.int(5, 2_000);
  ctx.emit("post.updated", { id: post.id, viewCount: post.views, remixCount: post.remixes });
  return true;
}

export function deletePost(ctx: TrafficContext): boolean {
  const post = ctx.world.publicPost(ctx.rng);
  if (!post) return false;
  post.visibility = "deleted";
  ctx.emit("post.deleted", { id: post.id });
  return true;
}

/** The platform's face matching finds a cameo in a post that did not tag it. */
export function addAppearance(ctx: TrafficContext): boolean {
  const { rng, world } = ctx;
  const cameo = world.activeCameo(rng);
  const post = cameo && world.publicPost(rng, (p) => !p.cameoIds.includes(cameo.id) && p.cameoIds.length < 16);
  if (!cameo || !post) return false;
  post.cameoIds.push(cameo.id);
  cameo.postIds.push(post.id);
  ctx.emit("cameo.appearance.added", { postId: post.id, cameoId: cameo.id });
  return true;
}
