import { z } from "zod";
import { adminProcedure, router, staffActorOf, staffProcedure } from "../trpc.ts";
import { describeChainProblem, verifyAuditLog } from "../domain/audit/audit-verification.ts";
import { auditLogStatus } from "../domain/audit/audit-status.ts";
import type { Prisma } from "../db/generated/client.ts";
import { accessOf } from "../domain/access/queue-access.ts";
import { visibleAuditRows } from "../domain/audit/audit-visibility.ts";

const AuditListInput = z.object({
  action: z.string().trim().min(1).max(80).optional(),
  actorId: z.uuid().optional(),
  subjectId: z.string().trim().min(1).max(120).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** the id of the last row seen; pages go from newest to oldest */
  cursor: z.string().regex(/^\d+$/, { message: "must be a row id" }).optional(),
});

export const auditRouter = router({
  list: staffProcedure.input(AuditListInput).query(async ({ ctx, input }) => {
    const where: Prisma.AuditLogWhereInput = {};
    if (input.action) where.action = { startsWith: input.action };
    if (input.actorId) where.actorId = input.actorId;
    if (input.subjectId) where.subjectId = input.subjectId;
    if (input.cursor) where.id = { lt: BigInt(input.cursor) };
    const rows = await ctx.db.prisma.auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      take: input.limit + 1,
      select: {
        id: true,
        at: true,
        actorType: true,
        action: true,
        subjectType: true,
        subjectId: true,
        caseId: true,
        batchId: true,
        details: true,
        actor: { select: { id: true, displayName: true, role: true } },
      },
    });
    const page = rows.slice(0, input.limit);
    // Rows kept from the caller leave a page short; the cursor still continues after the last row read.
    const items = (await visibleAuditRows(ctx.db.prisma, await accessOf(ctx), page)).map((r) => ({ ...r, id: r.id.toString() }));
    return { items, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id.toString() : null };
  }),

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
