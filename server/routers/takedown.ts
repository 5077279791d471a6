import { z } from "zod";
import { TakedownStatus, TakedownType } from "../db/generated/enums.ts";
import { publicProcedure, router, staffActorOf as staffOf, staffProcedure } from "../trpc.ts";
import { TakedownIntake } from "../contracts/takedown-intake.ts";
import { submitTakedownRequest } from "../domain/takedowns/intake.ts";
import {
  getTakedownDetail,
  LocatePostsInput,
  locatePosts,
  SetValidityInput,
  setValidity,
  TakedownDecisionInput,
  takeDownForRequest,
} from "../domain/takedowns/handling.ts";
import { CounterNoticeInput, recordCounterNotice, recordCourtAction } from "../domain/takedowns/counter-notice.ts";
import { decodeCursor, pageOf } from "../lib/keyset.ts";
import type { Prisma } from "../db/generated/client.ts";
import { accessOf, assertMayWork } from "../domain/access/queue-access.ts";

const TakedownListInput = z.object({
  type: z.enum(TakedownType).optional(),
  status: z.array(z.enum(TakedownStatus)).min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Takedown requests are the takedown queue's work: only a role that may work that queue sees or handles them. */
const takedownProcedure = staffProcedure.use(async ({ ctx, next }) => {
  assertMayWork(await accessOf(ctx), "takedown");
  return next();
});

export const takedownRouter = router({
  /** The public takedown form (no sign-in). Returns the reference the requester quotes in later contact. */
  submit: publicProcedure
    .input(TakedownIntake)
    .mutation(({ ctx, input }) => submitTakedownRequest(ctx.db, input, { ip: ctx.req.ip, requestId: ctx.req.requestId, now: ctx.now() })),

  /**
   * Notices from trusted flaggers first (DSA Art. 22: processed with priority), then by legal deadline, soonest
   * first; requests whose clock has not started come last.
   */
  list: takedownProcedure.input(TakedownListInput).query(async ({ ctx, input }) => {
    const and: Prisma.TakedownRequestWhereInput[] = [];
    if (input.type) and.push({ type: input.type });
    and.push({ status: { in: input.status ?? ["received", "needs_info", "valid", "counter_noticed"] } });
    if (input.cursor) {
      const [trusted, due, id] = decodeCursor(input.cursor, 3);
      const afterInGroup: Prisma.TakedownRequestWhereInput =
        due === null
          ? { dueAt: null, id: { gt: String(id) } }
          : { OR: [{ dueAt: { gt: new Date(String(due)) } }, { dueAt: new Date(String(due)), id: { gt: String(id) } }, { dueAt: null }] };
      and.push(
        trusted === 1
          ? { OR: [{ isTrustedFlagger: true, ...afterInGroup }, { isTrustedFlagger: false }] }
          : { isTrustedFlagger: false, ...afterInGroup },
      );
    }
    const rows = await ctx.db.prisma.takedownRequest.findMany({
      where: { AND: and },
      orderBy: [{ isTrustedFlagger: "desc" }, { dueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      take: input.limit + 1,
      select: {
        id: true,
        reference: true,
        type: true,
        status: true,
        source: true,
        requesterName: true,
        authority: true,
        isTrustedFlagger: true,
        missingElements: true,
        receivedAt: true,
        dueAt: true,
        _count: { select: { posts: true } },
      },
    });
    return pageOf(rows, input.limit, (r) => [r.isTrustedFlagger ? 1 : 0, r.dueAt?.toISOString() ?? null, r.id]);
  }),

  /** A request received by post, email or phone, typed in by staff: the same elements as the public form. */
  enter: takedownProcedure
    .input(TakedownIntake)
    .mutation(({ ctx, input }) =>
      submitTakedownRequest(ctx.db, input, { ip: ctx.req.ip, requestId: ctx.req.requestId, now: ctx.now(), enteredById: ctx.user.id }),
    ),

  /** One request with its located posts, identical copies not yet included, notices and decisions. */
  get: takedownProcedure.input(z.object({ requestId: z.uuid() })).query(({ ctx, input }) => getTakedownDetail(ctx.db.prisma, input.requestId)),

  /** Adds posts from pasted links or ids (or identical copies the request view offered). */
  locate: takedownProcedure.input(LocatePostsInput).mutation(({ ctx, input }) => locatePosts(ctx.db, input, staffOf(ctx), ctx.now())),

  /** The validity checklist's outcome; marking valid starts the TAKE IT DOWN clock. */
  setValidity: takedownProcedure.input(SetValidityInput).mutation(({ ctx, input }) => setValidity(ctx.db, input, staffOf(ctx), ctx.now())),

  /** Takes the selected posts down in one batch, with a statement of reasons for each and a notice to the requester. */
  takeDown: takedownProcedure.input(TakedownDecisionInput).mutation(({ ctx, input }) => takeDownForRequest(ctx.db, input, staffOf(ctx), ctx.now())),

  /** A DMCA counter-notice for one removed post: schedules the restore 10–14 business days out. */
  recordCounterNotice: takedownProcedure.input(CounterNoticeInput).mutation(({ ctx, input }) =>
    recordCounterNotice(ctx.db, input, staffOf(ctx), ctx.now()),
  ),

  /** The complainant reported a court action: the scheduled restore is cancelled. */
  recordCourtAction: takedownProcedure.input(z.object({ counterNoticeId: z.uuid() })).mutation(({ ctx, input }) =>
    recordCourtAction(ctx.db, input.counterNoticeId, staffOf(ctx), ctx.now()),
  ),
});
