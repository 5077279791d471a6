import { moderatorProcedure, router, staffActorOf, staffProcedure, type AuthedContext } from "../trpc.ts";
import {
  AddCaseNoteInput,
  CaseListInput,
  CaseMediaMatchInput,
  CaseReasonInput,
  CaseRef,
  NextCaseInput,
  QueueHealthInput,
} from "../contracts/cases.ts";
import { DecideBulkInput, DecideCaseInput } from "../contracts/decisions.ts";
import { listCases } from "../domain/cases/case-list.ts";
import { queueHealthReport, workableQueueSummaries } from "../domain/cases/queue-reports.ts";
import { mediaMatchForCase, similarRemovedForCase, viewCase } from "../domain/cases/case-view.ts";
import { isMarkedNotAMatch, markNotAMatch, undoNotAMatch } from "../domain/hashbank/feedback.ts";
import { addCaseNote } from "../domain/cases/case-notes.ts";
import { claimCase, claimNextCase, releaseCase, type Reviewer } from "../domain/cases/claims.ts";
import { decideCase } from "../domain/decisions/decide.ts";
import { decideCasesBulk } from "../domain/decisions/bulk.ts";
import { reviewerActivity } from "../domain/cases/reviewer-activity.ts";
import { accessOf, assertMayWork } from "../domain/access/queue-access.ts";
import { visibleCase } from "../domain/access/content-visibility.ts";
import { assertMayWorkCases } from "../domain/access/case-batch-access.ts";

const reviewerOf = (ctx: AuthedContext): Reviewer => staffActorOf(ctx);

export const caseRouter = router({
  /** Queues the signed-in user may work, with open counts and oldest age (of the cases the user may see). */
  queues: moderatorProcedure.query(async ({ ctx }) => workableQueueSummaries(ctx.db, await accessOf(ctx), ctx.now())),

  /** Per UTC day and queue the caller may see: opened, resolved, open at day's end and deadlines met. */
  queueHealth: moderatorProcedure
    .input(QueueHealthInput)
    .query(async ({ ctx, input }) => queueHealthReport(ctx.db, await accessOf(ctx), input, ctx.now())),

  /** Decisions per reviewer over the period and how they fared on appeal; for staff leads. */
  reviewerActivity: staffProcedure.input(QueueHealthInput).query(async ({ ctx, input }) => ({
    days: input.days,
    reviewers: await reviewerActivity(ctx.db, input, ctx.now()),
  })),

  list: moderatorProcedure.input(CaseListInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    if (input.queue) assertMayWork(access, input.queue);
    return listCases(ctx.db, input, access);
  }),

  /** The whole case for review. Viewing evidence is audited. */
  get: moderatorProcedure
    .input(CaseRef)
    .query(async ({ ctx, input }) => viewCase(ctx.db, input.caseId, await accessOf(ctx), staffActorOf(ctx), ctx.now())),

  /** The frames of the case's post matching a removed post's video, paired side by side, and when they are. */
  mediaMatch: moderatorProcedure
    .input(CaseMediaMatchInput)
    .query(async ({ ctx, input }) => mediaMatchForCase(ctx.db, input.caseId, input.matchedPostId, await accessOf(ctx))),

  /** A hash bank match that is wrong: the post goes into the "Not a match" safe bank, so it never flags again. */
  notAMatch: moderatorProcedure
    .input(CaseReasonInput)
    .mutation(async ({ ctx, input }) =>
      markNotAMatch(ctx.db, input, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),

  /** Takes the case's post out of the "Not a match" bank again. */
  undoNotAMatch: moderatorProcedure
    .input(CaseReasonInput)
    .mutation(async ({ ctx, input }) =>
      undoNotAMatch(ctx.db, input, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),

  /** Whether the case's post is marked as not a match. */
  notAMatchState: moderatorProcedure.input(CaseRef).query(async ({ ctx, input }) => {
    const c = await visibleCase(ctx.db, await accessOf(ctx), input.caseId);
    return { marked: c.postId ? await isMarkedNotAMatch(ctx.db, c.postId) : false };
  }),

  /** Removed posts whose file or video match the case's post, closest first (empty for other subjects). */
  similarRemoved: moderatorProcedure
    .input(CaseRef)
    .query(async ({ ctx, input }) => similarRemovedForCase(ctx.db, input.caseId, await accessOf(ctx))),

  /** Claims the highest-priority unclaimed case of a queue; null when the queue is empty for this reviewer. */
  next: moderatorProcedure.input(NextCaseInput).mutation(async ({ ctx, input }) => {
    const access = await accessOf(ctx);
    assertMayWork(access, input.queue);
    return {
      caseId: await claimNextCase(ctx.db, input.queue, reviewerOf(ctx), ctx.now(), access, {
        maxHeld: ctx.limits.maxHeldCases,
      }),
    };
  }),

  /** Claims a case, or renews the caller's lease on it while it stays open. */
  claim: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db, await accessOf(ctx), input.caseId);
    return claimCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now(), { maxHeld: ctx.limits.maxHeldCases });
  }),

  release: moderatorProcedure.input(CaseRef).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db, await accessOf(ctx), input.caseId);
    return releaseCase(ctx.db, input.caseId, reviewerOf(ctx), ctx.now());
  }),

  decide: moderatorProcedure.input(DecideCaseInput).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db, await accessOf(ctx), input.caseId);
    return decideCase(ctx.db, input, reviewerOf(ctx), ctx.now());
  }),

  /** One chunk of a bulk decision; all chunks of one action share `batchId`. */
  decideBulk: moderatorProcedure.input(DecideBulkInput).mutation(async ({ ctx, input }) => {
    await assertMayWorkCases(
      ctx.db,
      await accessOf(ctx),
      input.items.map((i) => i.caseId),
    );
    return { batchId: input.batchId, outcomes: await decideCasesBulk(ctx.db, input, reviewerOf(ctx), ctx.now()) };
  }),

  addNote: moderatorProcedure.input(AddCaseNoteInput).mutation(async ({ ctx, input }) => {
    await visibleCase(ctx.db, await accessOf(ctx), input.caseId);
    return addCaseNote(ctx.db, input, staffActorOf(ctx), ctx.now());
  }),
});
