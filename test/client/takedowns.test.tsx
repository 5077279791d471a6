import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { Database } from "../../server/db/client.ts";
import { submitTakedownRequest } from "../../server/domain/takedowns/intake.ts";
import { testDatabase } from "./support/api-server.ts";
import { insertAccount, insertPost as insertFixturePost } from "../support/fixtures.ts";
import { renderAppAs } from "./support/render-app.tsx";

/** A post by a fresh uploader; pass a content hash to make an identical copy of another post. */
async function insertPost(db: Database, contentHash?: string): Promise<{ id: string; contentHash: string }> {
  const uploader = await insertAccount(db);
  return insertFixturePost(db, uploader.id, undefined, contentHash);
}

/** A TAKE IT DOWN request for two posts, as the public form stores it, and an identical re-upload of the first. */
async function takeItDownRequest(db: Database) {
  const first = await insertPost(db);
  const second = await insertPost(db);
  const copy = await insertPost(db, first.contentHash);
  const { reference } = await submitTakedownRequest(
    db,
    {
      type: "take_it_down",
      contentUrls: [`https://app.example/p/${first.id}`, `https://app.example/p/${second.id}`],
      requesterName: "Jordan Rivera",
      requesterEmail: "jordan@example.org",
      authority: "self",
      description: "A fake intimate video of me in both posts.",
      signature: "Jordan Rivera",
      goodFaith: true,
    },
    { ip: `10.9.${crypto.randomInt(255)}.${crypto.randomInt(255)}`, requestId: crypto.randomUUID(), now: new Date() },
  );
  const request = await db.prisma.takedownRequest.findUniqueOrThrow({ where: { reference } });
  return { request, first, second, copy };
}

describe("takedown request detail", () => {
  it("[STAFF] marks a TAKE IT DOWN request valid, adds the identical copy and takes all three posts down in one batch", async () => {
    const db = await testDatabase();
    const { request, first, second, copy } = await takeItDownRequest(db);
    const { user } = await renderAppAs("staff", `/takedowns/${request.id}`);

    expect(await screen.findByRole("heading", { level: 1, name: `Takedown ${request.reference}` })).toBeInTheDocument();
    const summary = screen.getByLabelText("Request summary");
    expect(within(summary).getByText("TAKE IT DOWN")).toBeInTheDocument();
    expect(within(summary).getByText(/^in (47h|48h|1d 23h|2d)/)).toBeInTheDocument();
    const elements = screen.getByRole("list", { name: "Legal elements" });
    expect(within(elements).getAllByText("present")).toHaveLength(6);

    await user.click(screen.getByRole("button", { name: "Mark valid" }));
    expect(await screen.findByText("Saved: the request is valid.")).toBeInTheDocument();

    const copies = screen.getByRole("list", { name: "Identical copies" });
    await user.click(within(copies).getByRole("button", { name: `Add to request: ${copy.id}` }));
    const posts = screen.getByRole("table", { name: "Located posts" });
    expect(await within(posts).findByText("Identical copy")).toBeInTheDocument();
    expect(within(posts).getAllByRole("row")).toHaveLength(4);

    await user.click(within(posts).getByRole("checkbox", { name: "Select all posts" }));
    const form = screen.getByRole("form", { name: "Take down" });
    const policy = await within(form).findByRole("combobox", { name: "Policy" });
    await user.selectOptions(policy, within(policy).getAllByRole("option")[1]!);
    await user.type(
      within(form).getByRole("textbox", { name: "Reason" }),
      "Intimate imagery published without consent.",
    );
    expect(within(form).getByRole("textbox", { name: "Territorial scope" })).toHaveValue("WORLD");
    await user.click(within(form).getByRole("button", { name: "Take down 3 selected posts" }));

    const result = await screen.findByRole("status", { name: "Take-down result" });
    expect(result).toHaveTextContent("3 taken down, 0 skipped");

    const decisions = await db.prisma.decision.findMany({ where: { takedownRequestId: request.id } });
    expect(decisions).toHaveLength(3);
    expect(new Set(decisions.map((d) => d.batchId)).size).toBe(1);
    expect(result).toHaveTextContent(decisions[0]!.batchId!);
    expect(decisions.map((d) => d.postId).sort()).toEqual([first.id, second.id, copy.id].sort());
    const down = await db.prisma.post.findMany({
      where: { id: { in: [first.id, second.id, copy.id] } },
      select: { visibility: true },
    });
    expect(down.map((p) => p.visibility)).toEqual(["taken_down", "taken_down", "taken_down"]);
    const notices = await db.prisma.emailNotice.findMany({
      where: { takedownRequestId: request.id },
      orderBy: { createdAt: "asc" },
    });
    expect(notices.map((n) => n.kind)).toEqual(["receipt", "decision"]);

    // The page shows the outcome from the server: the decisions and both notices.
    const history = screen.getByRole("table", { name: "Decisions" });
    await within(history).findAllByText("Intimate imagery published without consent.");
    expect(within(history).getAllByRole("row")).toHaveLength(4);
    const sent = screen.getByRole("table", { name: "Notices" });
    expect(await within(sent).findByText("Decision")).toBeInTheDocument();
    expect(within(sent).getByText("Receipt")).toBeInTheDocument();
  });

  it("[STAFF] the list links each request to its page", async () => {
    const db = await testDatabase();
    const { request } = await takeItDownRequest(db);
    const { user } = await renderAppAs("staff", "/takedowns");
    const table = await screen.findByRole("table", { name: "Takedown requests" });
    await user.click(await within(table).findByRole("link", { name: request.reference }));
    expect(await screen.findByRole("heading", { level: 1, name: `Takedown ${request.reference}` })).toBeInTheDocument();
    expect(window.location.pathname).toBe(`/takedowns/${request.id}`);
  });

  it("[STAFF] a request that does not exist shows a not-found state", async () => {
    await renderAppAs("staff", `/takedowns/${crypto.randomUUID()}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Takedown request not found" })).toBeInTheDocument();
  });
});
