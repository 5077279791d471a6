// The role ladder as the client sees it. The server enforces access; the client only hides what it would refuse.
import type { RouterOutputs } from "./trpc.ts";

export type CurrentUser = NonNullable<RouterOutputs["auth"]["me"]>;
export type StaffRole = CurrentUser["role"];

const ROLE_RANK: Record<StaffRole, number> = { moderator: 1, staff: 2, admin: 3 };

export { STAFF_ROLES } from "@contracts/staff.ts";

export function roleAtLeast(role: StaffRole, min: StaffRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}
