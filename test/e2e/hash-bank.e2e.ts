// The hash bank end to end in a real browser against the real server and its demo world: the demo leaves one
// re-upload of removed content (a re-encoded, rescaled copy) for the media worker and the matcher, which flags it
// by vPDQ when the server starts. Staff open the flagged case,
// see what it copies, follow it into the bank and take the removed post's hashes out of matching. Other specs never
// touch this account or the bank.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { HASH_MATCH_SCENARIO as H } from "../../prisma/seed/hash-match-scenario.ts";
import { DEMO, launchBrowser, newPage, openFlaggedCaseOf, signIn } from "./support/browser.ts";

describe("hash bank", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[STAFF] reviews a flagged re-upload and takes the removed post's hashes out of matching", async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.staff);

    await openFlaggedCaseOf(page, H.account.handle);

    const scores = page.getByRole("region", { name: "Classifier scores" });
    // a re-encoded, rescaled copy: found by vPDQ, not by its file hash
    await scores.getByText(/^Video copy of removed post /).waitFor();
    await page
      .getByRole("list", { name: "Similar removed posts" })
      .getByText(/% of its video found here/)
      .waitFor();
    await scores.getByRole("link", { name: "See in the hash bank" }).click();

    const entries = page.getByRole("table", { name: "Hash bank entries" });
    await entries.getByRole("checkbox", { name: "Select all loaded entries" }).check();
    await page.getByRole("button", { name: "Take out of matching…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Stock footage licensed to the uploader; the take-down was reversed.");
    await dialog.getByRole("button", { name: "Take out of matching", exact: true }).click();
    await page.getByText(/^Took \d+ entries out of matching\.$/).waitFor();

    await page.getByLabel("State").selectOption({ label: "Out of matching" });
    await entries.getByText("Stock footage licensed to the uploader; the take-down was reversed.").first().waitFor();
    expect(page.url()).toMatch(/\/hash-bank\?.*post=/);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
