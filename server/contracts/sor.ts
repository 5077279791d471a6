// Input of the statements-of-reasons export. Server-only (full zod).
import { z } from "zod";
import { isIsoDay } from "../domain/sor/validate.ts";

/** The most statements one export returns; a longer period continues with the export's nextCursor. */
export const MAX_EXPORT = 10_000;

const Day = z.string().max(10).refine(isIsoDay, { message: "Use a date in the form YYYY-MM-DD" });

export const SorExportInput = z.object({
  /** first day included (UTC) */
  since: Day.optional(),
  /** last day included (UTC) */
  until: Day.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.number().int().min(1).max(MAX_EXPORT).default(MAX_EXPORT),
  /** a previous export's nextCursor, to continue where its limit stopped it */
  cursor: z.string().max(200).optional(),
});
export type SorExportInput = z.output<typeof SorExportInput>;
