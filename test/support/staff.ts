// Staff users and sessions for tests, created directly in the database (no sign-in round trip needed).
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import type { StaffRole } from "../../server/db/generated/enums.ts";
import { hashPassword } from "../../server/domain/auth/password.ts";
import { createSession } from "../../server/domain/auth/sessions.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import type { SessionUser } from "../../server/trpc.ts";

// A cheap scrypt cost for tests; production hashes use the default cost.
const FAST = { N: 1 << 10, r: 8, p: 1 };

export const TEST_PASSWORD = "correct horse battery staple";

export async function createStaff(db: Database, role: StaffRole, name?: string): Promise<SessionUser> {
  const id = crypto.randomBytes(4).toString("hex");
  const user = await db.prisma.staffUser.create({
    data: {
      email: `${role}-${id}@vigil.test`,
      displayName: name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${id}`,
      role,
      passwordHash: await hashPassword(TEST_PASSWORD, FAST),
    },
  });
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, preferences: {} };
}

/** A session cookie token for a user, as if they had signed in. */
export async function sessionTokenFor(db: Database, user: SessionUser, now = new Date()): Promise<string> {
  const { token } = await createSession(db.prisma, {
    userId: user.id,
    ip: "127.0.0.1",
    userAgent: "test",
    now,
    auth: DEFAULT_AUTH_CONFIG,
  });
  return token;
}
