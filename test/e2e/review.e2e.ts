// Case review in a real browser against the real server with its demo world, driven from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

const CASE_URL = /\/cases\/([0-9a-f-]{36})$/;

function caseIdIn(url: string): string {
  const id = CASE_URL.exec(new URL(url).pathname)?.[1];
  if (!id) throw new Error(`not a case address: ${url}`);
  return id;
}

async function focusedElement(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? "",
      type: el?.getAttribute("type") ?? "",
      text: el?.textContent ?? "",
      id: el?.id ?? "",
    };
  });
}

/** Moves a focused, closed <select> to the option with this text using the arrow keys only. */
async function chooseOptionByArrows(page: Page, optionText: string) {
  const { options, selected } = await page.evaluate(() => {
    const select = document.activeElement as HTMLSelectElement;
    return { options: Array.from(select.options, (o) => o.text), selected: select.selectedIndex };
  });
  const target = options.indexOf(optionText);
  if (target < 0) throw new Error(`no option “${optionText}” in ${options.join(", ")}`);
  const key = target > selected ? "ArrowDown" : "ArrowUp";
  for (let i = 0; i < Math.abs(target - selected); i++) await page.keyboard.press(key);
}

describe("case review", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[MODERATOR] reviews the deepfake queue by keyboard", async () => {
    const reason = `Realistic forgery of a real person, made without consent (${Date.now()}).`;
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.moderator);

    await page
      .getByRole("navigation", { name: "Queues" })
      .getByRole("link", { name: /Deepfake reports/ })
      .click();
    await page.getByRole("heading", { level: 1, name: "Deepfake reports" }).waitFor();
    await page.getByRole("table", { name: "Cases" }).getByRole("row").nth(1).waitFor();

    // n: claim and open the highest-priority case.
    await page.keyboard.press("n");
    await page.waitForURL(CASE_URL);
    const decidedId = caseIdIn(page.url());
    const heading = page.getByRole("heading", { level: 1 });
    await heading.waitFor();
    await page.getByText(/Reviewing — lease until \d\d:\d\d/).waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);

    // t: take down, which also puts the focus on that choice; Tab on to the policy, then to the reason.
    const form = page.getByRole("form", { name: "Decision" });
    await page.keyboard.press("t");
    await expect.poll(() => form.getByRole("radio", { name: "Take down post" }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    expect((await focusedElement(page)).tag).toBe("SELECT");
    await chooseOptionByArrows(page, "Non-consensual deepfake");
    await expect
      .poll(() => form.getByLabel("Policy").evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text))
      .toBe("Non-consensual deepfake");
    await page.keyboard.press("Tab");
    expect((await focusedElement(page)).tag).toBe("TEXTAREA");
    await page.keyboard.type(reason);
    await page.keyboard.press("Control+Enter");

    // Submit-and-next: another case of the queue opens.
    await page.waitForURL((url) => CASE_URL.test(url.pathname) && caseIdIn(url.toString()) !== decidedId);
    await page.getByText(/Reviewing — lease until/).waitFor();

    // The decided case's history lists the decision.
    await page.goto(`/cases/${decidedId}`);
    const history = page.getByRole("region", { name: "History of this subject" });
    await history.getByText("Take down post").waitFor();
    await history.getByText(`“${reason}”`).waitFor();
    await page.getByText("Read-only: This case is resolved.").waitFor();
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();

    // The audit log has it, with the post it took down.
    const staff = await newPage(browser);
    await signIn(staff.page, DEMO.staff);
    await staff.page.goto("/audit?action=decision.take_down_post");
    const auditRow = staff.page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: reason });
    await auditRow.waitFor();
    const subject = (await auditRow.getByRole("cell").nth(3).innerText()).trim();
    expect(subject).toMatch(/^post:\S+$/);
    await staff.page.context().close();

    // One platform event waits for delivery (the e2e server has no webhook URL, so it stays pending).
    const admin = await newPage(browser);
    await signIn(admin.page, DEMO.admin);
    await admin.page.goto("/deliveries");
    const deliveries = admin.page.getByRole("table", { name: "Deliveries" });
    const eventRows = deliveries.getByRole("row").filter({ hasText: subject });
    await eventRows.first().waitFor();
    expect(await eventRows.count()).toBe(1);
    expect(await eventRows.first().getByRole("cell").first().innerText()).toBe("post.taken_down");
    await admin.page.context().close();
  });
});
