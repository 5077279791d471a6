// The banks on the hash bank page: what each holds and what a match does, read-only for staff; admins create and
// change banks, and automatic take-down waits for a second admin; staff import lists (bad lines named by number).
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { File as NodeFile } from "node:buffer";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { bypass, http, HttpResponse } from "msw";
import { DEFAULT_AUTH_CONFIG } from "../../server/config.ts";
import type { Database } from "../../server/db/client.ts";
import { createHashListApi } from "../../server/http/hash-list-api.ts";
import { silentLogger } from "../../server/lib/logger.ts";
import type { SessionUser } from "../../server/trpc.ts";
import { createStaff, sessionTokenFor } from "../support/staff.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { renderAppAs } from "./support/render-app.tsx";

const hex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");
const uniqueName = (prefix: string) => `${prefix} ${hex(3)}`;

async function insertBank(db: Database, data: { name: string; kind?: "copyright" | "spam" | "ncii" | "safe" }) {
  return db.prisma.hashBank.create({ data: { kind: "copyright", ...data } });
}

async function banksTable() {
  return screen.findByRole("table", { name: "Banks" });
}

async function bankRow(name: string) {
  const table = await banksTable();
  return within(await within(table).findByRole("rowheader", { name: new RegExp(`^${name}`) }))
    .getByText(name)
    .closest("tr")!;
}

// The import travels as plain HTTP, outside tRPC: the real /hash-lists router runs on a local port, and msw
// forwards the console's upload to it with the session cookie a browser would send.
let hashListServer: Server;
let uploadSessionToken: string | null = null;

beforeAll(async () => {
  const db = await testDatabase();
  const app = express();
  app.use(
    "/hash-lists",
    createHashListApi({ db, auth: DEFAULT_AUTH_CONFIG, log: silentLogger, now: () => new Date() }),
  );
  hashListServer = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => hashListServer.once("listening", () => resolve()));
});

afterAll(() => new Promise<void>((resolve) => hashListServer.close(() => resolve())));

function forwardUploads() {
  const { port } = hashListServer.address() as AddressInfo;
  mockApi.use(
    http.post("*/hash-lists/import", async ({ request }) => {
      const url = new URL(request.url);
      const forwarded = new Request(`http://127.0.0.1:${port}/hash-lists/import${url.search}`, {
        method: "POST",
        headers: {
          "content-type": "text/plain",
          ...(uploadSessionToken ? { cookie: `vigil_session=${encodeURIComponent(uploadSessionToken)}` } : {}),
        },
        body: await request.arrayBuffer(),
      });
      return fetch(bypass(forwarded));
    }),
  );
}

// jsdom's File is not a body Node's fetch can send (a browser's is): the upload is given Node's own.
function listFile(text: string, name: string): File {
  return new NodeFile([text], name, { type: "text/csv" }) as unknown as File;
}

async function signedInStaff(db: Database, role: "staff" | "admin", name?: string): Promise<SessionUser> {
  const staff = await createStaff(db, role, name);
  uploadSessionToken = await sessionTokenFor(db, staff);
  return staff;
}

describe("hash banks", () => {
  it("[STAFF] sees each bank, what it holds and what a match does, read-only", async () => {
    const db = await testDatabase();
    const bank = await insertBank(db, { name: uniqueName("Studio catalogue") });
    await db.prisma.hashBank.update({ where: { id: bank.id }, data: { action: "hold", retroScanDays: 7 } });
    await db.prisma.policy.update({ where: { code: "violence" }, data: { hashBankId: bank.id } });
    await renderAppAs("staff", "/hash-bank");

    const row = within(await bankRow(bank.name));
    expect(row.getByText("Copyright")).toBeInTheDocument();
    expect(row.getByText("Hold the post pending review")).toBeInTheDocument();
    expect(row.getByText("New entries checked against 7 days of posts")).toBeInTheDocument();
    expect(row.getByText("On")).toBeInTheDocument();
    expect(row.getByText("violence")).toBeInTheDocument();
    expect(row.getByRole("link", { name: `Export ${bank.name} as CSV` })).toHaveAttribute(
      "href",
      `/hash-lists/export?bankId=${bank.id}`,
    );
    expect(row.getByRole("button", { name: `Import a list into ${bank.name}…` })).toBeInTheDocument();
    expect(row.queryByRole("button", { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New bank" })).not.toBeInTheDocument();

    // The bank every take-down feeds, with the policies that name no other bank.
    const removed = within(await bankRow("Removed content"));
    expect(removed.getAllByText("Removed content")).toHaveLength(2);
    expect(removed.getByText("Open a review case")).toBeInTheDocument();
  });

  it("[ADMIN] creates a bank and sees it listed", async () => {
    const db = await testDatabase();
    const { user } = await renderAppAs("admin", "/hash-bank");
    await banksTable();
    await user.click(screen.getByRole("button", { name: "New bank" }));
    const form = within(screen.getByRole("form", { name: "New bank" }));
    const name = uniqueName("Partner spam list");
    await user.type(form.getByLabelText("Name"), name);
    await user.selectOptions(form.getByLabelText("Kind"), "Spam");
    await user.selectOptions(form.getByLabelText("What a match does"), "Hold the post pending review");
    await user.clear(form.getByLabelText("Retro-scan days"));
    await user.type(form.getByLabelText("Retro-scan days"), "3");
    // Automatic take-down is never offered at creation: it needs a second admin.
    expect(form.queryByRole("option", { name: "Take down automatically" })).not.toBeInTheDocument();
    await user.click(form.getByRole("button", { name: "Create bank" }));

    expect(await screen.findByText(`Created the bank ${name}.`)).toBeInTheDocument();
    const row = within(await bankRow(name));
    expect(row.getByText("Spam")).toBeInTheDocument();
    expect(row.getByText("Hold the post pending review")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "New bank" })).not.toBeInTheDocument();
    expect(await db.prisma.hashBank.findUniqueOrThrow({ where: { name } })).toMatchObject({
      kind: "spam",
      action: "hold",
      retroScanDays: 3,
    });
  });

  it("[ADMIN] a bank name that exists already is refused beside the field", async () => {
    const db = await testDatabase();
    const existing = await insertBank(db, { name: uniqueName("Taken name") });
    const { user } = await renderAppAs("admin", "/hash-bank");
    await banksTable();
    await user.click(screen.getByRole("button", { name: "New bank" }));
    const form = within(screen.getByRole("form", { name: "New bank" }));
    await user.type(form.getByLabelText("Name"), existing.name);
    await user.click(form.getByRole("button", { name: "Create bank" }));
    expect(await form.findByText(`A bank named "${existing.name}" exists already.`)).toBeInTheDocument();
  });

  it("[ADMIN] turns a bank off, which needs a reason", async () => {
    const db = await testDatabase();
    const bank = await insertBank(db, { name: uniqueName("Old spam list"), kind: "spam" });
    const { user } = await renderAppAs("admin", "/hash-bank");
    await user.click(within(await bankRow(bank.name)).getByRole("button", { name: `Edit ${bank.name}…` }));
    const dialog = within(await screen.findByRole("dialog", { name: `Edit ${bank.name}` }));
    await user.click(dialog.getByRole("checkbox", { name: "Matching on" }));
    await user.click(dialog.getByRole("button", { name: "Save" }));
    expect(await dialog.findByText("Write the reason (at least 3 characters)")).toBeInTheDocument();

    await user.type(dialog.getByLabelText("Reason"), "The partner retired this list");
    await user.click(dialog.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(`${bank.name} was saved.`)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(async () => expect(within(await bankRow(bank.name)).getByText("Off")).toBeInTheDocument());
    expect(await db.prisma.hashBank.findUniqueOrThrow({ where: { id: bank.id } })).toMatchObject({ enabled: false });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "hash_bank.bank_update", subjectId: bank.id },
    });
    expect(audit.details).toMatchObject({
      reason: "The partner retired this list",
      changed: { enabled: { to: false } },
    });
  });

  it("[ADMIN] asks for automatic take-down, which waits; another admin approves it", async () => {
    const db = await testDatabase();
    const bank = await insertBank(db, { name: uniqueName("NCII partner"), kind: "ncii" });
    const asker = await createStaff(db, "admin", "Ann Asker");
    const first = await renderAppAs("admin", "/hash-bank", { as: asker });

    await first.user.click(within(await bankRow(bank.name)).getByRole("button", { name: `Edit ${bank.name}…` }));
    const dialog = within(await screen.findByRole("dialog", { name: `Edit ${bank.name}` }));
    await first.user.selectOptions(
      dialog.getByLabelText("What a match does"),
      "Take down automatically (needs a second admin)",
    );
    await first.user.type(dialog.getByLabelText("Reason"), "Hashes verified by the partner hotline");
    await first.user.click(dialog.getByRole("button", { name: "Save" }));

    expect(
      await screen.findByText(`${bank.name}: automatic take-down is waiting for a second admin.`),
    ).toBeInTheDocument();
    const waiting = within(await screen.findByRole("group", { name: `Waiting for a second admin: ${bank.name}` }));
    expect(waiting.getByText(/Asked by you/)).toHaveTextContent("Hashes verified by the partner hotline");
    expect(waiting.getByText("Another admin must approve or refuse it.")).toBeInTheDocument();
    expect(waiting.queryByRole("button", { name: "Approve…" })).not.toBeInTheDocument();
    // Until approved, a match still does what it did.
    expect(within(await bankRow(bank.name)).getByText("Open a review case")).toBeInTheDocument();
    first.unmount();

    const { user } = await renderAppAs("admin", "/hash-bank", { name: "Bo Approver" });
    const pending = within(await screen.findByRole("group", { name: `Waiting for a second admin: ${bank.name}` }));
    expect(pending.getByText(/Asked by Ann Asker/)).toHaveTextContent("Hashes verified by the partner hotline");
    await user.click(pending.getByRole("button", { name: "Approve…" }));
    const approve = within(await screen.findByRole("dialog", { name: `Approve automatic take-down for ${bank.name}` }));
    await user.type(approve.getByLabelText("Reason"), "Checked the partner's sample");
    await user.click(approve.getByRole("button", { name: "Approve" }));

    expect(await screen.findByText(`${bank.name}: a match now takes the post down automatically.`)).toBeInTheDocument();
    await waitFor(async () =>
      expect(within(await bankRow(bank.name)).getByText("Take down automatically")).toBeInTheDocument(),
    );
    expect(screen.queryByRole("group", { name: `Waiting for a second admin: ${bank.name}` })).not.toBeInTheDocument();
    expect(await db.prisma.hashBank.findUniqueOrThrow({ where: { id: bank.id } })).toMatchObject({
      action: "take_down",
      pendingAction: null,
    });
  });

  it("[STAFF] an import with bad lines lists them by number and keeps nothing; a good list is imported", async () => {
    const db = await testDatabase();
    const bank = await insertBank(db, { name: uniqueName("Exchange list") });
    forwardUploads();
    const staff = await signedInStaff(db, "staff");
    const { user } = await renderAppAs("staff", "/hash-bank", { as: staff });

    await user.click(
      within(await bankRow(bank.name)).getByRole("button", { name: `Import a list into ${bank.name}…` }),
    );
    const dialog = within(await screen.findByRole("dialog", { name: `Import a list into ${bank.name}` }));
    const bad = `pdq,${hex(32)}\npdq,not-a-hash\nsha256,${hex(32)}\nvideo_md5,xyz\n`;
    await user.upload(dialog.getByLabelText("List file"), listFile(bad, "partner.csv"));
    await user.type(dialog.getByLabelText("Source"), "Partner hotline");
    await user.type(dialog.getByLabelText("List date"), "2026-11-30");
    await user.click(dialog.getByRole("button", { name: "Import" }));

    const refused = await dialog.findByRole("alert", { name: "Import refused" });
    const lines = within(within(refused).getByRole("list", { name: "Refused lines" })).getAllByRole("listitem");
    expect(lines.map((li) => /^Line (\d+):/.exec(li.textContent ?? "")?.[1])).toEqual(["2", "4"]);
    expect(refused).toHaveTextContent("2 lines could not be read, so nothing of it was kept");
    expect(await db.prisma.hashBankEntry.count({ where: { bankId: bank.id } })).toBe(0);

    const good = `signal_type,value\npdq,${hex(32)}\nvideo_md5,${hex(16)}\n`;
    await user.upload(dialog.getByLabelText("List file"), listFile(good, "partner-fixed.csv"));
    await user.click(dialog.getByRole("button", { name: "Import" }));
    expect(await dialog.findByRole("status", { name: "Import result" })).toHaveTextContent(/^Imported 2 entries/);
    expect(await db.prisma.hashBankEntry.count({ where: { bankId: bank.id } })).toBe(2);
    const stored = await db.prisma.hashListImport.findMany({
      where: { bankId: bank.id },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((i) => [i.status, i.source, i.fileName])).toEqual([
      ["refused", "Partner hotline", "partner.csv"],
      ["done", "Partner hotline", "partner-fixed.csv"],
    ]);
    expect(stored[1]!.listDate?.toISOString()).toBe("2026-11-30T00:00:00.000Z");

    await user.click(dialog.getByRole("button", { name: "Done" }));
    const row = within(await bankRow(bank.name));
    await waitFor(() => expect(row.getByText(/Partner hotline · Done, 2 entries/)).toBeInTheDocument());
  });

  it("[STAFF] while a list is being read and written, the dialog says how many lines the server has read, then entries written", async () => {
    const db = await testDatabase();
    const bank = await insertBank(db, { name: uniqueName("Large list") });
    const staff = await signedInStaff(db, "staff");
    // The upload is held open while the server's import row says where it has got to, until the test has seen it.
    let finishUpload!: () => void;
    const seenProgress = new Promise<void>((resolve) => (finishUpload = resolve));
    mockApi.use(
      http.post("*/hash-lists/import", async () => {
        const running = await db.prisma.hashListImport.create({
          data: {
            bankId: bank.id,
            source: "Partner hotline",
            fileName: "big.csv",
            createdById: staff.id,
            lines: 1200,
            createdAt: new Date(),
          },
        });
        await seenProgress;
        return HttpResponse.json({
          importId: running.id,
          status: "done",
          lines: 1200,
          entries: 1200,
          duplicates: 0,
          errors: [],
          errorCount: 0,
        });
      }),
    );
    const { user } = await renderAppAs("staff", "/hash-bank", { as: staff });
    await user.click(
      within(await bankRow(bank.name)).getByRole("button", { name: `Import a list into ${bank.name}…` }),
    );
    const dialog = within(await screen.findByRole("dialog", { name: `Import a list into ${bank.name}` }));
    await user.upload(dialog.getByLabelText("List file"), listFile(`pdq,${hex(32)}\n`, "big.csv"));
    await user.type(dialog.getByLabelText("Source"), "Partner hotline");
    await user.click(dialog.getByRole("button", { name: "Import" }));

    await dialog.findByRole("status", { name: "Import progress" });
    await waitFor(() =>
      expect(dialog.getByRole("status", { name: "Import progress" })).toHaveTextContent(
        "Checking the list: 1,200 lines read…",
      ),
    );
    await db.prisma.hashListImport.updateMany({ where: { bankId: bank.id }, data: { entries: 600, planned: 1200 } });
    await waitFor(() =>
      expect(dialog.getByRole("status", { name: "Import progress" })).toHaveTextContent(
        "Writing the list: 600 of 1,200 entries…",
      ),
    );
    expect(dialog.getByRole("progressbar", { name: "Entries written" })).toHaveAttribute("value", "600");
    finishUpload();
    expect(await dialog.findByRole("status", { name: "Import result" })).toHaveTextContent(
      "Imported 1,200 entries from 1,200 lines.",
    );
    expect(dialog.queryByRole("status", { name: "Import progress" })).not.toBeInTheDocument();
  });

  it("[STAFF] with no banks says so", async () => {
    mockApi.use(http.get("*/trpc/hashBank.banks*", () => HttpResponse.json({ result: { data: [] } })));
    await renderAppAs("staff", "/hash-bank");
    expect(await within(await banksTable()).findByText("No banks yet: an admin creates them.")).toBeInTheDocument();
  });

  it("[STAFF] a failure to load the banks shows an error with a way to retry, and retrying loads them", async () => {
    let failures = 3;
    mockApi.use(
      http.get("*/trpc/hashBank.banks*", () => {
        if (failures-- <= 0) return undefined;
        return HttpResponse.json(
          {
            error: {
              message: "The database is not answering.",
              code: -32603,
              data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "hashBank.banks" },
            },
          },
          { status: 500 },
        );
      }),
    );
    const { user } = await renderAppAs("staff", "/hash-bank");
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load the banks");
    expect(alert).toHaveTextContent("The database is not answering.");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await bankRow("Removed content")).toBeInTheDocument();
  });
});
