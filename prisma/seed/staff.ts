// The demo staff: one account per role plus two more moderators, so claims and appeals (which need a second
// reviewer) can be tried out. Passwords are fixed and printed by the seed CLI; never use this outside a demo.
import type { Rng } from "./random.ts";
import type { StaffSeed } from "./world.ts";

export const DEMO_STAFF: readonly Omit<StaffSeed, "id">[] = [
  { email: "moderator@vigil.test", displayName: "Maya Okafor", role: "moderator", password: "moderator-demo-pass" },
  { email: "moderator2@vigil.test", displayName: "Jonas Weber", role: "moderator", password: "moderator2-demo-pass" },
  { email: "moderator3@vigil.test", displayName: "Lena Park", role: "moderator", password: "moderator3-demo-pass" },
  { email: "staff@vigil.test", displayName: "Daniel Brandt", role: "staff", password: "staff-demo-pass" },
  { email: "admin@vigil.test", displayName: "Priya Raman", role: "admin", password: "admin-demo-pass" },
];

export function buildStaff(rng: Rng, createdAtMs: number): StaffSeed[] {
  return DEMO_STAFF.map((p, i) => ({ ...p, id: rng.uuid7(createdAtMs + i) }));
}

export function staffByRole(staff: StaffSeed[], role: StaffSeed["role"]): StaffSeed[] {
  return staff.filter((s) => s.role === role);
}
