import { adminProcedure, auditActor, router } from "../trpc.ts";
import {
  createStaffUser,
  NewStaffUserInput,
  staffUserSelect,
  UpdateStaffUserInput,
  updateStaffUser,
} from "../domain/staff/staff-users.ts";

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
});
