import { publicProcedure, router, staffActorOf as staffOf, staffProcedure } from "../trpc.ts";
import { TakedownIntake } from "../contracts/takedown-intake.ts";
import {
  CounterNoticeInput,
  CourtActionInput,
  LocatePostsInput,
  SetValidityInput,
  TakedownDecisionInput,
  TakedownListInput,
  TakedownRef,
} from "../contracts/takedowns.ts";
import { submitTakedownRequest } from "../domain/takedowns/intake.ts";
import { getTakedownDetail, locatePosts, setValidity, takeDownForRequest } from "../domain/takedowns/handling.ts";
import { recordCounterNotice, recordCourtAction } from "../domain/takedowns/counter-notice.ts";
import { listTakedownRequests } from "../domain/takedowns/takedown-list.ts";
import { accessOf, assertMayWork } from "../domain/access/queue-access.ts";

/** Takedown requests are the takedown queue's work: only a role that may work that queue sees or handles them. */
const takedownProcedure = staffProcedure.use(async ({ ctx, next }) => {
  assertMayWork(await accessOf(ctx), "takedown");
  return next();
});

export const takedownRouter = router({
  /** The public takedown form (no sign-in). Returns the reference the requester quotes in later contact. */
  submit: publicProcedure
    .input(TakedownIntake)
    .mutation(({ ctx, input }) =>
      submitTakedownRequest(ctx.db, input, { ip: ctx.req.ip, requestId: ctx.req.requestId, now: ctx.now() }),
    ),

  /**
   * Notices from trusted flaggers first (DSA Art. 22: processed with priority), then by legal deadline, soonest
   * first; requests whose clock has not started come last.
   */
  list: takedownProcedure.input(TakedownListInput).query(({ ctx, input }) => listTakedownRequests(ctx.db, input)),

  /** A request received by post, email or phone, typed in by staff: the same elements as the public form. */
  enter: takedownProcedure.input(TakedownIntake).mutation(({ ctx, input }) =>
    submitTakedownRequest(ctx.db, input, {
      ip: ctx.req.ip,
      requestId: ctx.req.requestId,
      now: ctx.now(),
      enteredById: ctx.user.id,
    }),
  ),

  /** One request with its located posts, identical copies not yet included, notices and decisions. */
  get: takedownProcedure.input(TakedownRef).query(({ ctx, input }) => getTakedownDetail(ctx.db, input.requestId)),

  /** Adds posts from pasted links or ids (or identical copies the request view offered). */
  locate: takedownProcedure
    .input(LocatePostsInput)
    .mutation(({ ctx, input }) => locatePosts(ctx.db, input, staffOf(ctx), ctx.now())),

  /** The validity checklist's outcome; marking valid starts the TAKE IT DOWN clock. */
  setValidity: takedownProcedure
    .input(SetValidityInput)
    .mutation(({ ctx, input }) => setValidity(ctx.db, input, staffOf(ctx), ctx.now())),

  /** Takes the selected posts down in one batch, with a statement of reasons for each and a notice to the requester. */
  takeDown: takedownProcedure
    .input(TakedownDecisionInput)
    .mutation(({ ctx, input }) => takeDownForRequest(ctx.db, input, staffOf(ctx), ctx.now())),

  /** A DMCA counter-notice for one removed post: schedules the restore 10–14 business days out. */
  recordCounterNotice: takedownProcedure
    .input(CounterNoticeInput)
    .mutation(({ ctx, input }) => recordCounterNotice(ctx.db, input, staffOf(ctx), ctx.now())),

  /** The complainant reported a court action: the scheduled restore is cancelled. */
  recordCourtAction: takedownProcedure
    .input(CourtActionInput)
    .mutation(({ ctx, input }) => recordCourtAction(ctx.db, input.counterNoticeId, staffOf(ctx), ctx.now())),
});
