// Takedown requests from the public form: checked element by element against what each law requires, limited
// per address against abuse, linked to the posts their links point at, and put in the takedown queue with their
// legal clock.
import crypto from "node:crypto";
import type { Database } from "../../db/client.ts";
import type { Prisma } from "../../db/generated/client.ts";
import { TakedownIntake } from "../../contracts/takedown-intake.ts";
import { DomainError } from "../../lib/errors.ts";
import { humanReference, uuidv7 } from "../../lib/ids.ts";
import { parseInput } from "../../lib/validation.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { foldSignals } from "../ingest/apply-signals.ts";
import { rescoreCases } from "../cases/rescore.ts";
import { receiptNotice } from "../notices/templates.ts";

export const INTAKE_LIMIT_PER_HOUR = 5;

const CATEGORY: Record<TakedownIntake["type"], string> = {
  take_it_down: "ncii",
  dmca: "copyright",
  dsa_notice: "hate",
  likeness: "likeness_misuse",
  court_order: "harassment",
};

/** Post ids in links such as https://<app>/p/<postId> or …/posts/<postId>. */
export function postIdsFromUrls(urls: string[]): string[] {
  const ids = new Set<string>();
  for (const raw of urls) {
    const match = /\/(?:p|posts?|v)\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/.exec(new URL(raw).pathname + "/");
    if (match) ids.add(match[1]!);
  }
  return [...ids];
}

export interface IntakeContext {
  ip: string;
  requestId: string;
  now: Date;
  /** set when staff type in a request received by post or email: no abuse limits, recorded as theirs */
  enteredById?: string;
}

export async function submitTakedownRequest(
  db: Database,
  raw: unknown,
  ctx: IntakeContext,
): Promise<{ reference: string }> {
  const input = parseInput(TakedownIntake, raw);
  const ipHash = crypto.createHash("sha256").update(`vigil-intake:${ctx.ip}`).digest("hex");
  // A filled honeypot is a bot: answer like a success so it learns nothing, and store nothing.
  const byStaff = !!ctx.enteredById;
  if (input.website && !byStaff) return { reference: humanReference("TD") };
  if (input.type === "dsa_notice" && !input.isCsamOffence) {
    if (!input.requesterName?.trim())
      throw new DomainError(
        "BAD_REQUEST",
        "requesterName: enter your name (only notices about child sexual abuse may leave it out)",
        { field: "requesterName" },
      );
    if (!input.requesterEmail || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.requesterEmail)) {
      throw new DomainError(
        "BAD_REQUEST",
        "requesterEmail: enter an email address (only notices about child sexual abuse may leave it out)",
        { field: "requesterEmail" },
      );
    }
  }
  const recent = await db.prisma.takedownRequest.count({
    where: {
      source: "web_form",
      createdAt: { gte: new Date(ctx.now.getTime() - 3_600_000) },
      details: { path: ["ipHash"], equals: ipHash },
    },
  });
  if (!byStaff && recent >= INTAKE_LIMIT_PER_HOUR) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "Too many requests from your network in the last hour. Please try again later or write to us.",
      { retryAfterSeconds: 3_600 },
    );
  }

  return db.prisma.$transaction(async (tx) => {
    const found = await tx.post.findMany({
      where: { id: { in: postIdsFromUrls(input.contentUrls) } },
      select: { id: true },
    });
    const id = uuidv7();
    const reference = humanReference("TD");
    // Every field the form takes is required by the form's schema, so a stored request is complete: its clock starts now.
    const dueAt =
      input.type === "take_it_down"
        ? new Date(ctx.now.getTime() + 48 * 3_600_000)
        : input.type === "court_order"
          ? new Date(input.orderDeadline)
          : null;
    const data: Prisma.TakedownRequestCreateInput = {
      id,
      reference,
      type: input.type,
      status: "valid",
      source: byStaff ? "staff" : "web_form",
      ...(byStaff ? { enteredBy: { connect: { id: ctx.enteredById! } } } : {}),
      requesterName: "requesterName" in input ? (input.requesterName ?? null) : null,
      requesterEmail: "requesterEmail" in input ? (input.requesterEmail ?? null) : null,
      requesterAddress: input.type === "dmca" ? input.requesterAddress : null,
      requesterPhone: input.type === "dmca" ? input.requesterPhone : null,
      authority: "authority" in input ? input.authority : input.type === "court_order" ? "authority" : "self",
      depictedPerson: "depictedPerson" in input ? (input.depictedPerson ?? null) : null,
      signature: "signature" in input ? input.signature : null,
      contentUrls: input.contentUrls,
      contentDescription: "description" in input ? input.description : null,
      workDescription: input.type === "dmca" ? input.workDescription : null,
      explanation: input.type === "dsa_notice" ? input.explanation : null,
      goodFaith: "goodFaith" in input ? input.goodFaith : false,
      perjuryStatement: input.type === "dmca",
      isCsamOffence: input.type === "dsa_notice" && input.isCsamOffence,
      issuingAuthority: input.type === "court_order" ? input.issuingAuthority : null,
      orderReference: input.type === "court_order" ? input.orderReference : null,
      receivedAt: ctx.now,
      clockStartedAt: ctx.now,
      dueAt,
      details: { ipHash, unmatchedUrls: found.length ? [] : input.contentUrls },
      createdAt: ctx.now,
      posts: { create: found.map((p) => ({ postId: p.id, matchedBy: "url" })) },
    };
    await tx.takedownRequest.create({ data });

    // Into the takedown queue: about the first post found, or about the request itself when no link matched.
    let caseId: string | null = null;
    if (found.length) {
      const folded = await foldSignals(tx, {
        drafts: [
          {
            index: 0,
            eventId: null,
            kind: "takedown_request",
            queue: "takedown",
            subjectType: "post",
            subjectId: found[0]!.id,
            category: CATEGORY[input.type],
            reason: input.type,
            takedownRequestId: id,
            payload: { reference, source: "web_form" },
            occurredAt: ctx.now.toISOString(),
          },
        ],
        takedowns: [],
        appeals: [],
        now: ctx.now,
      });
      caseId = folded.caseByIndex.get(0) ?? null;
      if (caseId) {
        await tx.takedownRequest.update({ where: { id }, data: { caseId } });
        await rescoreCases(tx, [caseId], ctx.now, dueAt ? new Map([[caseId, dueAt]]) : new Map());
      }
    }
    const requesterEmail = "requesterEmail" in input ? input.requesterEmail : undefined;
    if (requesterEmail) {
      const notice = receiptNotice({
        reference,
        type: input.type,
        receivedAt: ctx.now,
        dueAt,
        urls: input.contentUrls,
      });
      await tx.emailNotice.create({
        data: {
          kind: "receipt",
          to: requesterEmail,
          ...notice,
          takedownRequestId: id,
          createdAt: ctx.now,
          nextAttemptAt: ctx.now,
        },
      });
    }
    await appendAudit(
      tx,
      {
        ...(byStaff ? { actorType: "staff" as const, actorId: ctx.enteredById } : { actorType: "public" as const }),
        action: byStaff ? "takedown.entered" : "takedown.submitted",
        subjectType: "takedown_request",
        subjectId: id,
        caseId,
        requestId: ctx.requestId,
        details: { type: input.type, reference, posts: found.length },
      },
      ctx.now,
    );
    return { reference };
  });
}
