// The demo world: ~2,000 accounts, ~3,000 posts, cameos, a realistic moderation backlog and history, legal
// requests and invite waves. Deterministic for a given base time; written in one transaction.
import type { Database } from "../../server/db/client.ts";
import { hashPassword } from "../../server/domain/auth/password.ts";
import { buildAccounts, pickSanctioned } from "./accounts.ts";
import { appeals } from "./appeals.ts";
import { buildCameos } from "./cameos.ts";
import { CaseBook } from "./cases.ts";
import type { SeedContext } from "./context.ts";
import { DecisionLog } from "./decisions.ts";
import { writeWorld } from "./insert.ts";
import { seedLikenessScenario } from "./likeness-scenario.ts";
import { seedHashMatchScenario } from "./hash-match-scenario.ts";
import { demoClipPrompts, prepareDemoMedia, seedDemoMedia, type DemoMediaOptions } from "./demo-media.ts";
import { buildInvites } from "./invites.ts";
import { escalations, flaggedGenerations, hashBank } from "./moderation.ts";
import { buildPosts } from "./posts.ts";
import { DAY, Rng } from "./random.ts";
import { seedReferenceData } from "../../server/domain/reference/reference-data.ts";
import { deepfakeReports, likenessComplaints, sanctions, userReports } from "./report-queues.ts";
import { buildStaff, DEMO_STAFF } from "./staff.ts";
import { takedowns } from "./takedowns.ts";
import type { PolicyRef, World } from "./world.ts";

/** Written in the same transaction as everything else, so its presence means the whole demo is there. */
export const DEMO_MARKER_ACCOUNT = "acc_000001";

export const DEMO_SIZE = { accounts: 2000, posts: 3000, cameos: 300 } as const;

export interface DemoCredential {
  role: "moderator" | "staff" | "admin";
  email: string;
  password: string;
}

/** The fixed demo sign-ins (the server prints them when it starts on a demo database). */
export const DEMO_CREDENTIALS: DemoCredential[] = DEMO_STAFF.map(({ role, email, password }) => ({
  role,
  email,
  password,
}));

export async function isDemoSeeded(db: Database): Promise<boolean> {
  return (await db.prisma.account.findUnique({ where: { id: DEMO_MARKER_ACCOUNT }, select: { id: true } })) !== null;
}

/** Builds every row in memory. Pure apart from the clock value passed in. */
export function buildDemoWorld(now: Date, policies: PolicyRef[]): World {
  const root = new Rng("vigil-demo-v1");
  const staff = buildStaff(root.fork("staff"), now.getTime() - 200 * DAY);
  const { accounts, reporters, founders } = buildAccounts(root.fork("accounts"), now, DEMO_SIZE.accounts);
  const { banned, suspended } = pickSanctioned(root.fork("sanctions"), accounts, founders);
  const cameos = buildCameos(root.fork("cameos"), now, accounts, DEMO_SIZE.cameos);
  const postsResult = buildPosts(root.fork("posts"), now, accounts, cameos, DEMO_SIZE.posts);
  const posts = postsResult.posts;

  const world: World = {
    now,
    staff,
    accounts,
    posts,
    keyframes: postsResult.keyframes,
    cameos: cameos.cameos,
    grants: cameos.grants,
    appearances: postsResult.appearances,
    cases: [],
    signals: [],
    notes: [],
    decisions: [],
    appeals: [],
    takedowns: [],
    takedownPosts: [],
    counterNotices: [],
    hashEntries: [],
    waves: [],
    batches: [],
    codes: [],
    redemptions: [],
  };

  const rng = root.fork("moderation");
  const removed = new Set<string>();
  // creators delete a few ordinary posts themselves
  for (const p of posts) {
    if (!postsResult.risk.has(p.id) && rng.chance(0.01)) {
      p.visibility = "deleted";
      removed.add(p.id);
    }
  }
  const cameosOfPost = new Map<string, string[]>();
  for (const a of postsResult.appearances)
    cameosOfPost.set(a.postId, [...(cameosOfPost.get(a.postId) ?? []), a.cameoId]);
  const index = {
    posts: new Map(posts.map((p) => [p.id, p])),
    accounts: new Map(accounts.map((a) => [a.id, a])),
    cameos: new Map(cameos.cameos.map((c) => [c.id, c])),
    cameosOfPost,
  };
  const book = new CaseBook(rng, now, index);
  const roles = new Map(staff.map((s) => [s.id, s.role]));
  const decisions = new DecisionLog(rng, new Map(policies.map((p) => [p.code, p])), (id) => roles.get(id));
  const ctx: SeedContext = {
    rng,
    now,
    book,
    decisions,
    accounts,
    posts,
    postsResult,
    cameos,
    reporters,
    staff,
    world,
    removed,
  };

  // history first, so the open backlog never sits on content that was already removed
  sanctions(
    ctx,
    banned.map((a) => a.id),
    suspended.map((a) => a.id),
  );
  flaggedGenerations(ctx, 140, true);
  userReports(ctx, 90, true);
  deepfakeReports(ctx, 30, true);
  likenessComplaints(ctx, 25, true);
  takedowns(ctx, "closed");
  hashBank(ctx, phashesByPost(world));
  appeals(ctx, { open: 24, upheld: 7, overturned: 5 });

  flaggedGenerations(ctx, 430, false);
  userReports(ctx, 170, false);
  deepfakeReports(ctx, 90, false);
  likenessComplaints(ctx, 70, false);
  takedowns(ctx, "open");
  escalations(ctx, 12);

  countReports(ctx);
  decisions.apply(index.posts, index.accounts);
  const { cases, signals } = book.finalize();
  world.cases = cases;
  world.signals = signals;
  world.decisions = decisions.rows;

  const admin = staff.find((s) => s.role === "admin")!;
  const sanctioned = new Set([...banned, ...suspended].map((a) => a.id));
  buildInvites(root.fork("invites"), now, accounts, founders, admin, sanctioned, world);
  return world;
}

function phashesByPost(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of world.keyframes) out.set(k.postId, [...(out.get(k.postId) ?? []), k.phash]);
  return out;
}

/** Reporter accuracy counters include the reports in the console: filed, and actioned when a decision acted. */
function countReports(ctx: SeedContext): void {
  const acted = new Set(ctx.decisions.rows.filter((d) => d.type !== "dismiss" && d.caseId).map((d) => d.caseId!));
  for (const draft of ctx.book.drafts) {
    for (const s of draft.signals) {
      if (!s.reporterId || s.kind === "classifier_flag") continue;
      const account = ctx.book.index.accounts.get(s.reporterId)!;
      account.reportsFiled = (account.reportsFiled ?? 0) + 1;
      if (acted.has(draft.row.id)) account.reportsActioned = (account.reportsActioned ?? 0) + 1;
    }
  }
}

/**
 * Seeds the demo world. With `media`, every post gets a playable clip (made with ffmpeg, processed by the real
 * pipeline); without it posts have no media (tests that need none stay fast).
 */
export async function seedDemo(
  db: Database,
  options: { now?: Date; media?: DemoMediaOptions } = {},
): Promise<{ credentials: DemoCredential[] }> {
  const now = options.now ?? new Date();
  await seedReferenceData(db);
  const policies = await db.prisma.policy.findMany();
  const world = buildDemoWorld(now, policies);
  // ffmpeg works on the clips in child processes while the world is written
  const media = options.media ? prepareDemoMedia(options.media, demoClipPrompts(world.posts)) : null;
  media?.catch(() => undefined);
  const hashes = await Promise.all(world.staff.map((s) => hashPassword(s.password)));
  const created = await writeWorld(db, world, hashes);
  const legal = await db.prisma.staffUser.findFirstOrThrow({
    where: { role: "staff" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  await seedLikenessScenario(db, now, legal.id);
  await seedHashMatchScenario(db, now);
  if (media) await seedDemoMedia(db, now, await media);
  return {
    credentials: world.staff
      .filter((s) => created.has(s.email))
      .map((s) => ({ role: s.role, email: s.email, password: s.password })),
  };
}
