// Signing out: the session ends and the sign-out is audited, in one transaction.
import type { Database } from "../../db/client.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { revokeSession } from "./sessions.ts";

export async function signOut(db: Database, sessionId: string | null, staff: StaffActor, now: Date): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    if (sessionId) await revokeSession(tx, sessionId, now);
    await appendAudit(
      tx,
      { ...staffAuditActor(staff), action: "auth.sign_out", subjectType: "staff_user", subjectId: staff.id },
      now,
    );
  });
}
