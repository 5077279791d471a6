// A staff export of statements of reasons for a period, as batches ready to submit or as CSV. An export
// publishes data about moderation decisions, so each one is audited.
import type { SorExportInput } from "../../contracts/sor.ts";
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { decodeCursor, encodeCursor } from "../../lib/keyset.ts";
import type { ContentAccess } from "../access/queue-access.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { exportStatements, newExportReport, toCsv, type InvalidStatement } from "./export.ts";
import type { TransparencyStatement } from "./transparency-db.ts";

const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(startOfDay(day).getTime() + 86_400_000);

export type ExportResult = {
  count: number;
  invalid: InvalidStatement[];
  outsideEea: number;
  nextCursor: string | null;
} & ({ format: "json"; batches: { statements: TransparencyStatement[] }[] } | { format: "csv"; csv: string });

/** Restrictive decisions of a period as Transparency Database statements, oldest first. */
export async function exportStatementsOfReasons(
  db: Database,
  input: SorExportInput,
  access: ContentAccess,
  staff: StaffActor,
  now: () => Date,
): Promise<ExportResult> {
  // The export is a complete legal record of every restrictive decision: a role kept from some content cannot
  // make a complete one, so it is refused rather than silently shortened.
  if (access.closed.length) {
    throw new DomainError(
      "FORBIDDEN",
      `Exporting statements of reasons needs a role that may work every queue; ${access.role} may not work ${access.closed.join(", ")}.`,
    );
  }
  if (input.since && input.until && input.until < input.since) {
    throw new DomainError("BAD_REQUEST", "until: the last day must not be before the first day (since).", {
      field: "until",
    });
  }
  let after: { createdAt: Date; id: string } | undefined;
  if (input.cursor) {
    const [at, id] = decodeCursor(input.cursor, 2);
    const createdAt = new Date(String(at));
    if (typeof id !== "string" || Number.isNaN(createdAt.getTime())) {
      throw new DomainError("BAD_REQUEST", "cursor: not a cursor this export produced; start again without it.", {
        field: "cursor",
      });
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
  for await (const batch of exportStatements(db, options)) batches.push(batch);
  const nextCursor = report.next ? encodeCursor([report.next.createdAt.toISOString(), report.next.id]) : null;

  const at = now();
  await db.prisma.$transaction((tx) =>
    appendAudit(
      tx,
      {
        ...staffAuditActor(staff),
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
      at,
    ),
  );

  const common = { count: report.exported, invalid: report.invalid, outsideEea: report.outsideEea, nextCursor };
  if (input.format === "csv") return { ...common, format: "csv", csv: toCsv(batches.flat()) };
  return { ...common, format: "json", batches: batches.map((statements) => ({ statements })) };
}
