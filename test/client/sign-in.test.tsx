import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { signIn } from "../../server/domain/auth/sign-in.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";

describe("sign-in", () => {
  it("[ANONYMOUS] a wrong password shows the server's message", async () => {
    const db = await testDatabase();
    const staff = await createStaff(db, "moderator");
    const { user } = await renderAppAs(null, "/sign-in");

    await user.type(await screen.findByLabelText("Email"), staff.email);
    await user.type(screen.getByLabelText("Password"), "not the password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Email or password is incorrect.");
    expect(currentUrl().path).toBe("/sign-in");
  });

  it("[ANONYMOUS] input mistakes are shown beside the fields without asking the server", async () => {
    const { user } = await renderAppAs(null, "/sign-in");
    await user.type(await screen.findByLabelText("Email"), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Enter a valid email address");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("[ANONYMOUS] too many failures are refused with the wait time", async () => {
    const db = await testDatabase();
    const staff = await createStaff(db, "staff");
    // Ten wrong passwords from the address the console's requests come from here, on the server's clock.
    for (let i = 0; i < 10; i++) {
      await signIn(db, { email: staff.email, password: `guess ${i}`, ip: "127.0.0.1", userAgent: null, requestId: `guess-${i}`, now: new Date(), auth: DEFAULT_AUTH_CONFIG });
    }
    const { user } = await renderAppAs(null, "/sign-in");

    await user.type(await screen.findByLabelText("Email"), staff.email);
    await user.type(screen.getByLabelText("Password"), TEST_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(/Too many failed sign-ins\. Try again in 15 minutes\./);
  });

  it("[STAFF] signing in goes on to the page they asked for", async () => {
    const db = await testDatabase();
    const staff = await createStaff(db, "staff", "Sam Legal");
    const { user } = await renderAppAs(null, "/takedowns");

    await user.type(await screen.findByLabelText("Email"), staff.email);
    await user.type(screen.getByLabelText("Password"), TEST_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Takedowns" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/takedowns");
    expect(within(screen.getByRole("banner")).getByText(/Sam Legal/)).toBeInTheDocument();
  });
});
