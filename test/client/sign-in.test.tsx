import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { createStaff, TEST_PASSWORD } from "../support/staff.ts";
import { configureApiServer, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { signIn } from "../../server/domain/auth/sign-in.ts";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";

const NOW = new Date("2026-11-20T10:00:00Z");

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
      await signIn(db, {
        email: staff.email,
        password: `guess ${i}`,
        ip: "127.0.0.1",
        userAgent: null,
        requestId: `guess-${i}`,
        now: new Date(),
        auth: DEFAULT_AUTH_CONFIG,
      });
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

  // Each of these resolves to another origin in the browser (a backslash reads as a slash; tabs inside the URL
  // are dropped), so none may reach the history API.
  const ELSEWHERE = [
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "/\t/evil.example",
    "https://evil.example/queues",
    "javascript:alert(1)",
  ];

  it.each(ELSEWHERE)("[STAFF] a next of %j sends a signed-in visitor home instead of elsewhere", async (next) => {
    configureApiServer({ now: () => NOW });
    await renderAppAs("staff", `/sign-in?next=${encodeURIComponent(next)}`, { now: NOW });

    expect(await screen.findByRole("heading", { name: "All queues" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/queues");
    expect(window.location.origin).toBe("http://localhost:3000");
  });

  it("[STAFF] signing in on /sign-in?next=/\\evil.example lands on the home page", async () => {
    const db = await testDatabase();
    const staff = await createStaff(db, "staff");
    configureApiServer({ now: () => NOW });
    const { user } = await renderAppAs(null, `/sign-in?next=${encodeURIComponent("/\\evil.example")}`, { now: NOW });

    await user.type(await screen.findByLabelText("Email"), staff.email);
    await user.type(screen.getByLabelText("Password"), TEST_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "All queues" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/queues");
  });

  it("[STAFF] a same-origin next keeps its query string", async () => {
    configureApiServer({ now: () => NOW });
    await renderAppAs("staff", `/sign-in?next=${encodeURIComponent("/queues/deepfake_report?sort=oldest")}`, {
      now: NOW,
    });

    expect(await screen.findByRole("heading", { name: "Deepfake reports" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/queues/deepfake_report");
    expect(currentUrl().params.get("sort")).toBe("oldest");
  });
});
