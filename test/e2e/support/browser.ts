// A real headless Chromium (Debian's package) driven by playwright-core.
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The platform key the e2e server accepts, for specs that call the signed API as the platform would. */
export function platformKey(): { id: string; secret: string } {
  return inject("platformKey");
}

export function baseUrl(): string {
  return inject("baseUrl");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A page that records console errors and CSP violations, so specs can assert the console stays clean. */
export async function newPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return { page, problems };
}

export const DEMO = {
  moderator: { email: "moderator@vigil.test", password: "moderator-demo-pass" },
  staff: { email: "staff@vigil.test", password: "staff-demo-pass" },
  admin: { email: "admin@vigil.test", password: "admin-demo-pass" },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/**
 * Opens the first flagged-generations case of a creator. The server's background loops (media, hash scan) open it
 * after the server starts, in their own process: the spec waits for the case to appear.
 */
export async function openFlaggedCaseOf(page: Page, handle: string) {
  const cases = page.getByRole("table", { name: "Cases" });
  await expect
    .poll(
      async () => {
        await page.goto(`/queues/flagged_generation?creator=${encodeURIComponent(`@${handle}`)}`);
        await cases
          .or(page.getByText(/No cases match these filters/))
          .first()
          .waitFor();
        return cases.getByRole("row").count();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBeGreaterThan(1);
  await cases.getByRole("row").nth(1).getByRole("link").first().click();
  await page.getByRole("heading", { level: 1, name: `Post by @${handle}` }).waitFor();
}
