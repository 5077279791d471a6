import type { ReactNode } from "react";
import { useCurrentUser } from "../../lib/auth.ts";
import { roleAtLeast, type StaffRole } from "../../lib/roles.ts";

/** A page the role may not use says so plainly instead of showing a wall of refused requests. */
export function RequireRole({ min, area, children }: { min: StaffRole; area: string; children: ReactNode }) {
  const user = useCurrentUser();
  if (roleAtLeast(user.role, min)) return <>{children}</>;
  return (
    <section className="role-refusal" aria-labelledby="role-refusal-title">
      <h1 id="role-refusal-title">{area}</h1>
      <p role="alert">
        You need the {min} role to use {area}. You are signed in as {user.role}; ask an admin if your work needs it.
      </p>
    </section>
  );
}
