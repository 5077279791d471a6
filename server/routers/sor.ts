// Statements of reasons for the EU DSA Transparency Database: staff export them for a period, as batches ready to
// submit or as CSV. An export publishes data about moderation decisions, so each one is audited.
import { router, staffActorOf, staffProcedure } from "../trpc.ts";
import { SorExportInput } from "../contracts/sor.ts";
import { exportStatementsOfReasons } from "../domain/sor/export-request.ts";
import { accessOf } from "../domain/access/queue-access.ts";

export const sorRouter = router({
  /** Restrictive decisions of a period as Transparency Database statements, oldest first. */
  export: staffProcedure
    .input(SorExportInput)
    .mutation(async ({ ctx, input }) =>
      exportStatementsOfReasons(ctx.db, input, await accessOf(ctx), staffActorOf(ctx), ctx.now),
    ),
});
