// Input of the audit log page. Server-only (full zod).
import { z } from "zod";

export const AuditListInput = z.object({
  action: z.string().trim().min(1).max(80).optional(),
  actorId: z.uuid().optional(),
  subjectId: z.string().trim().min(1).max(120).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** the id of the last row seen; pages go from newest to oldest */
  cursor: z.string().regex(/^\d+$/, { message: "must be a row id" }).optional(),
});
export type AuditListInput = z.output<typeof AuditListInput>;
