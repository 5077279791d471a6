// Lookup by file in a real browser against the real server and its demo world: an open TAKE IT DOWN request
// reports a video that also sits, rescaled and re-encoded, on another account's post no request names. Staff
// upload the requester's copy (a rescaled copy of the reported video, made here with the bundled ffmpeg), see the
// two posts that show it ranked with percentages and frame pairs, and add both to the request in one click.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildDemoWorld } from "../../prisma/seed/demo.ts";
import { reportedRequest } from "../../prisma/seed/demo-media.ts";
import { POLICY_SEEDS } from "../../server/domain/reference/reference-data.ts";
import { makeReencodedCopy } from "../support/media-clips.ts";
import { DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

/**
 * The demo's reported request and its post, found by rebuilding the demo world (deterministic: a fixed random
 * seed; the clock moves dates and ids, not which request comes first or its reference).
 */
function demoReportedRequest(): { reference: string; postId: string } {
  const policies = POLICY_SEEDS.map((p, i) => ({ ...p, id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }));
  const world = buildDemoWorld(new Date(), policies as unknown as Parameters<typeof buildDemoWorld>[1]);
  const request = reportedRequest(
    world.takedowns.map((t) => ({
      id: t.id as string,
      reference: t.reference as string,
      type: t.type as string,
      status: t.status as string,
      receivedAt: t.receivedAt as Date,
      postIds: world.takedownPosts.filter((p) => p.requestId === t.id).map((p) => p.postId),
    })),
  );
  if (!request) throw new Error("the demo world has no valid TAKE IT DOWN request naming one post");
  return { reference: request.reference, postId: request.postIds[0]! };
}

describe("media lookup", () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-e2e-lookup-"));
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[STAFF] uploads the requester's copy on a TAKE IT DOWN request and adds the two posts that show it", async () => {
    const { reference, postId } = demoReportedRequest();
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.staff);

    // The requester's copy: the reported video, rescaled and re-encoded.
    const media = await page.request.get(`/media/posts/${postId}/file`);
    expect(media.status()).toBe(200);
    const original = path.join(dir, "reported.mp4");
    fs.writeFileSync(original, await media.body());
    const copy = await makeReencodedCopy(original, { width: 180, height: 320 });

    await page.goto("/takedowns");
    const row = page.getByRole("table", { name: "Takedown requests" }).getByRole("row").filter({ hasText: reference });
    await row.getByRole("link", { name: reference }).click();
    await page.getByRole("heading", { level: 1, name: `Takedown ${reference}` }).waitFor();
    const located = page.getByRole("table", { name: "Located posts" });
    await located.getByRole("checkbox", { name: `Select post ${postId}` }).waitFor();
    expect(await located.getByRole("checkbox", { name: /^Select post / }).count()).toBe(1);

    const form = page.getByRole("form", { name: "Find posts by file" });
    await form.getByLabel("Video or image file").setInputFiles(copy);
    await form.getByRole("button", { name: "Look up" }).click();
    const results = page.getByRole("table", { name: "Posts showing the file" });
    await results.waitFor({ timeout: 30_000 });
    const rows = results.getByRole("row").filter({ has: page.getByRole("cell") });
    expect(await rows.count()).toBe(2);
    const found = await rows.locator("code").allInnerTexts();
    expect(found).toContain(postId);
    const other = found.find((id) => id !== postId)!;
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/\d+(\.\d)? % of the file found in the post/);

    // each match lists the frames it was found by
    await page.getByRole("button", { name: `Matched frames of ${postId}` }).click();
    const pairs = page.getByRole("table", { name: `Matched frames of ${postId}` });
    await pairs.waitFor();
    expect(await pairs.getByRole("row").count()).toBeGreaterThan(2);

    await page.getByRole("button", { name: "Add the 2 matches to the request" }).click();
    await page.getByText("Added 2 posts to the request.").waitFor();
    await located.getByRole("checkbox", { name: `Select post ${other}` }).waitFor();
    expect(await located.getByRole("checkbox", { name: /^Select post / }).count()).toBe(2);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
