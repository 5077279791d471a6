// Statements of reasons for the EU DSA Transparency Database: staff export them for a period, as batches ready to
// submit or as CSV. An export publishes data about moderation decisions, so each one is audited.
import { z } from "zod";
import { auditActor, router, staffProcedure } from "../trpc.ts";
import { appendAudit } from "../domain/audit/audit-log.ts";
import { exportStatements, newExportReport, toCsv, type InvalidStatement } from "../domain/sor/export.ts";
import type { TransparencyStatement } from "../domain/sor/transparency-db.ts";
import { isIsoDay } from "../domain/sor/validate.ts";
import { decodeCursor, encodeCursor } from "../lib/keyset.ts";
import { DomainError } from "../lib/errors.ts";
import { accessOf } from "../domain/access/queue-access.ts";

export const MAX_EXPORT = 10_000;

const Day = z.string().max(10).refine(isIsoDay, { message: "Use a date in the form YYYY-MM-DD" });

const SorExportInput = z.object({
  /** first day included (UTC) */
  since: Day.optional(),
  /** last day included (UTC) */
  until: Day.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.number().int().min(1).max(MAX_EXPORT).default(MAX_EXPORT),
  /** a previous export's nextCursor, to continue where its limit stopped it */
  cursor: z.string().max(200).optional(),
});

const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(startOfDay(day).getTime() + 86_400_000);

type ExportResult = {
  count: number;
  invalid: InvalidStatement[];
  outsideEea: number;
  nextCursor: string | null;
} & ({ format: "json"; batches: { statements: TransparencyStatement[] }[] } | { format: "csv"; csv: string });

export const sorRouter = router({
  /** Restrictive decisions of a period as Transparency Database statements, oldest first. */
  export: staffProcedure.input(SorExportInput).mutation(async ({ ctx, input }): Promise<ExportResult> => {
    // The export is a complete legal record of every restrictive decision: a role kept from some content cannot
    // make a complete one, so it is refused rather than silently shortened.
    const access = await accessOf(ctx);
    if (access.closed.length) {
      throw new DomainError("FORBIDDEN", `Exporting statements of reasons needs a role that may work every queue; ${access.role} may not work ${access.closed.join(", ")}.`);
    }
    if (input.since && input.until && input.until < input.since) {
      throw new DomainError("BAD_REQUEST", "until: the last day must not be before the first day (since).", { field: "until" });
    }
    let after: { createdAt: Date; id: string } | undefined;
    if (input.cursor) {
      const [at, id] = decodeCursor(input.cursor, 2);
      const createdAt = new Date(String(at));
      if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) {
        throw new DomainError("BAD_REQUEST", "cursor: not a cursor this export produced; start again without it.", { field: "cursor" });
      }
      after = { createdAt, id };
    }

    const report = newExportReport();
    const batches: TransparencyStatement[][] = [];
    const options = {
      since: input.since ? startOfDay(input.since) : undefined,
      until: input.until ? dayAfter(input.until) : undefined,
      after,
      limit: input.limit,
      report,
    };
    for await (const batch of exportStatements(ctx.db, options)) batches.push(batch);
    const nextCursor = report.next ? encodeCursor([report.next.createdAt.toISOString(), report.next.id]) : null;

    const now = ctx.now();
    await ctx.db.prisma.$transaction((tx) =>
      appendAudit(
        tx,
        {
          ...auditActor(ctx),
          action: "sor.export",
          subjectType: "sor_export",
          details: {
            since: input.since ?? null,
            until: input.until ?? null,
            format: input.format,
            count: report.exported,
            invalid: report.invalid.length,
            outsideEea: report.outsideEea,
            truncated: nextCursor !== null,
          },
        },
        now,
      ),
    );

    const common = { count: report.exported, invalid: report.invalid, outsideEea: report.outsideEea, nextCursor };
    if (input.format === "csv") return { ...common, format: "csv", csv: toCsv(batches.flat()) };
    return { ...common, format: "json", batches: batches.map((statements) => ({ statements })) };
  }),
});
