// The console in a real browser against the real server with its demo world.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

describe("console", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[MODERATOR] signs in and sees the queue", async () => {
    const { page, problems } = await newPage(browser);
    await page.goto("/queues");
    // Anonymous visitors land on the sign-in page.
    await page.getByRole("heading", { name: /sign in/i }).waitFor();
    await signIn(page, DEMO.moderator);
    await page.goto("/queues/flagged_generation");
    const table = page.getByRole("table");
    await table.waitFor();
    const rows = table.getByRole("row");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.getByRole("banner").innerText()).toMatch(/moderator/i);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("[ADMIN] sees Invites and Team, a moderator does not", async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, DEMO.admin);
    const adminNav = admin.page.getByRole("navigation", { name: "Main" });
    for (const name of ["Queues", "Takedowns", "Cameos", "Invites", "Audit", "Team", "Settings"]) {
      await expect.poll(() => adminNav.getByRole("link", { name }).count(), { message: name }).toBe(1);
    }
    await adminNav.getByRole("link", { name: "Team" }).click();
    await admin.page.getByRole("cell", { name: "moderator@vigil.test" }).waitFor();
    await admin.page.context().close();

    const mod = await newPage(browser);
    await signIn(mod.page, DEMO.moderator);
    const modNav = mod.page.getByRole("navigation", { name: "Main" });
    await modNav.getByRole("link", { name: "Queues" }).waitFor();
    expect(await modNav.getByRole("link", { name: "Invites" }).count()).toBe(0);
    expect(await modNav.getByRole("link", { name: "Team" }).count()).toBe(0);
    expect(await modNav.getByRole("link", { name: "Settings" }).count()).toBe(0);
    await mod.page.context().close();
  });

  it.each(["moderator", "staff", "admin"] as const)(
    "[%s] signs in with the demo credentials and signs out",
    async (role) => {
      const { page, problems } = await newPage(browser);
      await signIn(page, DEMO[role]);
      await expect.poll(() => page.getByRole("banner").innerText()).toMatch(new RegExp(role, "i"));
      // the landing page's data has arrived: a request still in flight at sign-out is refused, as it should be
      await page.waitForLoadState("networkidle");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: /sign in/i }).waitFor();
      expect(problems, problems.join("\n")).toEqual([]);
      await page.context().close();
    },
  );

  it("serves security headers the built client satisfies", async () => {
    const res = await fetch(`${baseUrl()}/sign-in`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const health = await (await fetch(`${baseUrl()}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", database: "pglite" });
  });
});
