import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { QueueKind } from "../db/generated/enums.ts";
import { auditActor, moderatorProcedure, roleAtLeast, router, staffActorOf, staffProcedure, type AuthedContext } from "../trpc.ts";
import { CaseListInput, listCases, queueSummaries } from "../domain/cases/case-list.ts";
import { getCaseDetail } from "../domain/cases/case-detail.ts";
import { claimCase, claimNextCase, releaseCase, type Reviewer } from "../domain/cases/claims.ts";
import { decideCase } from "../domain/decisions/decide.ts";
import { decideCasesBulk } from "../domain/decisions/bulk.ts";
import { DecideBulkInput, DecideCaseInput } from "../contracts/decisions.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { QueueHealthInput, queueHealth } from "../domain/cases/queue-health.ts";
import { reviewerActivity } from "../domain/cases/reviewer-activity.ts";
import { similarRemovedContent } from "../domain/hashbank/similar.ts";
import { DEFAULT_MAX_DISTANCE } from "../domain/hashbank/scan.ts";

const reviewerOf = (ctx: AuthedContext): Reviewer => staffActorOf(ctx);

// Queue settings change rarely (an admin edit) and are read on every list page: keep them for a few seconds
// per database instead of asking on every request. A changed minimum role applies within QUEUE_SETTINGS_TTL_MS.
const QUEUE_SETTINGS_TTL_MS = 5_000;
const queueSettingsCache = new WeakMap<object, { at: number; settings: Promise<{ queue: QueueKind; minRole: "moderator" | "staff" | "admin" }[]> }>();

function queueSettings(ctx: AuthedContext) {
  const cached = queueSettingsCache.get(ctx.db);
  const now = Date.now();
  if (cached && now - cached.at < QUEUE_SETTINGS_TTL_MS) return cached.settings;
  const settings = ctx.db.prisma.queueSetting.findMany({ select: { queue: true, minRole: true } });
  queueSettingsCache.set(ctx.db, { at: now, settings });
  settings.catch(() => queueSettingsCache.delete(ctx.db));
  return settings;
}

/** The queues a role may work, from the queue settings (staff-only queues stay with staff). */
async function allowedQueues(ctx: AuthedContext) {
  const settings = await queueSettings(ctx);
  return settings.filter((s) => roleAtLeast(ctx.user.role, s.minRole)).map((s) => s.queue);
}

async function assertQueueAllowed(ctx: AuthedContext, queue: QueueKind, allowed?: QueueKind[]) {
  if (!(allowed ?? (await allowedQueues(ctx))).includes(queue)) {
    throw new TRPCError({ code: "FORBIDDEN", message: `The ${queue} queue needs a higher role than ${ctx.user.role}.` });
  }
}

/** Loads a case's queue and refuses it when the caller's role may not work that queue. */
async function assertCaseAllowed(ctx: AuthedContext, caseId: string) {
  const c = await ctx.db.prisma.case.findUnique({ where: { id: caseId }, select: { queue: true, postId: true } });
  if (!c) throw new TRPCError({ code: "NOT_FOUND", message: "Case was not found." });
  await assertQueueAllowed(ctx, c.queue);
  return c;
}

const CaseRef = z.object({ caseId: z.uuid() });

export const caseRouter = router({
  /** Queues the signed-in user may work, with open counts and oldest age. */
  queues: moderatorProcedure.query(async ({ ctx }) => {
    const all = await queueSummaries(ctx.db.prisma, ctx.now());
    return all.filter((q) => roleAtLeast(ctx.user.role, q.minRole));
  }),

  /** Per UTC day and queue the caller may see: opened, resolved, open at day's end and deadlines met. */
  queueHealth: moderatorProcedure.input(QueueHealthInput).query(async ({ ctx, input }) => {
    const settings = await ctx.db.prisma.queueSetting.findMany({ select: { queue: true, label: true, slaHours: true, minRole: true } });
    const settingOf = (queue: QueueKind) => settings.find((s) => s.queue === queue);
    const visible = Object.values(QueueKind).filter((queue) => roleAtLeast(ctx.user.role, settingOf(queue)?.minRole ?? "moderator"));
    const health = await queueHealth(ctx.db.prisma, visible, input, ctx.now());
    return { days: input.days, queues: health.map((h) => ({ ...h, label: settingOf(h.queue)?.label ?? h.queue, slaHours: settingOf(h.queue)?.slaHours ?? null })) };
  }),

  /** Decisions per reviewer over the period and how they fared on appeal; for staff leads. */
  reviewerActivity: staffProcedure.input(QueueHealthInput).query(async ({ ctx, input }) => ({
    days: input.days,
    reviewers: await reviewerActivity(ctx.db.prisma, input, ctx.now()),
  })),

  list: moderatorProcedure.input(CaseListInput).query(async ({ ctx, input }) => {
    const allowed = await allowedQueues(ctx);
    if (input.queue) await assertQueueAllowed(ctx, input.queue, allowed);
    return listCases(ctx.db, input, allowed);
  }),

  /** The whole case for review. Viewing evidence is audited. */
  get: moderatorProcedure.input(CaseRef).query(async ({ ctx, input }) => {
    await assertCaseAllowed(ctx, input.caseId);
    const detail = await getCaseDetail(ctx.db.prisma, input.caseId, ctx.user, ctx.now());
    await ctx.db.prisma.$transaction((tx) =>
      appendAudit(tx, { ...auditActor(ctx), action: "case.view", subjectType: "case", subjectId: input.caseId, caseId: input.caseId }, ctx.now()),
    );
    return detail;
  }),

  /** Removed posts whose file or keyframes match the case's post, closest first (empty for other subjects). */
  similarRemoved: moderatorProcedure.input(CaseRef).query(async ({ ctx, input }) => {
    const c = await assertCaseAllowed(ctx, input.caseId);
    return c.postId ? similarRemovedContent(ctx.db.prisma, c.postId, DEFAULT_MAX_DISTANCE) : [];
  }),

  /** Claims the highest-priority unclaimed case of a queue; null when the queue is empty for this reviewer. */
  next: moderatorProcedure.input(z.object({ queue: z.enum(QueueKind) })).mutation(async ({ ctx, input }) => {
    await assertQueueAllowed(ctx, input.queue);
    return { caseId: await claimNextCase(ctx.db, input.queue, reviewerOf(ctx), ctx.now(), { maxHeld: ctx.limits.maxHeldCases }) };
  }),

  /** Claims a case, or renews the caller's lease on it while it stays open. */
  claim: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await assertCaseAllowed(ctx, input.caseId);
    return claimCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now(), { maxHeld: ctx.limits.maxHeldCases });
  }),

  release: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await assertCaseAllowed(ctx, input.caseId);
    return releaseCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now());
  }),

  decide: moderatorProcedure.input(DecideCaseInput).mutation(async ({ ctx, input }) => {
    await assertCaseAllowed(ctx, input.caseId);
    return decideCase(ctx.db, input, reviewerOf(ctx), ctx.now());
  }),

  /** One chunk of a bulk decision; all chunks of one action share `batchId`. */
  decideBulk: moderatorProcedure.input(DecideBulkInput).mutation(async ({ ctx, input }) => {
    const queues = await ctx.db.prisma.case.findMany({ where: { id: { in: input.items.map((i) => i.caseId) } }, select: { queue: true }, distinct: ["queue"] });
    for (const { queue } of queues) await assertQueueAllowed(ctx, queue);
    return { batchId: input.batchId, outcomes: await decideCasesBulk(ctx.db, input, reviewerOf(ctx), ctx.now()) };
  }),

  addNote: moderatorProcedure
    .input(z.object({ caseId: z.uuid(), body: z.string().trim().min(1, { message: "Write the note" }).max(4_000) }))
    .mutation(async ({ ctx, input }) => {
      await assertCaseAllowed(ctx, input.caseId);
      const now = ctx.now();
      return ctx.db.prisma.$transaction(async (tx) => {
        const note = await tx.caseNote.create({ data: { caseId: input.caseId, authorId: ctx.user.id, body: input.body, createdAt: now }, select: { id: true, createdAt: true } });
        await appendAudit(tx, { ...auditActor(ctx), action: "case.note", subjectType: "case", subjectId: input.caseId, caseId: input.caseId, details: { noteId: note.id } }, now);
        return note;
      });
    }),
});
