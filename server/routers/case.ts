import { z } from "zod";
import { QueueKind } from "../db/generated/enums.ts";
import { auditActor, moderatorProcedure, router, staffActorOf, staffProcedure, type AuthedContext } from "../trpc.ts";
import { CaseListInput, listCases } from "../domain/cases/case-list.ts";
import { queueSummaries } from "../domain/cases/queue-summaries.ts";
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
import { accessOf, assertMayWork } from "../domain/access/queue-access.ts";
import { visibleCase, visibleCaseWhere } from "../domain/access/content-visibility.ts";
import { DomainError } from "../lib/errors.ts";

const reviewerOf = (ctx: AuthedContext): Reviewer => staffActorOf(ctx);

const CaseRef = z.object({ caseId: z.uuid() });

export const caseRouter = router({
  /** Queues the signed-in user may work, with open counts and oldest age (of the cases the user may see). */
  queues: moderatorProcedure.query(async ({ ctx }) => {
    const access = await accessOf(ctx);
    const all = await queueSummaries(ctx.db.prisma, access, ctx.now());
    return all.filter((q) => access.workable.includes(q.queue));
  }),

  /** Per UTC day and queue the caller may see: opened, resolved, open at day's end and deadlines met. */
  queueHealth: moderatorProcedure.input(QueueHealthInput).query(async ({ ctx, input }) => {
    const [access, settings] = await Promise.all([accessOf(ctx), ctx.db.prisma.queueSetting.findMany({ select: { queue: true, label: true, slaHours: true } })]);
    const settingOf = (queue: QueueKind) => settings.find((s) => s.queue === queue);
    const health = await queueHealth(ctx.db.prisma, [...access.workable], input, ctx.now());
    return { days: input.days, queues: health.map((h) => ({ ...h, label: settingOf(h.queue)?.label ?? h.queue, slaHours: settingOf(h.queue)?.slaHours ?? null })) };
  }),

  /** Decisions per reviewer over the period and how they fared on appeal; for staff leads. */
  reviewerActivity: staffProcedure.input(QueueHealthInput).query(async ({ ctx, input }) => ({
    days: input.days,
    reviewers: await reviewerActivity(ctx.db.prisma, input, ctx.now()),
  })),

  list: moderatorProcedure.input(CaseListInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    if (input.queue) assertMayWork(access, input.queue);
    return listCases(ctx.db, input, access);
  }),

  /** The whole case for review. Viewing evidence is audited. */
  get: moderatorProcedure.input(CaseRef).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    await visibleCase(ctx.db.prisma, access, input.caseId);
    const detail = await getCaseDetail(ctx.db.prisma, input.caseId, access, ctx.user, ctx.now());
    await ctx.db.prisma.$transaction((tx) =>
      appendAudit(tx, { ...auditActor(ctx), action: "case.view", subjectType: "case", subjectId: input.caseId, caseId: input.caseId }, ctx.now()),
    );
    return detail;
  }),

  /** Removed posts whose file or keyframes match the case's post, closest first (empty for other subjects). */
  similarRemoved: moderatorProcedure.input(CaseRef).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    const c = await visibleCase(ctx.db.prisma, access, input.caseId);
    return c.postId ? similarRemovedContent(ctx.db.prisma, c.postId, DEFAULT_MAX_DISTANCE, access) : [];
  }),

  /** Claims the highest-priority unclaimed case of a queue; null when the queue is empty for this reviewer. */
  next: moderatorProcedure.input(z.object({ queue: z.enum(QueueKind) })).mutation(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    assertMayWork(access, input.queue);
    return { caseId: await claimNextCase(ctx.db, input.queue, reviewerOf(ctx), ctx.now(), access, { maxHeld: ctx.limits.maxHeldCases }) };
  }),

  /** Claims a case, or renews the caller's lease on it while it stays open. */
  claim: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db.prisma, await accessOf(ctx), input.caseId);
    return claimCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now(), { maxHeld: ctx.limits.maxHeldCases });
  }),

  release: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db.prisma, await accessOf(ctx), input.caseId);
    return releaseCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now());
  }),

  decide: moderatorProcedure.input(DecideCaseInput).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db.prisma, await accessOf(ctx), input.caseId);
    return decideCase(ctx.db, input, reviewerOf(ctx), ctx.now());
  }),

  /** One chunk of a bulk decision; all chunks of one action share `batchId`. */
  decideBulk: moderatorProcedure.input(DecideBulkInput).mutation(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    const ids = [...new Set(input.items.map((i) => i.caseId))];
    const queues = await ctx.db.prisma.case.findMany({ where: { id: { in: ids } }, select: { queue: true }, distinct: ["queue"] });
    for (const { queue } of queues) assertMayWork(access, queue);
    // A case about content kept from the caller is refused as a missing one would be; truly missing ones are skipped.
    const [found, visible] = await Promise.all([
      ctx.db.prisma.case.count({ where: { id: { in: ids } } }),
      ctx.db.prisma.case.count({ where: { AND: [{ id: { in: ids } }, visibleCaseWhere(access)] } }),
    ]);
    if (visible !== found) throw new DomainError("NOT_FOUND", "items: some of the chosen cases were not found.", { field: "items" });
    return { batchId: input.batchId, outcomes: await decideCasesBulk(ctx.db, input, reviewerOf(ctx), ctx.now()) };
  }),

  addNote: moderatorProcedure
    .input(z.object({ caseId: z.uuid(), body: z.string().trim().min(1, { message: "Write the note" }).max(4_000) }))
    .mutation(async ({ ctx, input }) => {
      await visibleCase(ctx.db.prisma, await accessOf(ctx), input.caseId);
      const now = ctx.now();
      return ctx.db.prisma.$transaction(async (tx) => {
        const note = await tx.caseNote.create({ data: { caseId: input.caseId, authorId: ctx.user.id, body: input.body, createdAt: now }, select: { id: true, createdAt: true } });
        await appendAudit(tx, { ...auditActor(ctx), action: "case.note", subjectType: "case", subjectId: input.caseId, caseId: input.caseId, details: { noteId: note.id } }, now);
        return note;
      });
    }),
});
