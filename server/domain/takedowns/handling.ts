// Staff handling of a takedown request: the validity checklist, locating the content (links, ids, identical
// copies by content hash), and one decision over all located posts as a single batch.
import crypto from "node:crypto";
import * as z from "zod/mini";
import type { Database } from "../../db/client.ts";
import { visibilityAfter } from "../../contracts/rules/visibility.ts";
import { LocatePostsInput, SetValidityInput, TakedownDecisionInput } from "../../contracts/takedowns.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { postIdsFromUrls } from "./intake.ts";
import { decisionNotice } from "../notices/templates.ts";
import { recordDecisions } from "../decisions/record.ts";
import { sql } from "../../db/sql.ts";

export async function getTakedownDetail({ prisma: tx }: Database, requestId: string) {
  const request = await tx.takedownRequest.findUnique({
    where: { id: requestId },
    include: {
      posts: {
        include: {
          post: {
            select: {
              id: true,
              prompt: true,
              posterUrl: true,
              visibility: true,
              contentHash: true,
              createdAt: true,
              creator: { select: { id: true, handle: true } },
            },
          },
        },
      },
      counterNotices: { orderBy: { receivedAt: "asc" } },
      notices: {
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, to: true, subject: true, status: true, createdAt: true, sentAt: true },
      },
      decisions: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          type: true,
          postId: true,
          reason: true,
          createdAt: true,
          batchId: true,
          actor: { select: { displayName: true } },
        },
      },
    },
  });
  if (!request) throw notFound("Takedown request");
  // Identical copies: other posts with the same content hash as a located post, not yet part of the request.
  const hashes = [...new Set(request.posts.map((p) => p.post.contentHash))];
  const copies = hashes.length
    ? await tx.post.findMany({
        where: { contentHash: { in: hashes }, id: { notIn: request.posts.map((p) => p.postId) } },
        take: 200,
        select: {
          id: true,
          prompt: true,
          posterUrl: true,
          visibility: true,
          contentHash: true,
          createdAt: true,
          creator: { select: { id: true, handle: true } },
        },
      })
    : [];
  return { ...request, identicalCopies: copies };
}

/** Adds posts to a request from pasted links or ids; reports what could not be found. */
export async function locatePosts(db: Database, raw: z.input<typeof LocatePostsInput>, staff: StaffActor, now: Date) {
  const input = parseInput(LocatePostsInput, raw);
  const fromUrls = postIdsFromUrls(input.references.filter((r) => /^https?:\/\//.test(r)));
  const ids = [...new Set([...fromUrls, ...input.references.filter((r) => !/^https?:\/\//.test(r))])];
  return db.prisma.$transaction(async (tx) => {
    const request = await tx.takedownRequest.findUnique({ where: { id: input.requestId }, select: { id: true } });
    if (!request) throw notFound("Takedown request");
    const found = await tx.post.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const matchedBy = input.matchedBy ?? (fromUrls.length ? "url" : "id");
    await tx.takedownRequestPost.createMany({
      data: found.map((p) => ({ requestId: request.id, postId: p.id, matchedBy, addedAt: now })),
      skipDuplicates: true,
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "takedown.locate",
        subjectType: "takedown_request",
        subjectId: request.id,
        details: { added: found.map((p) => p.id), matchedBy },
      },
      now,
    );
    const foundIds = new Set(found.map((p) => p.id));
    return { added: found.length, notFound: ids.filter((id) => !foundIds.has(id)) };
  });
}

/** The checklist's outcome. The TAKE IT DOWN clock starts when a request becomes valid. */
export async function setValidity(db: Database, raw: z.input<typeof SetValidityInput>, staff: StaffActor, now: Date) {
  const input = parseInput(SetValidityInput, raw);
  return db.prisma.$transaction(async (tx) => {
    const request = await tx.takedownRequest.findUnique({ where: { id: input.requestId } });
    if (!request) throw notFound("Takedown request");
    if (["actioned", "rejected", "restored", "closed"].includes(request.status)) {
      throw new DomainError("PRECONDITION_FAILED", `This request is already ${request.status}.`);
    }
    const startsClock = input.status === "valid" && !request.clockStartedAt;
    const dueAt =
      startsClock && request.type === "take_it_down" ? new Date(now.getTime() + 48 * 3_600_000) : request.dueAt;
    const updated = await tx.takedownRequest.update({
      where: { id: request.id },
      data: {
        status: input.status,
        missingElements:
          input.status === "needs_info"
            ? (input.missingElements ?? [])
            : input.status === "valid"
              ? []
              : request.missingElements,
        clockStartedAt: startsClock ? now : request.clockStartedAt,
        dueAt,
        ...(input.isTrustedFlagger !== undefined ? { isTrustedFlagger: input.isTrustedFlagger } : {}),
      },
    });
    if (updated.caseId && dueAt) {
      await tx.$executeRaw(
        sql`UPDATE "Case" SET "deadlineAt" = LEAST(COALESCE("deadlineAt", ${dueAt}::timestamptz), ${dueAt}::timestamptz) WHERE "id" = ${updated.caseId}::uuid`,
      );
    }
    await appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
        action: "takedown.validity",
        subjectType: "takedown_request",
        subjectId: request.id,
        details: {
          status: input.status,
          missingElements: input.missingElements ?? [],
          isTrustedFlagger: input.isTrustedFlagger ?? null,
        },
      },
      now,
    );
    return updated;
  });
}

/** Takes every selected post down in one batch: a decision, hash-bank entry, audit record and outbox event each. */
export async function takeDownForRequest(
  db: Database,
  raw: z.input<typeof TakedownDecisionInput>,
  staff: StaffActor,
  now: Date,
) {
  const input = parseInput(TakedownDecisionInput, raw);
  const batchId = crypto.randomUUID();
  return db.prisma.$transaction(
    async (tx) => {
      const request = await tx.takedownRequest.findUnique({ where: { id: input.requestId }, include: { posts: true } });
      if (!request) throw notFound("Takedown request");
      if (request.status !== "valid" && request.status !== "actioned") {
        throw new DomainError("PRECONDITION_FAILED", "Mark the request valid before acting on it.", {
          field: "requestId",
        });
      }
      const linked = new Set(request.posts.map((p) => p.postId));
      const outside = input.postIds.filter((id) => !linked.has(id));
      if (outside.length)
        throw new DomainError(
          "BAD_REQUEST",
          `postIds: ${outside.length} selected post(s) are not part of this request; locate them first.`,
          { field: "postIds" },
        );
      const policy = await tx.policy.findFirst({ where: { id: input.policyId, active: true } });
      if (!policy)
        throw new DomainError("BAD_REQUEST", "policyId: choose a policy from the catalogue.", { field: "policyId" });

      const posts = await tx.post.findMany({
        where: { id: { in: input.postIds } },
        select: { id: true, visibility: true, contentHash: true, creatorId: true },
      });
      const toAct = posts.filter((p) => p.visibility === "public" || p.visibility === "held");
      const results: { postId: string; status: "taken_down" | "skipped"; message?: string; decisionId?: string }[] =
        posts
          .filter((p) => !toAct.includes(p))
          .map((p) => ({
            postId: p.id,
            status: "skipped" as const,
            message: p.visibility === "taken_down" ? "Already taken down." : "Deleted by the creator.",
          }));
      for (const post of toAct) await tx.post.update({ where: { id: post.id }, data: { visibility: "taken_down" } });
      const decisionIds = await recordDecisions(
        tx,
        toAct.map((post) => ({
          type: "take_down_post",
          subjectType: "post",
          postId: post.id,
          takedownRequestId: request.id,
          authority: "legal",
          actorId: staff.id,
          policy,
          reason: input.reason,
          dsaGround: policy.dsaGround,
          dsaCategory: policy.dsaCategory,
          visibilityDecision: visibilityAfter("take_down_post"),
          territorialScope: input.territorialScope,
          legalReference: policy.legalReference,
          batchId,
          uploaderId: post.creatorId,
          audit: {
            ...staffAuditActor(staff),
            subjectType: "post",
            subjectId: post.id,
            batchId,
            caseId: request.caseId,
            details: { takedownRequestId: request.id, policy: policy.code },
          },
        })),
        now,
      );
      toAct.forEach((post, i) => results.push({ postId: post.id, status: "taken_down", decisionId: decisionIds[i] }));
      await tx.takedownRequest.update({ where: { id: request.id }, data: { status: "actioned", decidedAt: now } });
      if (request.requesterEmail) {
        const actioned = results.filter((r) => r.status === "taken_down").length;
        const notice = decisionNotice({
          reference: request.reference,
          actioned,
          total: results.length,
          reason: input.reason,
        });
        await tx.emailNotice.create({
          data: {
            kind: "decision",
            to: request.requesterEmail,
            ...notice,
            takedownRequestId: request.id,
            createdAt: now,
            nextAttemptAt: now,
          },
        });
      }
      if (request.caseId) {
        await tx.case.updateMany({
          where: { id: request.caseId, status: { not: "resolved" } },
          data: {
            status: "resolved",
            resolvedById: staff.id,
            resolvedAt: now,
            lastChangedById: staff.id,
            lastChangedAt: now,
            version: { increment: 1 },
            claimedById: null,
            leaseUntil: null,
          },
        });
      }
      return { batchId, results };
    },
    { timeout: 60_000 },
  );
}
