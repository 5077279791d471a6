// Real media in a real browser: the demo's re-upload is a real video the media worker fetched from the store,
// processed and matched by vPDQ. A moderator opens its case: the video plays muted and blurred, is revealed, steps
// frame by frame from the keyboard, and the provenance panel says what the file carries. Media of a post only
// staff handle is refused to the moderator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { HASH_MATCH_SCENARIO as H } from "../../prisma/seed/hash-match-scenario.ts";
import { DEMO, launchBrowser, newPage, openFlaggedCaseOf, signIn } from "./support/browser.ts";

describe("media", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[MODERATOR] watches a flagged re-upload: muted and blurred, revealed, stepped frame by frame, provenance in words", async () => {
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.moderator);
    await openFlaggedCaseOf(page, H.account.handle);

    const player = page.getByRole("region", { name: "Video player" });
    const video = player.getByLabel("The post's video");
    await video.waitFor();
    // the file really loads and decodes in the browser
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(3);
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    expect(await video.getAttribute("class")).toMatch(/is-blurred/);
    expect(await video.evaluate((v: HTMLVideoElement) => v.autoplay || !v.paused)).toBe(false);

    await page.getByRole("button", { name: "Reveal media" }).click();
    await expect.poll(() => video.getAttribute("class")).not.toMatch(/is-blurred/);

    await player.focus();
    const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await page.keyboard.press(".");
    await page.keyboard.press(".");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(before);
    const stepped = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(stepped).toBeLessThan(before + 0.2);
    await page.keyboard.press(",");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(stepped);
    await page.keyboard.press("b");
    await expect.poll(() => video.getAttribute("class")).toMatch(/is-blurred/);
    await page.keyboard.press("m");
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);

    const provenance = page.getByRole("region", { name: "Provenance" });
    await provenance.getByText("No Content Credentials").first().waitFor();
    await provenance.getByText(/Platform says/).waitFor();

    // what it matched, by vPDQ and not by file hash
    await page
      .getByText(/% of the removed video found in this post/)
      .first()
      .waitFor();
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });

  it("[MODERATOR] cannot fetch the media of a post only staff handle (403); staff can", async () => {
    const staff = await newPage(browser);
    await signIn(staff.page, DEMO.staff);
    const list = await staff.page.request.get(
      `/trpc/case.list?input=${encodeURIComponent(JSON.stringify({ queue: "takedown", limit: 20 }))}`,
    );
    expect(list.status()).toBe(200);
    const body = (await list.json()) as { result: { data: { items: { postId: string | null }[] } } };
    const postId = body.result.data.items.find((c) => c.postId)?.postId;
    expect(postId).toBeTruthy();
    expect((await staff.page.request.get(`/media/posts/${postId}/file`)).status()).toBe(200);

    const moderator = await newPage(browser);
    await signIn(moderator.page, DEMO.moderator);
    const refused = await moderator.page.request.get(`/media/posts/${postId}/file`);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).not.toMatch(/mp4|ftyp/);
    await staff.page.context().close();
    await moderator.page.context().close();
  });
});
