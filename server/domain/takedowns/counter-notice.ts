// DMCA § 512(g) counter-notices: after a valid counter-notice the complainant is told, and the removed material is
// restored not sooner than 10 and not later than 14 business days after receipt — unless the complainant reports
// a court action first. The restore runs by itself when due (runDueRestores).
import * as z from "zod/mini";
import type { Database } from "../../db/client.ts";
import { CounterNoticeInput } from "../../contracts/takedowns.ts";
import type { Tx } from "../../db/tx.ts";
import { visibilityAfter } from "../../contracts/rules/visibility.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { businessDaysAfter } from "../legal/business-days.ts";
import { counterNoticeForward } from "../notices/templates.ts";
import {
  assertMayReverse,
  postRestrictionsInForce,
  reversalRefusal,
  roleOfStaff,
} from "../decisions/reversal-authority.ts";
import { recordDecisions } from "../decisions/record.ts";
import { sql } from "../../db/sql.ts";

export async function recordCounterNotice(db: Database, input: CounterNoticeInput, actor: StaffActor, now: Date) {
  const data = z.parse(CounterNoticeInput, input);
  return db.prisma.$transaction(async (tx) => {
    const request = await tx.takedownRequest.findUnique({
      where: { id: data.requestId },
      include: { posts: { where: { postId: data.postId } } },
    });
    if (!request) throw notFound("Takedown request");
    if (request.type !== "dmca")
      throw new DomainError("PRECONDITION_FAILED", "Only DMCA notices have counter-notices.", { field: "requestId" });
    if (request.posts.length === 0)
      throw new DomainError("BAD_REQUEST", "postId: this post is not part of the request.", { field: "postId" });
    const post = await tx.post.findUniqueOrThrow({ where: { id: data.postId }, select: { visibility: true } });
    if (post.visibility !== "taken_down")
      throw new DomainError("PRECONDITION_FAILED", "The post is not taken down; there is nothing to restore.", {
        field: "postId",
      });
    // A counter-notice answers this notice only: a post also down for another reason stays down.
    const role = await roleOfStaff(tx, actor.id);
    assertMayReverse(
      await postRestrictionsInForce(tx, data.postId),
      { role, requestIds: [request.id] },
      "restore",
      "postId",
    );

    const receivedAt = data.receivedAt ? new Date(data.receivedAt) : now;
    const notice = await tx.counterNotice.create({
      data: {
        requestId: request.id,
        postId: data.postId,
        status: "forwarded",
        name: data.name,
        address: data.address,
        phone: data.phone,
        email: data.email ?? null,
        signature: data.signature,
        statement: data.statement,
        consentToJurisdiction: true,
        receivedAt,
        restoreNotBefore: businessDaysAfter(receivedAt, 10),
        restoreNotAfter: businessDaysAfter(receivedAt, 14),
        createdAt: now,
      },
    });
    await tx.takedownRequest.update({ where: { id: request.id }, data: { status: "counter_noticed" } });
    if (request.requesterEmail) {
      const contentUrl = request.contentUrls.find((u) => u.includes(data.postId)) ?? data.postId;
      const forward = counterNoticeForward({
        reference: request.reference,
        postUrl: contentUrl,
        name: data.name,
        address: data.address,
        statement: data.statement,
        restoreNotBefore: notice.restoreNotBefore,
        restoreNotAfter: notice.restoreNotAfter,
      });
      await tx.emailNotice.create({
        data: {
          kind: "counter_notice_forward",
          to: request.requesterEmail,
          ...forward,
          takedownRequestId: request.id,
          createdAt: now,
          nextAttemptAt: now,
        },
      });
    }
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "takedown.counter_notice",
        subjectType: "takedown_request",
        subjectId: request.id,
        details: {
          counterNoticeId: notice.id,
          postId: data.postId,
          restoreNotBefore: notice.restoreNotBefore.toISOString(),
          restoreNotAfter: notice.restoreNotAfter.toISOString(),
        },
      },
      now,
    );
    return notice;
  });
}

/** The complainant filed suit: the material stays down. */
export async function recordCourtAction(db: Database, counterNoticeId: string, actor: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const notice = await tx.counterNotice.findUnique({ where: { id: counterNoticeId } });
    if (!notice) throw notFound("Counter-notice");
    if (notice.restoredAt) throw new DomainError("PRECONDITION_FAILED", "The material was already restored.");
    await tx.counterNotice.update({ where: { id: notice.id }, data: { status: "court_action", courtActionAt: now } });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "takedown.court_action",
        subjectType: "counter_notice",
        subjectId: notice.id,
        details: { postId: notice.postId },
      },
      now,
    );
    return { ok: true };
  });
}

/**
 * Restores every post whose counter-notice window has opened and no court action was recorded; returns how many.
 * A counter-notice whose post is held down by something else since is closed as superseded instead.
 */
export async function runDueRestores(db: Database, now: Date): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>(
      sql`SELECT "id"::text AS "id" FROM "CounterNotice"
        WHERE "status" = 'forwarded' AND "courtActionAt" IS NULL AND "restoredAt" IS NULL
          AND "restoreNotBefore" <= ${now}::timestamptz
        ORDER BY "restoreNotBefore" LIMIT 100 FOR UPDATE SKIP LOCKED`,
    );
    let restored = 0;
    for (const { id } of due) if (await restoreOne(tx, id, now)) restored++;
    return restored;
  });
}

async function restoreOne(tx: Tx, counterNoticeId: string, now: Date): Promise<boolean> {
  const notice = await tx.counterNotice.findUniqueOrThrow({
    where: { id: counterNoticeId },
    include: { post: { select: { visibility: true } } },
  });
  // What came since the counter-notice was recorded may hold the post down for another reason: then it stays down.
  const inForce = await postRestrictionsInForce(tx, notice.postId);
  const refusal = reversalRefusal(inForce, { role: null, requestIds: [notice.requestId] }, "restore");
  if (refusal) {
    await tx.counterNotice.update({ where: { id: notice.id }, data: { status: "superseded" } });
    // With no other counter-notice waiting, the request stands as it was actioned.
    const waiting = await tx.counterNotice.count({ where: { requestId: notice.requestId, status: "forwarded" } });
    if (waiting === 0)
      await tx.takedownRequest.updateMany({
        where: { id: notice.requestId, status: "counter_noticed" },
        data: { status: "actioned" },
      });
    await appendAudit(
      tx,
      {
        actorType: "system",
        action: "takedown.counter_notice_superseded",
        subjectType: "counter_notice",
        subjectId: notice.id,
        details: { postId: notice.postId, reason: refusal },
      },
      now,
    );
    return false;
  }
  if (notice.post.visibility === "taken_down")
    await tx.post.update({ where: { id: notice.postId }, data: { visibility: "public" } });
  await recordDecisions(
    tx,
    [
      {
        type: "restore_post",
        authority: "legal",
        reversesId: inForce[0]?.id ?? null,
        subjectType: "post",
        postId: notice.postId,
        takedownRequestId: notice.requestId,
        reason: "Restored after a valid DMCA counter-notice; no court action was reported within the waiting period.",
        legalReference: "17 U.S.C. § 512(g)(2)(C)",
        automatedDecision: true,
        visibilityDecision: visibilityAfter("restore_post"),
        hashBankNote: "Restored after a counter-notice",
        audit: {
          actorType: "system",
          subjectType: "post",
          subjectId: notice.postId,
          details: { counterNoticeId: notice.id },
        },
      },
    ],
    now,
  );
  await tx.counterNotice.update({ where: { id: notice.id }, data: { status: "restored", restoredAt: now } });
  await tx.takedownRequest.update({ where: { id: notice.requestId }, data: { status: "restored" } });
  return true;
}
