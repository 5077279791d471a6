import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { createStaff } from "../support/staff.ts";
import { testDatabase } from "./support/api-server.ts";
import { renderAppAs } from "./support/render-app.tsx";

async function staffTable() {
  return within(await screen.findByRole("table", { name: "Staff" }));
}

function addForm() {
  return within(screen.getByRole("form", { name: "New staff account" }));
}

describe("team", () => {
  it("[ADMIN] lists the staff accounts", async () => {
    const db = await testDatabase();
    await createStaff(db, "moderator", "Lee Listed");
    await renderAppAs("admin", "/team", { name: "Ada Admin" });

    const table = await staffTable();
    const lee = (await table.findByRole("cell", { name: "Lee Listed" })).closest("tr")!;
    expect(within(lee).getByRole("cell", { name: "moderator" })).toBeInTheDocument();
    expect(within(lee).getByRole("cell", { name: "Active" })).toBeInTheDocument();
    const me = table.getByRole("cell", { name: "Ada Admin" }).closest("tr")!;
    expect(within(me).getByRole("cell", { name: "This is you" })).toBeInTheDocument();
  });

  it("[ADMIN] a too-short temporary password is refused beside the field", async () => {
    const { user, db } = await renderAppAs("admin", "/team");
    await staffTable();

    await user.type(addForm().getByLabelText("Email"), "new.person@vigil.test");
    await user.type(addForm().getByLabelText("Display name"), "New Person");
    await user.type(addForm().getByLabelText("Temporary password"), "short");
    await user.click(addForm().getByRole("button", { name: "Add staff member" }));

    const password = addForm().getByLabelText("Temporary password");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAccessibleDescription(/Use at least 12 characters/);
    expect(await db.prisma.staffUser.count({ where: { email: "new.person@vigil.test" } })).toBe(0);
  });

  it("[ADMIN] adds a staff member, who then appears in the list", async () => {
    const { user, db } = await renderAppAs("admin", "/team");
    await staffTable();

    await user.type(addForm().getByLabelText("Email"), "pat.policy@vigil.test");
    await user.type(addForm().getByLabelText("Display name"), "Pat Policy");
    await user.selectOptions(addForm().getByLabelText("Role"), "Staff");
    await user.type(addForm().getByLabelText("Temporary password"), "a long enough temporary password");
    await user.click(addForm().getByRole("button", { name: "Add staff member" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Added Pat Policy (pat.policy@vigil.test)");
    const row = (await (await staffTable()).findByRole("cell", { name: "Pat Policy" })).closest("tr")!;
    expect(within(row).getByRole("cell", { name: "staff" })).toBeInTheDocument();
    expect(
      await db.prisma.staffUser.findUnique({ where: { email: "pat.policy@vigil.test" }, select: { role: true } }),
    ).toEqual({ role: "staff" });
  });

  it("[ADMIN] an email that already has an account is refused beside the Email field", async () => {
    const db = await testDatabase();
    const existing = await createStaff(db, "moderator");
    const { user } = await renderAppAs("admin", "/team");
    await staffTable();

    await user.type(addForm().getByLabelText("Email"), existing.email);
    await user.type(addForm().getByLabelText("Display name"), "Duplicate");
    await user.type(addForm().getByLabelText("Temporary password"), "a long enough temporary password");
    await user.click(addForm().getByRole("button", { name: "Add staff member" }));

    await waitFor(() => expect(addForm().getByLabelText("Email")).toHaveAttribute("aria-invalid", "true"));
    expect(addForm().getByLabelText("Email")).toHaveAccessibleDescription(/already has a staff account/);
  });

  it("[ADMIN] changes a member's role and disables another", async () => {
    const db = await testDatabase();
    const promoted = await createStaff(db, "moderator", "Mia Promoted");
    const leaving = await createStaff(db, "moderator", "Leo Leaving");
    const { user } = await renderAppAs("admin", "/team");
    const table = await staffTable();
    await table.findByRole("cell", { name: "Mia Promoted" });

    await user.selectOptions(table.getByLabelText("Role for Mia Promoted"), "staff");
    await user.click(table.getByRole("button", { name: "Change role of Mia Promoted" }));
    await user.click(table.getByRole("button", { name: "Disable Leo Leaving" }));

    expect(await table.findByRole("button", { name: "Enable Leo Leaving" })).toBeInTheDocument();
    await waitFor(async () => {
      expect(await db.prisma.staffUser.findUnique({ where: { id: promoted.id }, select: { role: true } })).toEqual({
        role: "staff",
      });
    });
    const leavingRow = table.getByRole("cell", { name: "Leo Leaving" }).closest("tr")!;
    expect(within(leavingRow).getByRole("cell", { name: "Disabled" })).toBeInTheDocument();
    expect((await db.prisma.staffUser.findUnique({ where: { id: leaving.id } }))?.disabledAt).not.toBeNull();
  });
});
