import { adminProcedure, auditActor, router } from "../trpc.ts";
import { NewStaffUserInput, ResetStaffPasswordInput, UpdateStaffUserInput } from "../contracts/staff.ts";
import { createStaffUser, updateStaffUser } from "../domain/staff/staff-users.ts";
import { listStaffUsers } from "../domain/staff/staff-list.ts";
import { resetStaffPassword } from "../domain/staff/password-reset.ts";

export const staffUserRouter = router({
  list: adminProcedure.query(({ ctx }) => listStaffUsers(ctx.db)),
  create: adminProcedure
    .input(NewStaffUserInput)
    .mutation(({ ctx, input }) => createStaffUser(ctx.db, input, auditActor(ctx), ctx.now())),
  update: adminProcedure
    .input(UpdateStaffUserInput)
    .mutation(({ ctx, input }) => updateStaffUser(ctx.db, input, auditActor(ctx), ctx.now())),
  /** A one-time password for someone else, shown once; they must replace it at their next sign-in. */
  resetPassword: adminProcedure
    .input(ResetStaffPasswordInput)
    .mutation(({ ctx, input }) => resetStaffPassword(ctx.db, input, auditActor(ctx), ctx.now())),
});
