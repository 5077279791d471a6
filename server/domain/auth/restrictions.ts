// A signed-in session can be held to one task before the console opens: a password an admin reset must be
// replaced, and a role that requires a second factor must enrol one. The server enforces it on every procedure
// (server/trpc.ts); the client only routes the person to the page that lifts it.
import type { StaffRole } from "../../db/generated/enums.ts";
import type { AuthConfig } from "../../config.ts";

export const SESSION_RESTRICTIONS = ["password_change", "second_factor_enrolment"] as const;
export type SessionRestriction = (typeof SESSION_RESTRICTIONS)[number];

export const RESTRICTION_MESSAGES: Record<SessionRestriction, string> = {
  password_change:
    "Your password was reset by an admin. Choose a new password in Account security before you continue.",
  second_factor_enrolment:
    "Your role requires two-factor sign-in. Set up an authenticator app in Account security before you continue.",
};

export function requiresSecondFactor(role: StaffRole, auth: AuthConfig): boolean {
  return auth.requireSecondFactorFor.includes(role);
}

/** The one task a session must do first, or null. A reset password comes before enrolment. */
export function sessionRestriction(
  user: { role: StaffRole; mustChangePassword: boolean; hasSecondFactor: boolean },
  auth: AuthConfig,
): SessionRestriction | null {
  if (user.mustChangePassword) return "password_change";
  if (!user.hasSecondFactor && requiresSecondFactor(user.role, auth)) return "second_factor_enrolment";
  return null;
}
