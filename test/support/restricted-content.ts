// A world with staff-only content in it, built through the domain as it happens in production: an NCII takedown
// request (TAKE IT DOWN) about a post, taken down by staff, then a user report, a likeness complaint and an appeal
// about the same post in queues moderators work, a re-upload that remixes it and matches its hashes, and a
// suspension decided in the takedown case and lifted from the account page. Beside it, ordinary content by the
// same creator that every role sees.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { PlatformEvent } from "../../server/contracts/platform-events.ts";
import { ingestEvents } from "../../server/domain/ingest/ingest.ts";
import { submitTakedownRequest } from "../../server/domain/takedowns/intake.ts";
import { takeDownForRequest } from "../../server/domain/takedowns/handling.ts";
import { scanNewPosts } from "../../server/domain/hashbank/scan.ts";
import { actOnAccount } from "../../server/domain/accounts/act.ts";

export interface RestrictedWorld {
  tag: string;
  creator: { id: string; handle: string };
  cameoId: string;
  /** the post under the NCII request, its take-down, and a suspension decided in its case */
  restricted: {
    postId: string;
    prompt: string;
    caseId: string;
    requestId: string;
    reference: string;
    decisionId: string;
    suspensionId: string;
  };
  /** the reinstatement that reversed that suspension, decided outside any case */
  reinstatementId: string;
  /** cases in moderator queues about the restricted post */
  sideCaseIds: { report: string; complaint: string; appeal: string };
  /** an ordinary post by the same creator, with a case in a moderator queue */
  visible: { postId: string; prompt: string; caseId: string; decisionId: string };
  /** a re-upload remixing the restricted post, flagged by the matcher into a moderator queue */
  copy: { postId: string; caseId: string };
  /** what a role that may not work the takedown queue must never receive */
  secrets: string[];
}

const hex = (seed: string) => crypto.createHash("sha256").update(seed).digest("hex");

export async function buildRestrictedWorld(db: Database, staff: SessionUser, now: Date): Promise<RestrictedWorld> {
  const tag = crypto.randomBytes(3).toString("hex");
  const at = new Date(now.getTime() - 86_400_000).toISOString();
  const ids = {
    creator: `rw-${tag}-creator`,
    owner: `rw-${tag}-owner`,
    reporter: `rw-${tag}-reporter`,
    uploader: `rw-${tag}-uploader`,
    restricted: `rw-${tag}-secret`,
    visible: `rw-${tag}-open`,
    copy: `rw-${tag}-copy`,
    cameo: `rw-${tag}-cameo`,
  };
  const handle = `rw_${tag}_creator`;
  const restrictedPrompt = `private bedroom clip ${tag} of my ex`;
  const visiblePrompt = `skateboarding dog ${tag} at sunset`;
  const ingest = (events: unknown[]) =>
    ingestEvents(db, PlatformEvent.array().parse(events), { keyId: "test-key", requestId: crypto.randomUUID(), now });
  const event = (n: string, type: string, data: unknown) => ({ id: `rw-${tag}-${n}`, type, occurredAt: at, data });
  const account = (id: string, h: string) => ({ id, handle: h, displayName: h, createdAt: at });
  const post = (id: string, prompt: string, hash: string, extra: Record<string, unknown> = {}) => ({
    id,
    creatorId: ids.creator,
    prompt,
    durationMs: 8_000,
    contentHash: hash,
    keyframes: [{ index: 0, atMs: 0, phash: hex(`${hash}-frame`) }],
    createdAt: at,
    ...extra,
  });

  await ingest([
    event("a1", "account.upserted", account(ids.creator, handle)),
    event("a2", "account.upserted", account(ids.owner, `rw_${tag}_owner`)),
    event("a3", "account.upserted", account(ids.reporter, `rw_${tag}_reporter`)),
    event("a4", "account.upserted", account(ids.uploader, `rw_${tag}_uploader`)),
    event("c1", "cameo.upserted", { id: ids.cameo, ownerId: ids.owner, permission: "everyone", createdAt: at }),
    event("p1", "post.published", {
      ...post(ids.restricted, restrictedPrompt, hex(`${tag}-secret`)),
      cameoIds: [ids.cameo],
    }),
    event("p2", "post.published", { ...post(ids.visible, visiblePrompt, hex(`${tag}-open`)), cameoIds: [ids.cameo] }),
    event("r0", "report.filed", {
      subject: { type: "post", id: ids.visible },
      reporterId: ids.reporter,
      reason: "spam",
    }),
  ]);

  await submitTakedownRequest(
    db,
    {
      type: "take_it_down",
      contentUrls: [`https://app.example/p/${ids.restricted}`],
      requesterName: "Dana Doe",
      requesterEmail: "dana@example.com",
      authority: "self",
      description: "An intimate video of me, shared without my consent",
      signature: "Dana Doe",
      goodFaith: true,
    },
    { ip: "198.51.100.20", requestId: crypto.randomUUID(), now },
  );
  const request = await db.prisma.takedownRequest.findFirstOrThrow({
    where: { posts: { some: { postId: ids.restricted } } },
  });
  const ncii = await db.prisma.policy.findFirstOrThrow({ where: { code: "ncii" } });
  const actor = { id: staff.id, displayName: staff.displayName, requestId: crypto.randomUUID(), ip: "127.0.0.1" };
  const takedown = await takeDownForRequest(
    db,
    {
      requestId: request.id,
      postIds: [ids.restricted],
      policyId: ncii.id,
      reason: "Intimate imagery shared without consent",
      territorialScope: ["WORLD"],
    },
    actor,
    now,
  );
  const decision = await db.prisma.decision.findFirstOrThrow({
    where: { batchId: takedown.batchId, postId: ids.restricted },
  });
  const takedownCase = await db.prisma.case.findFirstOrThrow({
    where: { postId: ids.restricted, queue: "takedown" },
    select: { id: true },
  });
  // Staff also suspended the creator from the takedown case, and lifted it later from the account page.
  const suspendedUntil = new Date(now.getTime() + 7 * 86_400_000);
  const suspension = await db.prisma.decision.create({
    data: {
      type: "suspend_account",
      subjectType: "account",
      accountId: ids.creator,
      caseId: takedownCase.id,
      actorId: staff.id,
      authority: "staff",
      policyId: ncii.id,
      reason: "Shared intimate imagery",
      suspendedUntil,
      createdAt: now,
    },
  });
  await db.prisma.account.update({ where: { id: ids.creator }, data: { status: "suspended", suspendedUntil } });
  const reinstated = await actOnAccount(
    db,
    { action: "reinstate", accountId: ids.creator, policyId: ncii.id, reason: "Lifted on review" },
    actor,
    now,
  );
  const spam = await db.prisma.policy.findFirstOrThrow({ where: { code: "spam" } });
  const visibleDecision = await db.prisma.decision.create({
    data: {
      type: "warn_account",
      subjectType: "account",
      accountId: ids.creator,
      actorId: staff.id,
      authority: "staff",
      policyId: spam.id,
      reason: "Repeated spam",
      createdAt: now,
    },
  });

  await ingest([
    event("r1", "report.filed", {
      subject: { type: "post", id: ids.restricted },
      reporterId: ids.reporter,
      reason: "nudity",
      text: "this looks private",
    }),
    event("l1", "likeness.complaint.filed", {
      complainantName: "Dana Doe",
      depictedPerson: "Dana Doe",
      authority: "self",
      postIds: [ids.restricted],
      text: "This is me and I never agreed",
    }),
    event("ap", "appeal.filed", {
      decisionId: decision.id,
      appellantId: ids.creator,
      text: "Please put my video back",
    }),
    event("p3", "post.published", {
      ...post(ids.copy, `re-upload ${tag}`, hex(`${tag}-secret`)),
      creatorId: ids.uploader,
      remixOfId: ids.restricted,
    }),
  ]);
  while ((await scanNewPosts(db, { now })).scanned > 0);

  const caseOf = (
    postId: string,
    queue: "takedown" | "user_report" | "likeness_complaint" | "appeal" | "flagged_generation",
  ) => db.prisma.case.findFirstOrThrow({ where: { postId, queue }, select: { id: true } }).then((c) => c.id);
  const restricted = {
    postId: ids.restricted,
    prompt: restrictedPrompt,
    caseId: takedownCase.id,
    requestId: request.id,
    reference: request.reference,
    decisionId: decision.id,
    suspensionId: suspension.id,
  };
  const sideCaseIds = {
    report: await caseOf(ids.restricted, "user_report"),
    complaint: await caseOf(ids.restricted, "likeness_complaint"),
    appeal: await caseOf(ids.restricted, "appeal"),
  };
  return {
    tag,
    creator: { id: ids.creator, handle },
    cameoId: ids.cameo,
    restricted,
    reinstatementId: reinstated.decisionId,
    sideCaseIds,
    visible: {
      postId: ids.visible,
      prompt: visiblePrompt,
      caseId: await caseOf(ids.visible, "user_report"),
      decisionId: visibleDecision.id,
    },
    copy: { postId: ids.copy, caseId: await caseOf(ids.copy, "flagged_generation") },
    secrets: [
      restricted.postId,
      restricted.prompt,
      restricted.caseId,
      restricted.requestId,
      restricted.reference,
      restricted.decisionId,
      restricted.suspensionId,
      ...Object.values(sideCaseIds),
    ],
  };
}
