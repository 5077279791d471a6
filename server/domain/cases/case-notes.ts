// A reviewer's note on a case, written with its audit record in one transaction.
import type { AddCaseNoteInput } from "../../contracts/cases.ts";
import type { Database } from "../../db/client.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";

export function addCaseNote(db: Database, input: AddCaseNoteInput, author: StaffActor, now: Date) {
  return db.prisma.$transaction(async (tx) => {
    const note = await tx.caseNote.create({
      data: { caseId: input.caseId, authorId: author.id, body: input.body, createdAt: now },
      select: { id: true, createdAt: true },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(author),
        action: "case.note",
        subjectType: "case",
        subjectId: input.caseId,
        caseId: input.caseId,
        details: { noteId: note.id },
      },
      now,
    );
    return note;
  });
}
