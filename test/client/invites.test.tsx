// Invite waves for admins, rendered as the whole app against the real router and a real database.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Database } from "../../server/db/client.ts";
import { generateCodes } from "../../server/domain/invites/code-format.ts";
import { insertAccount } from "../support/fixtures.ts";
import { createStaff } from "../support/staff.ts";
import { testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

let seq = 0;
const uniqueName = (base: string) => `${base} ${Date.now().toString(36)}-${++seq}`;

async function insertWave(db: Database, status: "draft" | "active" | "paused" = "draft", name = uniqueName("Wave")) {
  const admin = await createStaff(db, "admin");
  return db.prisma.inviteWave.create({
    data: { name, targetSize: 5_000, usesPerCode: 2, status, createdById: admin.id },
  });
}

/** `count` codes in one batch of the wave, created straight in the database; returns them in table order. */
async function insertBatch(
  db: Database,
  waveId: string,
  count: number,
  shape: (i: number) => { useCount?: number; status?: "active" | "revoked" } = () => ({}),
) {
  const batch = await db.prisma.inviteBatch.create({
    data: { waveId, size: count, issuedCount: count, status: "complete", completedAt: new Date() },
  });
  const codes = generateCodes(count);
  await db.prisma.inviteCode.createMany({
    data: codes.map((code, i) => ({ code, waveId, batchId: batch.id, maxUses: 2, useCount: 0, ...shape(i) })),
  });
  const rows = await db.prisma.inviteCode.findMany({
    where: { batchId: batch.id },
    orderBy: { id: "asc" },
    select: { code: true, id: true },
  });
  return { batch, codes: rows.map((r) => r.code) };
}

function codeRows(table: HTMLElement) {
  return within(table)
    .getAllByRole("row")
    .filter((r) => r.querySelector("code"));
}

describe("invite waves", () => {
  it("[ADMIN] creates a wave: field errors by label from the form and from the server, then opens it", async () => {
    const db = await testDatabase();
    const { user } = await renderAppAs("admin", "/invites");
    await screen.findByRole("table", { name: "Invite waves" });

    await user.click(screen.getByRole("button", { name: "New wave" }));
    const form = await screen.findByRole("form", { name: "New wave" });
    const target = within(form).getByLabelText("Target size");
    await user.clear(target);
    await user.type(target, "0");
    await user.type(within(form).getByLabelText("Regions"), "USA");
    await user.click(within(form).getByRole("button", { name: "Create wave" }));

    expect(await within(form).findByText("Name the wave")).toBeInTheDocument();
    expect(within(form).getByLabelText("Name")).toHaveAccessibleDescription("Name the wave");
    expect(target).toHaveAccessibleDescription(/At least 1 member/);
    expect(within(form).getByLabelText("Regions")).toHaveAccessibleDescription(/Use two-letter ISO country codes/);

    // The server's own refusal (an expiry in the past) lands on its field too.
    const name = uniqueName("Creators beta");
    await user.type(within(form).getByLabelText("Name"), name);
    await user.clear(target);
    await user.type(target, "250");
    await user.clear(within(form).getByLabelText("Regions"));
    await user.type(within(form).getByLabelText("Regions"), "us, de");
    await user.click(within(form).getByRole("checkbox", { name: "iOS" }));
    fireEvent.change(within(form).getByLabelText("Expires"), { target: { value: "2020-01-01T10:00" } });
    await user.click(within(form).getByRole("button", { name: "Create wave" }));
    await waitFor(() =>
      expect(within(form).getByLabelText("Expires")).toHaveAccessibleDescription(/must be in the future/i),
    );
    expect(await db.prisma.inviteWave.count({ where: { name } })).toBe(0);

    fireEvent.change(within(form).getByLabelText("Expires"), { target: { value: "" } });
    await user.click(within(form).getByRole("button", { name: "Create wave" }));

    expect(await screen.findByRole("heading", { level: 1, name: `Wave: ${name}` })).toBeInTheDocument();
    const wave = await db.prisma.inviteWave.findFirstOrThrow({ where: { name } });
    expect(currentUrl().path).toBe(`/invites/${wave.id}`);
    expect(wave).toMatchObject({
      status: "draft",
      targetSize: 250,
      regions: ["US", "DE"],
      platforms: ["ios"],
      expiresAt: null,
    });
    const details = screen.getByLabelText("Wave details");
    expect(within(details).getByText("US, DE")).toBeInTheDocument();
    expect(within(details).getByText("Draft")).toBeInTheDocument();
  });

  it("[ADMIN] issues a batch and sees its progress complete, then moves the wave through its states", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "draft");
    const { user } = await renderAppAs("admin", `/invites/${wave.id}`);
    await screen.findByRole("heading", { level: 1, name: `Wave: ${wave.name}` });
    expect(await screen.findByText("No batches yet")).toBeInTheDocument();

    const issue = screen.getByRole("form", { name: "Issue codes" });
    const count = within(issue).getByLabelText("Number of codes");
    await user.clear(count);
    await user.type(count, "0");
    await user.click(within(issue).getByRole("button", { name: "Issue codes" }));
    expect(await within(issue).findByText("Issue at least 1 code")).toBeInTheDocument();

    await user.clear(count);
    await user.type(count, "40");
    await user.click(within(issue).getByRole("button", { name: "Issue codes" }));
    const bar = await screen.findByRole("progressbar", { name: "Issuing codes" });
    expect(bar).toHaveAttribute("aria-valuemax", "40");
    await waitFor(() =>
      expect(screen.getByRole("progressbar", { name: "Issuing codes" })).toHaveAttribute("aria-valuenow", "40"),
    );
    expect(await screen.findByText("Issued 40 codes.")).toBeInTheDocument();
    expect(await db.prisma.inviteCode.count({ where: { waveId: wave.id } })).toBe(40);
    const batches = await screen.findByRole("list", { name: "Batches" });
    expect(within(batches).getByText("40 codes")).toBeInTheDocument();
    const issued = await db.prisma.inviteBatch.findFirstOrThrow({ where: { waveId: wave.id } });
    expect(
      await within(batches).findByRole("link", { name: `Export batch ${issued.id.slice(-8)} as CSV` }),
    ).toHaveAttribute("href", `/exports/invite-codes.csv?waveId=${wave.id}&batchId=${issued.id}`);
    expect(await screen.findByText("40 codes match; 40 loaded")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
      "href",
      `/exports/invite-codes.csv?waveId=${wave.id}`,
    );

    // Only the moves the server allows are offered: draft → active ⇄ paused → closed.
    const status = screen.getByRole("group", { name: "Wave status" });
    expect(within(status).queryByRole("button", { name: "Pause" })).not.toBeInTheDocument();
    await user.click(within(status).getByRole("button", { name: "Activate" }));
    await within(status).findByRole("button", { name: "Pause" });
    expect(within(screen.getByLabelText("Wave details")).getByText("Active")).toBeInTheDocument();
    await user.click(within(status).getByRole("button", { name: "Pause" }));
    await within(status).findByRole("button", { name: "Resume" });
    expect((await db.prisma.inviteWave.findUniqueOrThrow({ where: { id: wave.id } })).status).toBe("paused");
    await user.click(within(status).getByRole("button", { name: "Resume" }));
    await within(status).findByRole("button", { name: "Pause" });

    // Closing asks first; backing out changes nothing.
    await user.click(within(status).getByRole("button", { name: "Close…" }));
    let dialog = await screen.findByRole("dialog", { name: `Close ${wave.name}?` });
    await user.click(within(dialog).getByRole("button", { name: "Keep it open" }));
    expect((await db.prisma.inviteWave.findUniqueOrThrow({ where: { id: wave.id } })).status).toBe("active");
    await user.click(within(status).getByRole("button", { name: "Close…" }));
    dialog = await screen.findByRole("dialog", { name: `Close ${wave.name}?` });
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "Beta is over");
    await user.click(within(dialog).getByRole("button", { name: "Close wave" }));
    expect(await screen.findByText("Closed waves stay closed.")).toBeInTheDocument();
    expect(screen.getByText("This wave is closed; open a new wave to issue more codes.")).toBeInTheDocument();
    expect((await db.prisma.inviteWave.findUniqueOrThrow({ where: { id: wave.id } })).status).toBe("closed");
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "invite_wave.status", subjectId: wave.id },
      orderBy: { at: "desc" },
    });
    expect(audit?.details).toMatchObject({ from: "active", to: "closed", reason: "Beta is over" });
  });

  it("[ADMIN] watches a batch still being issued in the background fill its bar", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "active");
    // A large batch the server is part-way through (issued in chunks after the request answered).
    const batch = await db.prisma.inviteBatch.create({
      data: { waveId: wave.id, size: 200_000, issuedCount: 50_000, status: "issuing" },
    });
    await renderAppAs("admin", `/invites/${wave.id}`);

    const bar = await screen.findByRole("progressbar", { name: `Batch ${batch.id.slice(-8)} progress` });
    expect(bar).toHaveAttribute("aria-valuenow", "50000");
    expect(bar).toHaveAttribute("aria-valuetext", "50,000 of 200,000 codes issued");
    expect(
      within(screen.getByRole("list", { name: "Batches" })).getByText("50,000 of 200,000 codes"),
    ).toBeInTheDocument();

    await db.prisma.inviteBatch.update({ where: { id: batch.id }, data: { issuedCount: 150_000 } });
    await waitFor(() =>
      expect(screen.getByRole("progressbar", { name: `Batch ${batch.id.slice(-8)} progress` })).toHaveAttribute(
        "aria-valuenow",
        "150000",
      ),
    );
    await db.prisma.inviteBatch.update({
      where: { id: batch.id },
      data: { issuedCount: 200_000, status: "complete", completedAt: new Date() },
    });
    const batches = screen.getByRole("list", { name: "Batches" });
    expect(await within(batches).findByText("200,000 codes")).toBeInTheDocument();
    expect(within(batches).getByText("Complete")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: `Batch ${batch.id.slice(-8)} progress` })).not.toBeInTheDocument();
  });

  it("[ADMIN] renders only a window of a long codes table and fetches further pages as it scrolls", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "active");
    const { codes } = await insertBatch(db, wave.id, 1_500);
    await renderAppAs("admin", `/invites/${wave.id}`);

    const table = await screen.findByRole("table", { name: "Invite codes" });
    await within(table).findByText(codes[0]!);
    expect(table).toHaveAttribute("aria-rowcount", "1501");
    expect(await screen.findByText("1,500 codes match; 500 loaded")).toBeInTheDocument();
    const rendered = codeRows(table).length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    expect(within(table).queryByText(codes[400]!)).not.toBeInTheDocument();

    // Jump far past the loaded rows: placeholders first, then the pages in between arrive in order.
    const scroller = screen.getByRole("region", { name: "Invite codes, scrollable" });
    Object.defineProperty(scroller, "scrollTop", { configurable: true, value: 1_200 * 34 });
    fireEvent.scroll(scroller);
    expect(await within(table).findByText(codes[1_200]!, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(within(table).queryByText(codes[0]!)).not.toBeInTheDocument();
    expect(codeRows(table).length).toBeLessThan(60);
    expect(await screen.findByText("1,500 codes match; 1,500 loaded")).toBeInTheDocument();
  });

  it("[ADMIN] filters the codes by status, usage, batch and code prefix, kept in the URL", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "active");
    const first = await insertBatch(db, wave.id, 30, (i) =>
      i < 5 ? { status: "revoked" } : i < 12 ? { useCount: 1 } : {},
    );
    const second = await insertBatch(db, wave.id, 20);
    const { user } = await renderAppAs("admin", `/invites/${wave.id}`);
    await screen.findByText("50 codes match; 50 loaded");
    const filters = screen.getByRole("search", { name: "Filter codes" });

    await user.selectOptions(within(filters).getByLabelText("Status"), "revoked");
    expect(await screen.findByText("5 codes match these filters; 5 loaded")).toBeInTheDocument();
    expect(currentUrl().params.get("status")).toBe("revoked");

    await user.selectOptions(within(filters).getByLabelText("Status"), "");
    await user.selectOptions(within(filters).getByLabelText("Usage"), "used");
    expect(await screen.findByText("7 codes match these filters; 7 loaded")).toBeInTheDocument();
    expect(currentUrl().params.get("usage")).toBe("used");

    await user.selectOptions(within(filters).getByLabelText("Usage"), "");
    await user.selectOptions(within(filters).getByLabelText("Batch"), second.batch.id);
    expect(await screen.findByText("20 codes match these filters; 20 loaded")).toBeInTheDocument();
    expect(currentUrl().params.get("batch")).toBe(second.batch.id);

    await user.click(within(filters).getByRole("button", { name: "Clear filters" }));
    const target = first.codes[20]!;
    await user.type(within(filters).getByLabelText("Code starts with"), target.slice(0, 9).toLowerCase());
    const table = screen.getByRole("table", { name: "Invite codes" });
    expect(await screen.findByText("1 code matches these filters; 1 loaded")).toBeInTheDocument();
    expect(codeRows(table).map((r) => r.querySelector("code")!.textContent)).toEqual([target]);
    expect(currentUrl().params.get("code")).toBe(target.slice(0, 9).toLowerCase());
  });

  it("[ADMIN] revokes a code and a batch, each with a reason, after seeing how many codes stop working", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "active");
    const { batch, codes } = await insertBatch(db, wave.id, 12);
    const { user } = await renderAppAs("admin", `/invites/${wave.id}`);
    const table = await screen.findByRole("table", { name: "Invite codes" });
    await within(table).findByText(codes[0]!);

    await user.click(within(table).getByRole("button", { name: `Revoke ${codes[0]}` }));
    let dialog = await screen.findByRole("dialog", { name: `Revoke ${codes[0]}` });
    expect(within(dialog).getByText("1 code will stop working at once. This cannot be undone.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Revoke 1 code" }));
    expect(await within(dialog).findByText("Write why (at least 3 characters)")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Reason"), "Posted publicly on a forum");
    await user.click(within(dialog).getByRole("button", { name: "Revoke 1 code" }));
    expect(await within(dialog).findByText(/Revoked 1 code\./)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(await db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } })).toMatchObject({
      status: "revoked",
      revokedReason: "Posted publicly on a forum",
    });
    const row = (await within(table).findByText(codes[0]!)).closest("tr")!;
    await waitFor(() => expect(within(row).getByText("Revoked")).toBeInTheDocument());
    expect(within(row).queryByRole("button", { name: `Revoke ${codes[0]}` })).not.toBeInTheDocument();

    const batches = screen.getByRole("list", { name: "Batches" });
    await user.click(within(batches).getByRole("button", { name: `Revoke batch ${batch.id.slice(-8)}` }));
    dialog = await screen.findByRole("dialog", { name: `Revoke batch ${batch.id.slice(-8)}` });
    expect(
      await within(dialog).findByText("11 codes will stop working at once. This cannot be undone."),
    ).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Reason"), "Batch leaked");
    await user.click(within(dialog).getByRole("button", { name: "Revoke 11 codes" }));
    expect(await within(dialog).findByText(/Revoked 11 codes\./)).toBeInTheDocument();
    expect(await db.prisma.inviteCode.count({ where: { batchId: batch.id, status: "active" } })).toBe(0);
    const outbox = await db.prisma.outboxEvent.findMany({
      where: { type: "invite_codes.revoked" },
      orderBy: { createdAt: "asc" },
    });
    expect(outbox.map((e) => (e.payload as { data: { scope: string; count: number } }).data).slice(-2)).toEqual([
      expect.objectContaining({ scope: "code", count: 1 }),
      expect.objectContaining({ scope: "batch", count: 11 }),
    ]);
  });

  it("[ADMIN] follows the invite tree from a top inviter, sees the abuse signals and revokes the inviter's codes", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "active");
    const { codes } = await insertBatch(db, wave.id, 1, () => ({ useCount: 1 }));
    const inviter = await insertAccount(db, `inviter_${Date.now().toString(36)}`);
    const joined = await db.prisma.inviteCode.findUniqueOrThrow({ where: { code: codes[0]! } });
    await db.prisma.redemption.create({ data: { codeId: joined.id, accountId: inviter.id, region: "US" } });
    const shared = generateCodes(4);
    await db.prisma.inviteCode.createMany({
      data: shared.map((code) => ({ code, waveId: wave.id, issuerAccountId: inviter.id, maxUses: 1 })),
    });
    for (const code of shared.slice(0, 3)) {
      const invitee = await insertAccount(db);
      await db.prisma.account.update({ where: { id: invitee.id }, data: { status: "suspended" } });
      const row = await db.prisma.inviteCode.update({ where: { code }, data: { useCount: 1 } });
      await db.prisma.redemption.create({ data: { codeId: row.id, accountId: invitee.id, region: "DE" } });
    }
    const { user } = await renderAppAs("admin", `/invites/${wave.id}`);

    const top = await screen.findByRole("list", { name: "Top inviters" });
    expect(within(top).getByText(/invited 3 with 3 codes; 3 suspended/)).toBeInTheDocument();
    await user.click(within(top).getByRole("button", { name: new RegExp(`@${inviter.handle}`) }));
    expect(currentUrl().params.get("account")).toBe(inviter.id);
    const counts = await screen.findByLabelText("Tree counts");
    expect(within(counts).getByText("0 (joined with an admin-issued code)")).toBeInTheDocument();
    expect(within(counts).getByText("4 issued, 3 used, 0 revoked")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Invitees" })).getAllByRole("listitem")).toHaveLength(3);

    const abuse = screen.getByRole("list", { name: "Inviters with many suspended invitees" });
    expect(within(abuse).getByText("3 of 3 invitees suspended")).toBeInTheDocument();
    expect(
      within(screen.getByRole("list", { name: "Codes whose redeemers were suspended" })).getAllByRole("listitem"),
    ).toHaveLength(3);

    await user.click(screen.getByRole("button", { name: "Revoke codes shared by this account…" }));
    const dialog = await screen.findByRole("dialog", { name: `Revoke codes shared by ${inviter.id}` });
    expect(within(dialog).getByText("4 codes will stop working at once. This cannot be undone.")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Reason"), "Invites suspended spam accounts");
    await user.click(within(dialog).getByRole("button", { name: "Revoke 4 codes" }));
    expect(await within(dialog).findByText(/Revoked 4 codes\./)).toBeInTheDocument();
    expect(await db.prisma.inviteCode.count({ where: { issuerAccountId: inviter.id, status: "revoked" } })).toBe(4);
  });

  it("[ADMIN] shows an empty wave's states, and an error for a wave that does not exist", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "draft");
    const { unmount } = await renderAppAs("admin", `/invites/${wave.id}`);
    await screen.findByRole("heading", { level: 1, name: `Wave: ${wave.name}` });
    expect(await screen.findByText("No codes issued yet")).toBeInTheDocument();
    expect(await screen.findByText("No member of this wave has invited anyone yet")).toBeInTheDocument();
    expect(await screen.findByText("No redemptions yet")).toBeInTheDocument();
    expect(screen.getAllByText("None")).toHaveLength(3);
    unmount();

    await renderAppAs("admin", "/invites/0190a000-0000-7000-8000-000000000000");
    expect(await screen.findByRole("alert")).toHaveTextContent(/Invite wave was not found/i);
  });

  it("[STAFF] cannot open an invite wave", async () => {
    const db = await testDatabase();
    const wave = await insertWave(db, "draft");
    await renderAppAs("staff", `/invites/${wave.id}`);
    expect(await screen.findByText(/admin/i)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { level: 1, name: `Wave: ${wave.name}` })).not.toBeInTheDocument();
  });
});
