// A TAKE IT DOWN request from the public form, handled by staff within its 48-hour clock, in a real browser
// against the real server and its demo world.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildDemoWorld } from "../../prisma/seed/demo.ts";
import { POLICY_SEEDS } from "../../server/domain/reference/reference-data.ts";
import { DEMO, launchBrowser, newPage, signIn } from "./support/browser.ts";

/**
 * Two public posts of the demo world, the first with exactly one byte-identical re-upload. The UI does not list
 * posts by content hash, and the server's database is out of reach here, so they are found by rebuilding the demo
 * world, which is deterministic (a fixed random seed; the clock moves dates, not which posts are copies). Posts
 * any case or legal request touches are avoided, so other specs cannot have taken them down.
 */
function demoPosts(): { first: string; second: string; copy: string } {
  const policies = POLICY_SEEDS.map((p, i) => ({ ...p, id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }));
  const world = buildDemoWorld(new Date(), policies as unknown as Parameters<typeof buildDemoWorld>[1]);
  const touched = new Set([...world.cases.map((c) => c.postId), ...world.takedownPosts.map((t) => t.postId)]);
  const usable = world.posts.filter((p) => (p.visibility ?? "public") === "public" && !touched.has(p.id));
  const byHash = new Map<string, string[]>();
  for (const p of world.posts) byHash.set(p.contentHash, [...(byHash.get(p.contentHash) ?? []), p.id]);
  const usableIds = new Set(usable.map((p) => p.id));
  const pair = [...byHash.values()].find((ids) => ids.length === 2 && ids.every((id) => usableIds.has(id)));
  const single = usable.find((p) => byHash.get(p.contentHash)!.length === 1);
  if (!pair || !single) throw new Error("the demo world has no usable identical copy");
  return { first: pair[0]!, copy: pair[1]!, second: single.id };
}

describe("takedowns", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("[PUBLIC][STAFF] TAKE IT DOWN request handled within the clock", async () => {
    const { first, second, copy } = demoPosts();
    const reason = `Intimate imagery published without consent (${Date.now()}).`;

    // The requester, not signed in.
    const visitor = await newPage(browser);
    await visitor.page.goto("/report");
    await visitor.page.getByRole("radio", { name: /Intimate image shared without consent/ }).check();
    await visitor.page.getByLabel("Link 1").fill(`https://app.example/p/${first}`);
    await visitor.page.getByRole("button", { name: "Add another link" }).click();
    await visitor.page.getByLabel("Link 2").fill(`https://app.example/p/${second}`);
    await visitor.page.getByLabel("Your full name").fill("Jordan Rivera");
    await visitor.page.getByLabel("Your email").fill("jordan@example.org");
    await visitor.page.getByRole("radio", { name: "I am the person depicted" }).check();
    await visitor.page.getByLabel("Describe the content").fill("A fake intimate video of me in both posts.");
    await visitor.page.getByLabel("Electronic signature").fill("Jordan Rivera");
    await visitor.page.getByRole("checkbox", { name: /good-faith belief that the intimate visual depiction/ }).check();
    await visitor.page.getByRole("button", { name: "Send request" }).click();
    const reference = (
      await visitor.page
        .getByText(/TD-[A-Z0-9-]+/)
        .first()
        .innerText()
    ).match(/TD-[A-Z0-9-]+/)![0];
    expect(visitor.problems, visitor.problems.join("\n")).toEqual([]);
    await visitor.page.context().close();

    // Staff: the new request is on the list with its 48-hour clock. (Not necessarily first: the demo world has
    // requests whose deadlines are already closer or past.)
    const { page, problems } = await newPage(browser);
    await signIn(page, DEMO.staff);
    await page.goto("/takedowns");
    const row = page.getByRole("table", { name: "Takedown requests" }).getByRole("row").filter({ hasText: reference });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/in (47h|48h|1d 23h|2d)/);
    await row.getByRole("link", { name: reference }).click();
    await page.getByRole("heading", { level: 1, name: `Takedown ${reference}` }).waitFor();

    await page.getByRole("button", { name: "Mark valid" }).click();
    await page.getByText("Saved: the request is valid.").waitFor();
    await page.getByRole("button", { name: `Add to request: ${copy}` }).click();
    const posts = page.getByRole("table", { name: "Located posts" });
    await expect.poll(() => posts.getByRole("row").count()).toBe(4);

    await posts.getByRole("checkbox", { name: "Select all posts" }).check();
    const form = page.getByRole("form", { name: "Take down" });
    await form.getByLabel("Policy").selectOption({ index: 1 });
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Take down 3 selected posts" }).click();
    const result = page.getByRole("status", { name: "Take-down result" });
    await result.waitFor();
    expect(await result.innerText()).toContain("3 taken down, 0 skipped");

    const notices = page.getByRole("table", { name: "Notices" });
    await notices.getByRole("cell", { name: "Decision", exact: true }).waitFor();
    await notices.getByRole("cell", { name: "Receipt", exact: true }).waitFor();
    // The uploader is told why, once per removed post (the demo accounts share their email with Vigil).
    await expect
      .poll(() =>
        notices
          .getByRole("row")
          .filter({ hasText: /statement of reasons/i })
          .count(),
      )
      .toBe(3);
    const decisions = page.getByRole("table", { name: "Decisions" });
    await expect.poll(() => decisions.getByRole("row").filter({ hasText: reason }).count()).toBe(3);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.context().close();
  });
});
