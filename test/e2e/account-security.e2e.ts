// Two-factor sign-in in a real browser: a staff member enrols an authenticator from the setup key the page shows,
// signs out, and signs in again with password and code. The code is computed here from that key, as an
// authenticator app would, on the clock the server also reads.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { generate } from "otplib";
import { baseUrl, DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

const PERIOD = 30;

/** The code for a time step, as the authenticator app shows it during that step. */
function codeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * PERIOD, period: PERIOD });
}

/** A fresh staff member, made by the demo admin over the API, so the demo accounts stay without a second factor. */
async function newStaffMember(): Promise<{ email: string; password: string; name: string }> {
  const post = (path: string, body: unknown, cookie?: string) =>
    fetch(`${baseUrl()}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const signedIn = await post("auth.signIn", DEMO.admin);
  const cookie = /vigil_session=[^;]+/.exec(signedIn.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`admin sign-in failed: ${signedIn.status}`);
  const who = {
    email: `totp-${crypto.randomBytes(4).toString("hex")}@vigil.test`,
    password: "an e2e passphrase for totp",
    name: "Toni Totp",
  };
  const created = await post(
    "staffUser.create",
    { email: who.email, displayName: who.name, role: "staff", password: who.password },
    cookie,
  );
  if (created.status !== 200)
    throw new Error(`creating the staff member failed: ${created.status} ${await created.text()}`);
  return who;
}

describe("account security", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[STAFF] enrols a TOTP second factor and signs in with it", async () => {
    const who = await newStaffMember();
    const { page, problems } = await newPage(browser);
    await signIn(page, who);

    await page.getByRole("banner").getByRole("link", { name: "Account security" }).click();
    const section = page.getByRole("region", { name: "Two-factor sign-in" });
    await section.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    await section.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    const secret = (await section.getByLabel("Setup key").inputValue()).replaceAll(" ", "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const enrolStep = Math.floor(Date.now() / 1000 / PERIOD);
    await section.getByLabel("Code from your app").fill(await codeForStep(secret, enrolStep));
    await section.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect
      .poll(() => section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").count())
      .toBe(10);
    await section.getByRole("button", { name: "I have saved my recovery codes" }).click();
    await section.getByText(/10 recovery codes left/).waitFor();

    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: /sign in/i }).waitFor();

    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const codeStep = page.getByRole("form", { name: "Two-factor sign-in" });
    await codeStep.getByLabel("Authentication code").waitFor();
    // The enrolment used its step's code, and a code works once: take the next step's (accepted one step early)
    // unless time has already moved past it.
    const signInStep = Math.max(enrolStep + 1, Math.floor(Date.now() / 1000 / PERIOD));
    await codeStep.getByLabel("Authentication code").fill(await codeForStep(secret, signInStep));
    await codeStep.getByRole("button", { name: "Verify and sign in" }).click();

    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await expect.poll(() => page.getByRole("banner").innerText()).toContain(who.name);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
