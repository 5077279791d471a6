// Plain HTTP endpoints for staff (uploads and downloads too large for tRPC): the session cookie authenticates, a
// request from another origin is refused, and the answer names what is missing.
import type { Request, Response } from "express";
import type { Database } from "../db/client.ts";
import type { AuthConfig } from "../config.ts";
import { parseCookies } from "./cookies.ts";
import { resolveSession, SESSION_COOKIE } from "../domain/auth/sessions.ts";
import { RESTRICTION_MESSAGES } from "../domain/auth/restrictions.ts";
import { roleAtLeast } from "../trpc.ts";
import type { StaffRole } from "../db/generated/enums.ts";
import type { StaffActor } from "../domain/audit/staff-actor.ts";

export interface StaffRequestOptions {
  db: Database;
  auth: AuthConfig;
  now: () => Date;
}

/** The signed-in staff member of at least `role`, or null with the refusal already sent. */
export async function staffOfRequest(
  opts: StaffRequestOptions,
  req: Request,
  res: Response,
  what: string,
  role: StaffRole = "staff",
): Promise<(StaffActor & { role: StaffRole }) | null> {
  const session = await resolveSession(
    opts.db.prisma,
    parseCookies(req.headers.cookie)[SESSION_COOKIE],
    opts.now(),
    opts.auth,
  );
  if (!session) {
    res.status(401).json({ error: `Sign in to ${what}.` });
    return null;
  }
  req.userId = session.user.id;
  if (session.user.restriction) {
    res.status(403).json({ error: RESTRICTION_MESSAGES[session.user.restriction] });
    return null;
  }
  if (!roleAtLeast(session.user.role, role)) {
    res.status(403).json({ error: `To ${what} needs the ${role} role; you are signed in as ${session.user.role}.` });
    return null;
  }
  return {
    id: session.user.id,
    displayName: session.user.displayName,
    requestId: req.requestId,
    ip: req.ip ?? null,
    role: session.user.role,
  };
}

/** Refuses a state-changing request sent from another origin (no cross-site uploads); true when refused. */
export function refuseCrossOrigin(req: Request, res: Response): boolean {
  const origin = req.get("origin");
  if (origin && origin !== `${req.protocol}://${req.get("host")}`) {
    res.status(403).json({ error: "Cross-origin requests are not allowed." });
    return true;
  }
  return false;
}
