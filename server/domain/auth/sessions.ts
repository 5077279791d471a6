// Staff sessions live in the database (any app server can serve any request). The cookie carries a random token;
// only its SHA-256 is stored, so a leaked database does not leak live sessions.
import crypto from "node:crypto";
import type { Tx } from "../../db/tx.ts";
import type { AuthConfig } from "../../config.ts";
import type { SessionUser } from "../access/roles.ts";
import { sessionRestriction } from "./restrictions.ts";

export const SESSION_COOKIE = "vigil_session";

// lastSeenAt is refreshed at most this often, so reads do not turn every request into a write.
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  tx: Tx,
  input: { userId: string; ip: string; userAgent: string | null; now: Date; auth: AuthConfig },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const sessionId = hashToken(token);
  const expiresAt = new Date(input.now.getTime() + input.auth.maxHours * 3_600_000);
  await tx.session.create({
    data: {
      id: sessionId,
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, sessionId, expiresAt };
}

/** The signed-in user for a cookie token, or null when the session is unknown, revoked, idle or expired. */
export async function resolveSession(
  tx: Tx,
  token: string | undefined,
  now: Date,
  auth: AuthConfig,
): Promise<{ user: SessionUser; sessionId: string } | null> {
  if (!token || token.length > 200) return null;
  const sessionId = hashToken(token);
  const session = await tx.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      user: {
        select: {
          id: true,
          email: true,
          displayName: true,
          role: true,
          preferences: true,
          disabledAt: true,
          mustChangePassword: true,
          secondFactor: { select: { confirmedAt: true } },
        },
      },
    },
  });
  if (!session || session.revokedAt || session.user.disabledAt) return null;
  if (session.expiresAt <= now) return null;
  if (session.lastSeenAt.getTime() + auth.idleMinutes * 60_000 <= now.getTime()) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await tx.session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { disabledAt: _disabled, preferences, mustChangePassword, secondFactor, ...user } = session.user;
  const restriction = sessionRestriction(
    { role: user.role, mustChangePassword, hasSecondFactor: !!secondFactor?.confirmedAt },
    auth,
  );
  return { user: { ...user, preferences: (preferences ?? {}) as Record<string, unknown>, restriction }, sessionId };
}

export async function revokeSession(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

export async function revokeUserSessions(tx: Tx, userId: string, now: Date): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Ends every session of the user but the one making the request; how many were still open. */
export async function revokeOtherSessions(
  tx: Tx,
  userId: string,
  keepSessionId: string | null,
  now: Date,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(keepSessionId ? { id: { not: keepSessionId } } : {}),
    },
    data: { revokedAt: now },
  });
  return count;
}
