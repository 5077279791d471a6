// The staff role ladder and the signed-in user the domain acts for. The tRPC layer (server/trpc.ts) gates
// procedures with it; domain rules use it without depending on that layer.
import type { StaffRole } from "../../db/generated/enums.ts";
import type { SessionRestriction } from "../auth/restrictions.ts";

export const ROLE_RANK: Record<StaffRole, number> = { moderator: 1, staff: 2, admin: 3 };
export const STAFF_ROLES = ["moderator", "staff", "admin"] as const satisfies readonly StaffRole[];

export function roleAtLeast(role: StaffRole, min: StaffRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  preferences: Record<string, unknown>;
  /** the one task the session must do before anything else (a reset password, a required second factor) */
  restriction?: SessionRestriction | null;
}
