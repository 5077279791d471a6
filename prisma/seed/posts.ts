// Posts: mostly ordinary generations, a share that plausibly trips policies, remix chains, cameo appearances,
// and re-uploads (exact copies and re-encoded near-copies) so hash matching has something to find.
import type { Prisma } from "../../server/db/generated/client.ts";
import type { Category } from "../../server/domain/cases/priority.ts";
import type { CameosResult } from "./cameos.ts";
import { basePrompt, remixPrompt, riskyPrompt, transcriptFor } from "./prompts.ts";
import { flipBits, padId, type Rng } from "./random.ts";
import type { AccountRow, PostRow } from "./world.ts";

export const KEYFRAMES_PER_POST = 4;

export const posterUrl = (postId: string) => `/media/posts/${postId}/poster.svg`;
export const keyframeUrl = (postId: string, index: number) => `/media/posts/${postId}/keyframes/${index}.svg`;

const RISK: readonly (readonly [Category, number])[] = [
  ["violence", 18],
  ["hate", 9],
  ["self_harm", 5],
  ["ncii", 7],
  ["deepfake_nonconsensual", 10],
  ["likeness_misuse", 7],
  ["impersonation", 5],
  ["harassment", 8],
  ["minor_safety", 4],
  ["csam_suspected", 1],
  ["scam", 8],
  ["spam", 10],
  ["copyright", 8],
];
const NEEDS_PERSON = new Set<Category>(["ncii", "deepfake_nonconsensual", "likeness_misuse", "harassment"]);

export interface PostsResult {
  posts: PostRow[];
  keyframes: Prisma.PostKeyframeCreateManyInput[];
  appearances: Prisma.CameoAppearanceCreateManyInput[];
  /** the policy area a post's prompt leans towards, when it does */
  risk: Map<string, Category>;
  /** re-upload → original, and whether the copy is byte-identical */
  copies: Map<string, { of: string; exact: boolean }>;
  /** posts that use a cameo without (or after losing) permission, with the cameo */
  misusedCameo: Map<string, string>;
}

export function keyframesFor(rng: Rng, postId: string, durationMs: number, basePhash?: string[]) {
  const rows: Prisma.PostKeyframeCreateManyInput[] = [];
  let phash = rng.hex(64);
  for (let index = 0; index < KEYFRAMES_PER_POST; index++) {
    // frames of one clip resemble each other; a re-encoded copy is a few bits away from the original frame
    phash = basePhash
      ? flipBits(rng, basePhash[index]!, rng.int(3, 10))
      : index === 0
        ? phash
        : flipBits(rng, phash, 40);
    rows.push({
      postId,
      index,
      atMs: keyframeAtMs(durationMs, index),
      imageUrl: keyframeUrl(postId, index),
      phash,
    });
  }
  return rows;
}

export function buildPosts(
  rng: Rng,
  now: Date,
  accounts: AccountRow[],
  cameos: CameosResult,
  count: number,
): PostsResult {
  const nowMs = now.getTime();
  const creators = rng.sample(accounts, Math.round(accounts.length * 0.6));
  const ownCameo = new Map(cameos.cameos.map((c) => [c.ownerId, c]));
  const handleOf = new Map(accounts.map((a) => [a.id, a.handle]));
  const cameoById = new Map(cameos.cameos.map((c) => [c.id, c]));
  const cameosOfPost = new Map<string, string>();
  const activeCameos = cameos.cameos.filter((c) => c.status === "active");
  const everyone = activeCameos.filter((c) => c.permission === "everyone");
  const granted = new Map<string, string[]>();
  for (const g of cameos.grants) {
    if (g.status === "active") granted.set(g.granteeId, [...(granted.get(g.granteeId) ?? []), g.cameoId]);
  }

  const drafts = Array.from({ length: count }, () => {
    const creator = creators[rng.skewedIndex(creators.length)]!;
    const span = Math.max(3_600_000, nowMs - creator.createdAt.getTime() - 600_000);
    // activity grows with the app: ages are skewed towards now
    return { creator, createdAt: nowMs - 300_000 - span * rng.next() ** 2 };
  }).sort((a, b) => a.createdAt - b.createdAt);

  const result: PostsResult = {
    posts: [],
    keyframes: [],
    appearances: [],
    risk: new Map(),
    copies: new Map(),
    misusedCameo: new Map(),
  };
  const phashes = new Map<string, string[]>();
  drafts.forEach((d, i) => {
    const id = padId("post", i + 1);
    const creatorId = d.creator.id;
    const durationMs = rng.int(4000, 20000);
    const createdAt = new Date(d.createdAt);

    const earlier = result.posts;
    const copyRoll = rng.next();
    if (i > 50 && copyRoll < 0.06) {
      const original = earlier[rng.int(0, earlier.length - 1)]!;
      const exact = copyRoll < 0.03;
      result.copies.set(id, { of: original.id, exact });
      const risk = result.risk.get(original.id);
      if (risk) result.risk.set(id, risk);
      result.posts.push({
        id,
        creatorId,
        prompt: original.prompt,
        transcript: original.transcript ?? null,
        durationMs: original.durationMs,
        videoUrl: null,
        posterUrl: posterUrl(id),
        viewCount: rng.pareto(5, 1.2, 400_000),
        remixCount: 0,
        hasC2pa: false,
        hasWatermark: !exact && rng.chance(0.2),
        contentHash: exact ? original.contentHash : rng.hex(64),
        createdAt,
      });
      const base = phashes.get(original.id)!;
      const frames = exact
        ? base.map((phash, index) => ({
            postId: id,
            index,
            atMs: keyframeAtMs(original.durationMs, index),
            imageUrl: keyframeUrl(id, index),
            phash,
          }))
        : keyframesFor(rng, id, original.durationMs, base);
      phashes.set(
        id,
        frames.map((f) => f.phash),
      );
      result.keyframes.push(...frames);
      // a copy shows the same people as the original
      const copiedCameo = cameosOfPost.get(original.id);
      if (copiedCameo) {
        cameosOfPost.set(id, copiedCameo);
        result.appearances.push({ postId: id, cameoId: copiedCameo });
      }
      return;
    }

    // pick a cameo: mostly one the creator may use, occasionally one they may not
    let cameoId: string | null = null;
    if (rng.chance(0.3)) {
      const mine = ownCameo.get(creatorId);
      const options = [...(mine && mine.status === "active" ? [mine.id] : []), ...(granted.get(creatorId) ?? [])];
      if (rng.chance(0.06)) {
        const c = rng.pick(activeCameos);
        if (!cameos.allowedUsers.get(c.id)?.has(creatorId) && c.permission !== "everyone") {
          cameoId = c.id;
          result.misusedCameo.set(id, c.id);
        }
      } else if (options.length > 0 && rng.chance(0.6)) cameoId = rng.pick(options);
      else if (everyone.length > 0) cameoId = rng.pick(everyone).id;
    }
    const cameo = cameoId ? cameoById.get(cameoId) : undefined;
    const cameoHandle = cameo ? handleOf.get(cameo.ownerId) : undefined;

    let prompt: string;
    let remixOfId: string | null = null;
    if (i > 20 && rng.chance(0.18)) {
      let parent = earlier[rng.int(0, earlier.length - 1)]!;
      for (let k = 0; k < 3; k++) {
        const other = earlier[rng.int(0, earlier.length - 1)]!;
        if (other.viewCount > parent.viewCount) parent = other;
      }
      remixOfId = parent.id;
      parent.remixCount += 1;
      prompt = remixPrompt(rng, parent.prompt);
      const risk = result.risk.get(parent.id);
      if (risk && rng.chance(0.5)) result.risk.set(id, risk);
    } else if (rng.chance(0.22)) {
      let category = rng.weighted(RISK);
      if (NEEDS_PERSON.has(category) && !cameoHandle && rng.chance(0.5)) category = "violence";
      result.risk.set(id, category);
      prompt = riskyPrompt(rng, category, cameoHandle);
    } else {
      prompt = basePrompt(rng, cameoHandle);
    }
    if (cameoHandle && !prompt.includes(`@${cameoHandle}`)) prompt = `@${cameoHandle} in ${prompt}`;

    result.posts.push({
      id,
      creatorId,
      prompt,
      transcript: transcriptFor(rng),
      durationMs,
      videoUrl: null,
      posterUrl: posterUrl(id),
      remixOfId,
      viewCount: rng.pareto(20, 1.05, 9_000_000),
      remixCount: 0,
      hasC2pa: rng.chance(0.97),
      hasWatermark: rng.chance(0.96),
      contentHash: rng.hex(64),
      createdAt,
    });
    const frames = keyframesFor(rng, id, durationMs);
    phashes.set(
      id,
      frames.map((f) => f.phash),
    );
    result.keyframes.push(...frames);
    if (cameoId) {
      cameosOfPost.set(id, cameoId);
      result.appearances.push({ postId: id, cameoId });
    }
  });
  return result;
}

export function keyframeAtMs(durationMs: number, index: number): number {
  return Math.round((durationMs * (index + 0.5)) / KEYFRAMES_PER_POST);
}
