import { router, staffActorOf, staffProcedure } from "../trpc.ts";
import {
  ComplaintListInput,
  ComplaintRef,
  LinkComplaintInput,
  NewProtectedLikenessInput,
  ProtectedListInput,
  RemoveProtectedLikenessInput,
  VerifyComplaintInput,
} from "../contracts/cameos.ts";
import {
  linkComplaint,
  listComplaints,
  verifyComplaint,
  viewComplaintEvidence,
} from "../domain/likeness/complaints.ts";
import { complaintDetail } from "../domain/likeness/complaint-detail.ts";
import { accessOf } from "../domain/access/queue-access.ts";
import {
  addProtectedLikeness,
  listProtectedLikenesses,
  removeProtectedLikeness,
} from "../domain/likeness/protected-register.ts";

export const likenessRouter = router({
  /** Likeness complaints, newest first; evidence is never part of a list. */
  complaints: staffProcedure
    .input(ComplaintListInput)
    .query(async ({ ctx, input }) => listComplaints(ctx.db, input, await accessOf(ctx))),
  complaint: staffProcedure
    .input(ComplaintRef)
    .query(async ({ ctx, input }) => complaintDetail(ctx.db, input.signalId, await accessOf(ctx))),
  /** The identity evidence and the complainant's contact. A mutation: every view is written to the audit log. */
  viewEvidence: staffProcedure
    .input(ComplaintRef)
    .mutation(async ({ ctx, input }) =>
      viewComplaintEvidence(ctx.db, input.signalId, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),
  verify: staffProcedure
    .input(VerifyComplaintInput)
    .mutation(async ({ ctx, input }) =>
      verifyComplaint(ctx.db, input, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),
  link: staffProcedure
    .input(LinkComplaintInput)
    .mutation(async ({ ctx, input }) =>
      linkComplaint(ctx.db, input, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),

  protectedList: staffProcedure
    .input(ProtectedListInput)
    .query(({ ctx, input }) => listProtectedLikenesses(ctx.db, input)),
  protectedAdd: staffProcedure
    .input(NewProtectedLikenessInput)
    .mutation(({ ctx, input }) => addProtectedLikeness(ctx.db, input, staffActorOf(ctx), ctx.now())),
  protectedRemove: staffProcedure
    .input(RemoveProtectedLikenessInput)
    .mutation(({ ctx, input }) => removeProtectedLikeness(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
