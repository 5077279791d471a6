import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { renderAppAs } from "./support/render-app.tsx";
import { testDatabase } from "./support/api-server.ts";

describe("entering a request by hand", () => {
  it("[STAFF] enters a likeness request received by email; it is recorded as theirs", async () => {
    const { user, staff } = await renderAppAs("staff", "/takedowns");
    await user.click(await screen.findByRole("link", { name: "Enter a request" }));
    await user.click(await screen.findByRole("radio", { name: /likeness/i }));

    await user.type(screen.getByLabelText("Link 1"), "https://app.example/p/not-yet-known");
    await user.type(screen.getByLabelText("Your full name"), "Estate of R. Vale");
    await user.type(screen.getByLabelText("Your email"), "estate@vale.example");
    await user.type(screen.getByLabelText("Person depicted"), "Robin Vale");
    await user.click(screen.getByRole("radio", { name: "I represent the estate of the deceased person" }));
    await user.type(
      screen.getByLabelText("How the likeness is used"),
      "Videos of the late actor saying things he never said.",
    );
    await user.type(screen.getByLabelText("Electronic signature"), "A. Vale, executor");
    await user.click(screen.getByRole("button", { name: "Enter request" }));

    const status = await screen.findByRole("status");
    expect(status).toHaveTextContent(/Request TD-[2-9A-Z]{4}-[2-9A-Z]{4} entered/);
    const db = await testDatabase();
    const stored = await db.prisma.takedownRequest.findFirstOrThrow({ where: { depictedPerson: "Robin Vale" } });
    expect(stored).toMatchObject({ source: "staff", enteredById: staff!.id, authority: "estate", type: "likeness" });
  });
});
