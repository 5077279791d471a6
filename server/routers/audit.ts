import { adminProcedure, router, staffActorOf, staffProcedure } from "../trpc.ts";
import { describeChainProblem, verifyAuditLog } from "../domain/audit/audit-verification.ts";
import { auditLogStatus } from "../domain/audit/audit-status.ts";
import { AuditListInput } from "../contracts/audit.ts";
import { accessOf } from "../domain/access/queue-access.ts";
import { listAuditLog } from "../domain/audit/audit-list.ts";

export const auditRouter = router({
  /** Rows newest first, by action prefix, actor or subject; rows about content kept from the caller are left out. */
  list: staffProcedure
    .input(AuditListInput)
    .query(async ({ ctx, input }) => listAuditLog(ctx.db, input, await accessOf(ctx))),

  /** When the chain was last checked and whether it held, and the checkpoint outside the database. */
  status: staffProcedure.query(({ ctx }) => auditLogStatus(ctx.db)),

  /**
   * Recomputes every row's keyed hash and link and holds the chain against the checkpoint outside the database:
   * an edited, re-chained or truncated log does not hold. The check is recorded and audited.
   */
  verify: adminProcedure.mutation(async ({ ctx }) => {
    const result = await verifyAuditLog(ctx.db, { now: ctx.now(), actor: staffActorOf(ctx) });
    return {
      held: result.held,
      checked: result.checked,
      throughSeq: result.throughSeq.toString(),
      brokenAtSeq: result.brokenAtSeq?.toString() ?? null,
      problem: result.problem,
      summary: describeChainProblem(result.problem, result.brokenAtSeq),
      checkpointSeq: result.checkpoint?.seq.toString() ?? null,
    };
  }),
});
