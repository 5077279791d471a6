// Inputs of the case procedures: the queue list and its reports, one case, claiming and notes. Server-only (full
// zod): no console form shares them.
import { z } from "zod";
import { CaseStatus, QueueKind } from "../db/generated/enums.ts";

export const CASE_SORTS = ["priority", "oldest", "deadline"] as const;

export const CaseListInput = z.object({
  queue: z.enum(QueueKind).optional(),
  status: z.array(z.enum(CaseStatus)).min(1).max(4).optional(),
  sort: z.enum(CASE_SORTS).default("priority"),
  category: z.string().trim().min(1).max(64).optional(),
  minScore: z.number().min(0).max(1).optional(),
  hasCameo: z.boolean().optional(),
  minReporters: z.number().int().min(0).max(100_000).optional(),
  creatorHandle: z.string().trim().min(1).max(64).optional(),
  promptContains: z.string().trim().min(2).max(200).optional(),
  assigneeId: z.uuid().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CaseListInput = z.input<typeof CaseListInput>;

/** The period of the queue health and reviewer activity reports. */
export const QueueHealthInput = z.object({
  days: z
    .number()
    .int()
    .min(7, { message: "Choose at least 7 days" })
    .max(90, { message: "Choose at most 90 days" })
    .default(14),
});
export type QueueHealthInput = z.input<typeof QueueHealthInput>;

export const CaseRef = z.object({ caseId: z.uuid() });

/** A change on a case that needs a reason (a hash bank match marked wrong, and its undoing). */
export const CaseReasonInput = z.object({
  caseId: z.uuid(),
  reason: z.string().trim().min(3, { message: "Write the reason (at least 3 characters)" }).max(2_000),
});

/** A case's post against one removed post it matched: which frames, and when in each video. */
export const CaseMediaMatchInput = z.object({
  caseId: z.uuid(),
  matchedPostId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a post id" }),
});

export const NextCaseInput = z.object({ queue: z.enum(QueueKind) });

export const AddCaseNoteInput = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1, { message: "Write the note" }).max(4_000),
});
export type AddCaseNoteInput = z.output<typeof AddCaseNoteInput>;
