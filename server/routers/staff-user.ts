import { adminProcedure, auditActor, router } from "../trpc.ts";
import {
  createStaffUser,
  NewStaffUserInput,
  staffUserSelect,
  UpdateStaffUserInput,
  updateStaffUser,
} from "../domain/staff/staff-users.ts";
import { resetStaffPassword } from "../domain/staff/password-reset.ts";
import { ResetStaffPasswordInput } from "../contracts/staff.ts";

export const staffUserRouter = router({
  list: adminProcedure.query(({ ctx }) =>
    ctx.db.prisma.staffUser.findMany({ orderBy: [{ role: "desc" }, { displayName: "asc" }], select: staffUserSelect }),
  ),
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
