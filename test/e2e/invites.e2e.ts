// An admin runs an invite wave end to end in a real browser against the real server: create, open, issue 10,000
// codes, export them, pause (the platform's signed redemption is refused), resume (it succeeds), and the chart
// shows the redemption.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { signedHeaders, type PlatformKey } from "../../server/platform/signature.ts";
import { baseUrl, DEMO, launchBrowser, newPage, platformKey, signIn } from "./support/browser.ts";

async function platformPost(key: PlatformKey, route: string, body: unknown) {
  const raw = JSON.stringify(body);
  const res = await fetch(`${baseUrl()}${route}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...signedHeaders(key, { method: "POST", path: route, body: raw }, new Date()),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("invite waves", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[ADMIN] runs an invite wave", { timeout: 180_000 }, async () => {
    const key = platformKey();
    const run = Date.now().toString(36);
    const waveName = `E2E spring wave ${run}`;
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.admin);

    // Create the wave (a draft) and open it.
    await page.goto("/invites");
    await page.getByRole("button", { name: "New wave" }).click();
    const form = page.getByRole("form", { name: "New wave" });
    await form.getByLabel("Name").fill(waveName);
    await form.getByLabel("Purpose").fill("End-to-end test wave");
    await form.getByLabel("Target size", { exact: true }).fill("20000");
    await form.getByLabel("Uses per code").fill("1");
    await form.getByRole("button", { name: "Create wave" }).click();
    await page.getByRole("heading", { level: 1, name: `Wave: ${waveName}` }).waitFor();
    const waveId = new URL(page.url()).pathname.split("/").pop()!;

    const status = page.getByRole("group", { name: "Wave status" });
    await status.getByRole("button", { name: "Activate" }).click();
    await status.getByRole("button", { name: "Pause" }).waitFor();

    // Issue 10,000 codes and watch the bar reach the end.
    const issue = page.getByRole("form", { name: "Issue codes" });
    await issue.getByLabel("Number of codes").fill("10000");
    await issue.getByRole("button", { name: "Issue codes" }).click();
    const bar = page.getByRole("progressbar", { name: "Issuing codes" });
    await bar.waitFor();
    expect(await bar.getAttribute("aria-valuemax")).toBe("10000");
    await expect.poll(() => bar.getAttribute("aria-valuenow"), { timeout: 90_000, interval: 250 }).toBe("10000");
    await page.getByText("Issued 10,000 codes.").waitFor();
    await page.getByText("10,000 codes match; 500 loaded").waitFor();

    // Export: the browser downloads the streamed CSV; a header and one line per code.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^invite-codes-e2e-spring-wave-.*\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(10_001);
    expect(lines[0]).toBe(
      "code,status,max_uses,use_count,expires_at,batch_id,issuer_account_id,created_at,revoked_at,revoked_reason",
    );
    const code = lines[1]!.split(",")[0]!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

    // Pause: the platform's signed redemption is refused.
    await status.getByRole("button", { name: "Pause" }).click();
    await status.getByRole("button", { name: "Resume" }).waitFor();
    const accountId = `e2e-invitee-${run}`;
    const upsert = await platformPost(key, "/api/v1/events", {
      events: [
        {
          id: `e2e-invite-${run}`,
          type: "account.upserted",
          occurredAt: new Date().toISOString(),
          data: {
            id: accountId,
            handle: `invitee_${run}`,
            displayName: "E2E Invitee",
            createdAt: new Date().toISOString(),
          },
        },
      ],
    });
    expect(upsert.status, JSON.stringify(upsert.body)).toBe(200);
    const refused = await platformPost(key, "/api/v1/invites/redeem", {
      code,
      accountId,
      region: "US",
      platform: "ios",
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ reason: "wave_paused" });
    expect(String(refused.body.error)).toContain("wave paused");

    // Resume: the same redemption goes through.
    await status.getByRole("button", { name: "Resume" }).click();
    await status.getByRole("button", { name: "Pause" }).waitFor();
    const redeemed = await platformPost(key, "/api/v1/invites/redeem", {
      code,
      accountId,
      region: "US",
      platform: "ios",
    });
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    expect(redeemed.body).toMatchObject({ code, accountId, waveId, replayed: false });

    // The chart counts it.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `Wave: ${waveName}` }).waitFor();
    const chart = page.getByRole("img", {
      name: new RegExp(`^Redemptions per hour for ${waveName}: 1 redemption in total`),
    });
    await chart.waitFor();
    expect(await page.getByRole("table", { name: "Redemptions per hour" }).getByRole("row").count()).toBe(2);
    await page.getByText("1 redeemed of a target of 20,000.").waitFor();

    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
