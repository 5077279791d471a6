// Renders the whole app at a URL, signed in as a fresh staff member of the given role (or signed out).
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { StaffRole } from "../../../server/db/generated/enums.ts";
import type { SessionUser } from "../../../server/trpc.ts";
import { App } from "../../../client/app/app.tsx";
import { createQueryClient } from "../../../client/lib/query-client.ts";
import { createStaff, sessionTokenFor } from "../../support/staff.ts";
import { setSessionToken, testDatabase } from "./api-server.ts";

/**
 * `now`: when the session is created, for tests that run the router on their own clock (configureApiServer).
 * `as`: sign in as this existing staff member instead of a fresh one of `role`.
 */
export async function renderAppAs(
  role: StaffRole | null,
  path = "/queues",
  options: { name?: string; now?: Date; as?: SessionUser } = {},
) {
  const db = await testDatabase();
  const now = options.now;
  let staff: SessionUser | null = null;
  if (role) {
    staff = options.as ?? (await createStaff(db, role, options.name));
    setSessionToken(await sessionTokenFor(db, staff, now));
  } else {
    setSessionToken(null);
  }
  window.history.replaceState(null, "", path);
  const user = userEvent.setup();
  const view = render(<App queryClient={createQueryClient()} />);
  return { ...view, user, staff, db };
}

/** The path and query string the app is showing. */
export function currentUrl(): { path: string; params: URLSearchParams } {
  return { path: window.location.pathname, params: new URLSearchParams(window.location.search) };
}
