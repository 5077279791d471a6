import { z } from "zod";
import { router, staffActorOf, staffProcedure } from "../trpc.ts";
import { LinkComplaintInput, NewProtectedLikenessInput, RemoveProtectedLikenessInput, VerifyComplaintInput } from "../contracts/cameos.ts";
import { ComplaintListInput, getComplaint, linkComplaint, listComplaints, verifyComplaint, viewComplaintEvidence } from "../domain/likeness/complaints.ts";
import { addProtectedLikeness, listProtectedLikenesses, removeProtectedLikeness } from "../domain/likeness/protected-register.ts";

const SignalRef = z.object({ signalId: z.uuid() });

export const likenessRouter = router({
  /** Likeness complaints, newest first; evidence is never part of a list. */
  complaints: staffProcedure.input(ComplaintListInput).query(({ ctx, input }) => listComplaints(ctx.db.prisma, input)),
  complaint: staffProcedure.input(SignalRef).query(({ ctx, input }) => getComplaint(ctx.db.prisma, input.signalId)),
  /** The identity evidence and the complainant's contact. A mutation: every view is written to the audit log. */
  viewEvidence: staffProcedure.input(SignalRef).mutation(({ ctx, input }) => viewComplaintEvidence(ctx.db, input.signalId, staffActorOf(ctx), ctx.now())),
  verify: staffProcedure.input(VerifyComplaintInput).mutation(({ ctx, input }) => verifyComplaint(ctx.db, input, staffActorOf(ctx), ctx.now())),
  link: staffProcedure.input(LinkComplaintInput).mutation(({ ctx, input }) => linkComplaint(ctx.db, input, staffActorOf(ctx), ctx.now())),

  protectedList: staffProcedure
    .input(z.object({ search: z.string().trim().max(200).optional(), includeRemoved: z.boolean().default(false) }))
    .query(({ ctx, input }) => listProtectedLikenesses(ctx.db.prisma, input)),
  protectedAdd: staffProcedure.input(NewProtectedLikenessInput).mutation(({ ctx, input }) => addProtectedLikeness(ctx.db, input, staffActorOf(ctx), ctx.now())),
  protectedRemove: staffProcedure.input(RemoveProtectedLikenessInput).mutation(({ ctx, input }) => removeProtectedLikeness(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
