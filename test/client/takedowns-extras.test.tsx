import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { formatDateTime } from "../../client/lib/format.ts";
import type { Database } from "../../server/db/client.ts";
import { setValidity, takeDownForRequest } from "../../server/domain/takedowns/handling.ts";
import { submitTakedownRequest } from "../../server/domain/takedowns/intake.ts";
import { createStaff } from "../support/staff.ts";
import { testDatabase } from "./support/api-server.ts";
import { insertAccount, insertPost as insertFixturePost } from "../support/fixtures.ts";
import { renderAppAs } from "./support/render-app.tsx";

async function insertPost(db: Database) {
  const uploader = await insertAccount(db);
  return insertFixturePost(db, uploader.id);
}

/** A valid DMCA notice whose one post has been taken down, as staff would leave it: a restrictive decision exists. */
async function takenDownDmcaRequest(db: Database) {
  const post = await insertPost(db);
  const { reference } = await submitTakedownRequest(
    db,
    {
      type: "dmca",
      contentUrls: [`https://app.example/p/${post.id}`],
      requesterName: "Rights Holder",
      requesterEmail: "rights@example.org",
      requesterAddress: "1 Studio Way, Burbank, CA",
      requesterPhone: "+1 555 0100",
      authority: "rightsholder",
      workDescription: "Our feature film, scene three.",
      signature: "Rights Holder",
      goodFaith: true,
      perjuryStatement: true,
    },
    { ip: `10.8.${crypto.randomInt(255)}.${crypto.randomInt(255)}`, requestId: crypto.randomUUID(), now: new Date() },
  );
  const request = await db.prisma.takedownRequest.findUniqueOrThrow({ where: { reference } });
  const staff = await createStaff(db, "staff");
  await setValidity(db, { requestId: request.id, status: "valid" }, staff, new Date());
  const policy = await db.prisma.policy.findFirstOrThrow({ where: { active: true } });
  await takeDownForRequest(
    db,
    {
      requestId: request.id,
      postIds: [post.id],
      policyId: policy.id,
      reason: "Copyright infringement.",
      territorialScope: ["WORLD"],
    },
    staff,
    new Date(),
  );
  return { request, post };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("takedowns: export, counter-notices and notice templates", () => {
  beforeEach(() => {
    // jsdom has no object URLs; the panel only needs a string to link to.
    vi.stubGlobal(
      "URL",
      Object.assign(URL, { createObjectURL: vi.fn(() => "blob:statements"), revokeObjectURL: vi.fn() }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("[STAFF] exports the statements of reasons of a period as a download", async () => {
    const db = await testDatabase();
    await takenDownDmcaRequest(db);
    const { user } = await renderAppAs("staff", "/takedowns");

    const form = await screen.findByRole("form", { name: "Export statements of reasons" });
    await user.type(within(form).getByLabelText("Since"), today());
    await user.type(within(form).getByLabelText("Until"), today());
    await user.selectOptions(within(form).getByRole("combobox", { name: "Format" }), "csv");
    await user.click(within(form).getByRole("button", { name: "Export" }));

    const result = await screen.findByRole("status", { name: "Export result" });
    const count = Number(/(\d+) statements? exported/.exec(result.textContent ?? "")?.[1]);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(result).toHaveTextContent(/\d+ invalid decisions? left out/);
    const link = within(result).getByRole("link", { name: `Download statements-${today()}-${today()}.csv` });
    expect(link).toHaveAttribute("download", `statements-${today()}-${today()}.csv`);
    expect(link).toHaveAttribute("href", "blob:statements");
    expect(await db.prisma.auditLog.count({ where: { action: "sor.export" } })).toBeGreaterThanOrEqual(1);
  });

  it("[STAFF] records a counter-notice with its restore window, then a court action", async () => {
    const db = await testDatabase();
    const { request, post } = await takenDownDmcaRequest(db);
    const { user } = await renderAppAs("staff", `/takedowns/${request.id}`);

    const form = await screen.findByRole("form", { name: "Record a counter-notice" });
    expect(within(form).getByRole("combobox", { name: "Post" })).toHaveValue(post.id);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Sam Uploader");
    await user.type(within(form).getByRole("textbox", { name: "Address" }), "1 Main St, Springfield, IL");
    await user.type(within(form).getByRole("textbox", { name: "Phone" }), "+1 555 0199");
    await user.type(within(form).getByRole("textbox", { name: "Signature" }), "Sam Uploader");
    await user.type(
      within(form).getByRole("textbox", { name: "Statement" }),
      "I swear under penalty of perjury the clip was removed by mistake.",
    );
    await user.click(within(form).getByRole("button", { name: "Record counter-notice" }));
    // Consent is a legal element: without it nothing is sent.
    expect(
      await within(form).findByText("The sender must consent to the jurisdiction of a federal district court"),
    ).toBeInTheDocument();
    await user.click(within(form).getByRole("checkbox", { name: /consents to the jurisdiction/ }));
    await user.click(within(form).getByRole("button", { name: "Record counter-notice" }));

    const table = await screen.findByRole("table", { name: "Counter-notices" });
    const stored = await db.prisma.counterNotice.findFirstOrThrow({ where: { requestId: request.id } });
    expect(stored).toMatchObject({ postId: post.id, name: "Sam Uploader", status: "forwarded" });
    expect(within(table).getByText("Forwarded")).toBeInTheDocument();
    expect(table).toHaveTextContent(
      `${formatDateTime(stored.restoreNotBefore)} – ${formatDateTime(stored.restoreNotAfter)}`,
    );

    await user.click(within(table).getByRole("button", { name: `Court action reported: ${post.id}` }));
    expect(await within(table).findByText(/^reported /)).toBeInTheDocument();
    const after = await db.prisma.counterNotice.findUniqueOrThrow({ where: { id: stored.id } });
    expect(after.courtActionAt).not.toBeNull();
    expect(after.status).toBe("court_action");
    expect(within(table).getByText("Court action", { selector: "span" })).toBeInTheDocument();
  });

  it("[STAFF] the notice templates show each template's subject and text", async () => {
    const { user } = await renderAppAs("staff", "/takedowns");
    await user.click(await screen.findByText("Notice templates", { selector: "summary" }));
    const list = await screen.findByRole("list", { name: "Notice templates" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(within(list).getByRole("heading", { name: "Receipt of a request" })).toBeInTheDocument();
    expect(within(list).getByRole("heading", { name: "Decision on a request" })).toBeInTheDocument();
    expect(
      within(list).getByRole("heading", { name: "Counter-notice forwarded to the complainant" }),
    ).toBeInTheDocument();
    expect(within(list).getAllByText(/TD-7K3M-9QP2/).length).toBeGreaterThanOrEqual(3);
  });
});
