import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

const ALL_AREAS = [
  "Queues",
  "Queue health",
  "Accounts",
  "Takedowns",
  "Cameos",
  "Hash bank",
  "Media lookup",
  "Invites",
  "Deliveries",
  "Audit",
  "Team",
  "Settings",
  "Platform API",
];

async function mainNavLinks() {
  const nav = await screen.findByRole("navigation", { name: "Main" });
  return within(nav)
    .getAllByRole("link")
    .map((link) => link.textContent?.replace(/g \w$/, "").trim());
}

describe("navigation by role", () => {
  it("[MODERATOR] sees Queues, Queue health and Accounts but not Takedowns, Invites, Team or Settings", async () => {
    await renderAppAs("moderator", "/queues", { name: "Mo Reviewer" });
    expect(await mainNavLinks()).toEqual(["Queues", "Queue health", "Accounts"]);
    const banner = screen.getByRole("banner");
    expect(within(banner).getByText(/Mo Reviewer/)).toBeInTheDocument();
    expect(within(banner).getByText("moderator")).toBeInTheDocument();
    expect(within(banner).getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("[STAFF] sees the legal areas but not the admin ones", async () => {
    await renderAppAs("staff");
    expect(await mainNavLinks()).toEqual([
      "Queues",
      "Queue health",
      "Accounts",
      "Takedowns",
      "Cameos",
      "Hash bank",
      "Media lookup",
      "Audit",
      "Platform API",
    ]);
  });

  it("[ADMIN] sees all thirteen areas", async () => {
    await renderAppAs("admin");
    expect(await mainNavLinks()).toEqual(ALL_AREAS);
  });

  it("[MODERATOR] opening an admin page says which role it needs", async () => {
    await renderAppAs("moderator", "/team");
    expect(await screen.findByText(/You need the admin role to use Team/)).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Staff" })).not.toBeInTheDocument();
  });

  it("[ANONYMOUS] visiting /queues lands on the sign-in page and remembers where they were going", async () => {
    await renderAppAs(null, "/queues?sort=oldest");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    const { path, params } = currentUrl();
    expect(path).toBe("/sign-in");
    expect(params.get("next")).toBe("/queues?sort=oldest");
  });

  it("[ADMIN] signing out returns to the sign-in page and ends the session", async () => {
    const { user, db, staff } = await renderAppAs("admin", "/queues");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(currentUrl().path).toBe("/sign-in");
    const sessions = await db.prisma.session.findMany({ where: { userId: staff!.id }, select: { revokedAt: true } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.revokedAt).not.toBeNull();
  });
});
