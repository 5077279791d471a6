// "Your sessions": the signed-in staff member's open sessions, and ending them. A session is named to its owner by
// its public id; the token and its hash never leave the server. One person can only see and end their own.
import type { Database } from "../../db/client.ts";
import type { AuthConfig } from "../../config.ts";
import { DomainError } from "../../lib/errors.ts";
import { appendAudit, type AuditEntry } from "../audit/audit-log.ts";
import { revokeOtherSessions } from "./sessions.ts";
import { describeUserAgent } from "./user-agent.ts";

type Actor = Pick<AuditEntry, "actorType" | "actorId" | "requestId" | "ip">;

/** Sessions still usable now: not ended, not past their absolute or idle expiry. */
export async function listOwnSessions(
  db: Database,
  userId: string,
  currentSessionId: string | null,
  now: Date,
  auth: AuthConfig,
) {
  const idleSince = new Date(now.getTime() - auth.idleMinutes * 60_000);
  const sessions = await db.prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, publicId: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
  });
  return sessions.map((s) => ({
    id: s.publicId,
    device: describeUserAgent(s.userAgent),
    ip: s.ip,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    isCurrent: s.id === currentSessionId,
  }));
}

export async function endOwnSession(
  db: Database,
  input: { userId: string; publicId: string; currentSessionId: string | null },
  actor: Actor,
  now: Date,
): Promise<{ endedCurrent: boolean }> {
  return db.prisma.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { publicId: input.publicId, userId: input.userId, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true },
    });
    if (!session) throw new DomainError("NOT_FOUND", "That session has already ended.");
    await tx.session.update({ where: { id: session.id }, data: { revokedAt: now } });
    const endedCurrent = session.id === input.currentSessionId;
    await appendAudit(
      tx,
      {
        ...actor,
        action: "auth.session_ended",
        subjectType: "staff_user",
        subjectId: input.userId,
        details: { session: input.publicId, current: endedCurrent },
      },
      now,
    );
    return { endedCurrent };
  });
}

export async function endOtherOwnSessions(
  db: Database,
  input: { userId: string; currentSessionId: string | null },
  actor: Actor,
  now: Date,
): Promise<{ ended: number }> {
  return db.prisma.$transaction(async (tx) => {
    const ended = await revokeOtherSessions(tx, input.userId, input.currentSessionId, now);
    await appendAudit(
      tx,
      {
        ...actor,
        action: "auth.other_sessions_ended",
        subjectType: "staff_user",
        subjectId: input.userId,
        details: { ended },
      },
      now,
    );
    return { ended };
  });
}
