import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { resetStaffPassword } from "../../server/domain/staff/password-reset.ts";
import { createStaff } from "../support/staff.ts";
import { testClock } from "../support/session-caller.ts";
import { configureApiServer, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

describe("password reset", () => {
  beforeAll(() => testDatabase());

  it("[ADMIN] resets a member's password on the Team page and sees the one-time password once", async () => {
    const clock = testClock("2026-06-20T09:00:00Z");
    configureApiServer({ now: clock.now });
    const db = await testDatabase();
    const lee = await createStaff(db, "moderator", "Lee Locked-out");
    const { user } = await renderAppAs("admin", "/team", { name: "Ada Admin", now: clock.now() });
    const table = within(await screen.findByRole("table", { name: "Staff" }));
    const me = (await table.findByRole("cell", { name: "Ada Admin" })).closest("tr")!;
    expect(within(me).queryByRole("button", { name: /Reset password/ })).not.toBeInTheDocument();

    await user.click(await table.findByRole("button", { name: "Reset password of Lee Locked-out" }));
    const dialog = within(screen.getByRole("dialog", { name: "Reset password for Lee Locked-out" }));
    expect(dialog.getByRole("checkbox", { name: /Also turn off their two-factor sign-in/ })).not.toBeChecked();
    await user.click(dialog.getByRole("button", { name: "Reset password" }));

    const field = (await dialog.findByLabelText("One-time password")) as HTMLInputElement;
    expect(field.value).toMatch(/^[2-9a-hjkmnp-z]{5}(-[2-9a-hjkmnp-z]{5}){3}$/);
    expect(field).toHaveAttribute("readonly");
    expect(dialog.getByRole("status")).toHaveTextContent(
      "Lee Locked-out was signed out everywhere. At their next sign-in they must choose a new password.",
    );
    expect(
      await db.prisma.staffUser.findUniqueOrThrow({ where: { id: lee.id }, select: { mustChangePassword: true } }),
    ).toEqual({ mustChangePassword: true });

    await user.click(dialog.getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("[MODERATOR] signing in with a one-time password leads only to choosing a new one", async () => {
    const clock = testClock("2026-06-21T09:00:00Z");
    configureApiServer({ now: clock.now });
    const db = await testDatabase();
    const admin = await createStaff(db, "admin");
    const mo = await createStaff(db, "moderator", "Mo Reset");
    const { temporaryPassword } = await resetStaffPassword(
      db,
      { id: mo.id },
      { actorType: "staff", actorId: admin.id },
      clock.now(),
    );
    const { user } = await renderAppAs(null, "/queues");

    await user.type(await screen.findByLabelText("Email"), mo.email);
    await user.type(screen.getByLabelText("Password"), temporaryPassword);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Account security" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/account-security");
    expect(screen.getByRole("alert")).toHaveTextContent("An admin reset your password. Choose a new one to continue");
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Two-factor sign-in" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();

    const form = within(screen.getByRole("form", { name: "Change password" }));
    await user.type(form.getByLabelText("Current password"), temporaryPassword);
    await user.type(form.getByLabelText("New password"), "mo's own new passphrase");
    await user.type(form.getByLabelText("Repeat new password"), "mo's own new passphrase");
    await user.click(form.getByRole("button", { name: "Change password" }));

    expect(await screen.findByRole("navigation", { name: "Main" })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
    expect(
      await db.prisma.staffUser.findUniqueOrThrow({ where: { id: mo.id }, select: { mustChangePassword: true } }),
    ).toEqual({ mustChangePassword: false });
  });
});
