// A likeness complaint handled end to end in a real browser against the real server and its demo world: Noor
// withdraws consent for Riley's use of her cameo. Staff check who she is from the evidence, revoke Riley's grant
// with the complaint attached, see exactly Riley's three videos go down while Noor's and Jo's stay up, and then
// reinstate. Other specs never touch this cameo (the demo world's named likeness scenario).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { LIKENESS_SCENARIO as S } from "../../prisma/seed/likeness-scenario.ts";
import { DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

/** The visibility badge of each post row in the cameo's posts table, by post id. */
async function visibilityByPost(posts: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of [...S.granteePostIds, S.ownPostId, S.thirdPostId]) {
    const row = posts.getByRole("row").filter({ hasText: id });
    out[id] = (await row.getByRole("cell").last().innerText()).trim();
  }
  return out;
}

const allPublic = Object.fromEntries([...S.granteePostIds, S.ownPostId, S.thirdPostId].map((id) => [id, "Public"]));
const rileyDown = { ...allPublic, ...Object.fromEntries(S.granteePostIds.map((id) => [id, "Taken down"])) };

describe("cameo and likeness controls", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[STAFF] handles a likeness complaint", async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.staff);

    // Find the cameo by its owner's handle.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cameos", exact: true }).click();
    await page.getByLabel("Owner handle").fill("noor");
    const registry = page.getByRole("table", { name: "Cameos" });
    await registry.getByRole("link", { name: `@${S.owner.handle}`, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Cameo of @${S.owner.handle}` }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/cameos/${S.cameoId}$`));
    const posts = page.getByRole("table", { name: "Posts with this cameo" });
    await expect.poll(() => posts.getByRole("row").count()).toBe(6);
    expect(await visibilityByPost(posts)).toEqual(allPublic);

    // The complaint: see the evidence (audited), then record how the identity was checked.
    const complaint = page
      .getByRole("region", { name: "Likeness complaints" })
      .getByRole("article", { name: `Complaint from ${S.owner.displayName}` });
    await complaint.waitFor();
    expect(await complaint.innerText()).toContain("2 items");
    expect(await complaint.innerText()).toContain("Each view is recorded in the audit log");
    await complaint.getByRole("button", { name: "Show evidence" }).click();
    const evidence = complaint.getByRole("region", { name: "Evidence" });
    await evidence.getByRole("link", { name: S.owner.email }).waitFor();
    expect(await evidence.getByRole("list", { name: "Evidence items" }).getByRole("listitem").count()).toBe(2);
    await complaint.getByRole("button", { name: /^(Verify|Change verification)…$/ }).click();
    const verify = complaint.getByRole("form", { name: "Verify the complainant" });
    await verify.getByRole("radio", { name: "Identity verified" }).check();
    await verify
      .getByLabel("How the identity was checked")
      .fill("Selfie video with today's newspaper matches the cameo; passport name matches.");
    await verify.getByRole("button", { name: "Save verification" }).click();
    await complaint.getByText(/^Verified by /).waitFor();

    // Revoke Riley's grant, taking the posts down, with the verified complaint attached.
    const grants = page.getByRole("table", { name: "Grants" });
    await grants.getByRole("button", { name: `Revoke @${S.grantee.handle}'s grant…` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke @${S.grantee.handle}'s grant` });
    await dialog.getByText("About 3 posts will be affected.").waitFor();
    await dialog.getByRole("radio", { name: "Take down" }).check();
    await dialog.getByLabel("Policy").selectOption({ label: "Cameo misuse" });
    await dialog.getByLabel("Reason").fill("The owner withdrew consent for this grantee; verified likeness complaint.");
    const complaintChoice = dialog.getByLabel("Complaint");
    await expect.poll(() => complaintChoice.locator("option").count()).toBe(2);
    await complaintChoice.selectOption({ index: 1 });
    await dialog.getByRole("button", { name: "Revoke grant" }).click();
    const result = dialog.getByRole("article", { name: `Revoke grant to @${S.grantee.handle}: Completed` });
    await result.waitFor();
    const outcome = await result.innerText();
    expect(outcome).toContain("Done: 3 posts taken down.");
    expect(outcome).toMatch(/Owner notified by email/);
    expect(await result.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("3");
    await dialog.getByRole("button", { name: "Done" }).click();

    // Exactly Riley's three videos are down; Noor's own and Jo's stay public. The grant is revoked.
    await expect.poll(() => visibilityByPost(posts)).toEqual(rileyDown);
    await expect
      .poll(async () =>
        (
          await grants
            .getByRole("row")
            .filter({ hasText: `@${S.grantee.handle}` })
            .innerText()
        ).includes("Revoked"),
      )
      .toBe(true);
    expect(
      await grants
        .getByRole("row")
        .filter({ hasText: `@${S.third.handle}` })
        .innerText(),
    ).toContain("Active");
    // The complaint's case is resolved by the action.
    await expect.poll(() => complaint.getByRole("link", { name: "Resolved" }).count()).toBe(1);

    // Reinstate: exactly those three come back.
    const history = page.getByRole("list", { name: "Staff actions" });
    const revocation = history
      .getByRole("article", { name: `Revoke grant to @${S.grantee.handle}: Completed` })
      .first();
    await revocation.getByRole("button", { name: /^Reinstate…/ }).click();
    const reinstate = page.getByRole("dialog", { name: "Reinstate" });
    await reinstate.getByLabel("Reason").fill("Noor and Riley settled; consent given again.");
    await reinstate.getByRole("button", { name: "Reinstate" }).click();
    await reinstate.waitFor({ state: "detached" });
    await history
      .getByRole("article", { name: `Reinstate grant to @${S.grantee.handle}: Completed` })
      .first()
      .waitFor();
    await expect.poll(() => visibilityByPost(posts)).toEqual(allPublic);
    await expect
      .poll(async () =>
        (
          await grants
            .getByRole("row")
            .filter({ hasText: `@${S.grantee.handle}` })
            .innerText()
        ).includes("Active"),
      )
      .toBe(true);

    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
