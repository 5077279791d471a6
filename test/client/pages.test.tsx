import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { appendAudit } from "../../server/domain/audit/audit-log.ts";
import { createStaff } from "../support/staff.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { holdClock } from "../support/test-clock.ts";

function rowOf(cell: HTMLElement): HTMLElement {
  return cell.closest("tr")!;
}

describe("takedowns", () => {
  it("[STAFF] lists open requests with their legal clocks, overdue ones marked", async () => {
    holdClock(); // the page shows times relative to now
    const db = await testDatabase();
    const hour = 3600_000;
    await db.prisma.takedownRequest.create({
      data: {
        reference: "TD-LATE-0001",
        type: "take_it_down",
        source: "web_form",
        authority: "self",
        requesterName: "Jo Requester",
        receivedAt: new Date(Date.now() - 50 * hour),
        clockStartedAt: new Date(Date.now() - 50 * hour),
        dueAt: new Date(Date.now() - 2 * hour),
      },
    });
    await db.prisma.takedownRequest.create({
      data: {
        reference: "TD-INFO-0002",
        type: "dmca",
        status: "needs_info",
        source: "platform",
        authority: "rightsholder",
        receivedAt: new Date(),
        missingElements: ["signature"],
      },
    });
    await renderAppAs("staff", "/takedowns");

    const table = within(await screen.findByRole("table", { name: "Takedown requests" }));
    const late = rowOf(await table.findByRole("cell", { name: "TD-LATE-0001" }));
    expect(within(late).getByRole("cell", { name: "TAKE IT DOWN" })).toBeInTheDocument();
    expect(within(late).getByText("overdue by 2h")).toHaveClass("is-overdue");
    expect(within(late).getByText(/Jo Requester/)).toBeInTheDocument();
    const waiting = rowOf(table.getByRole("cell", { name: "TD-INFO-0002" }));
    expect(within(waiting).getByText("clock not started — missing signature")).toBeInTheDocument();
  });

  it("[STAFF] a server failure shows an error with a way to retry, after retrying on its own", async () => {
    let calls = 0;
    mockApi.use(
      http.all("*/trpc/takedown.list*", () => {
        calls += 1;
        return HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "takedown.list" },
              },
            },
          ],
          { status: 500 },
        );
      }),
    );
    await renderAppAs("staff", "/takedowns");
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load takedown requests");
    expect(alert).toHaveTextContent("The database is not answering.");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(calls).toBe(3);
  });
});

describe("cameos", () => {
  it("[STAFF] finds cameos by owner handle, and says when none match", async () => {
    const db = await testDatabase();
    const owner = await db.prisma.account.create({
      data: { id: "acct_cameo_1", handle: "realperson", displayName: "Real Person", createdAt: new Date() },
    });
    await db.prisma.cameo.create({
      data: {
        id: "cameo_1",
        ownerId: owner.id,
        permission: "approved",
        restrictions: "No political content",
        createdAt: new Date(),
      },
    });
    const { user } = await renderAppAs("staff", "/cameos");

    const table = within(await screen.findByRole("table", { name: "Cameos" }));
    const row = rowOf(await table.findByText("@realperson"));
    expect(within(row).getByRole("cell", { name: "People I approve" })).toBeInTheDocument();
    expect(within(row).getByRole("cell", { name: "No political content" })).toBeInTheDocument();

    await user.type(screen.getByLabelText("Owner handle"), "nobody");
    expect(await screen.findByText("No cameo owner's handle starts with “nobody”")).toBeInTheDocument();
    expect(currentUrl().params.get("owner")).toBe("nobody");
  });
});

describe("invites", () => {
  it("[ADMIN] shows each wave with its codes and redemptions, and a redeemed-against-target chart", async () => {
    const db = await testDatabase();
    const admin = await createStaff(db, "admin");
    const wave = await db.prisma.inviteWave.create({
      data: { name: "Creators beta", targetSize: 100, status: "active", createdById: admin.id },
    });
    await db.prisma.inviteCode.createMany({
      data: [
        { code: "AAAA-BBBB", waveId: wave.id, maxUses: 5, useCount: 3 },
        { code: "CCCC-DDDD", waveId: wave.id, maxUses: 5, useCount: 4 },
      ],
    });
    await renderAppAs("admin", "/invites");

    const table = within(await screen.findByRole("table", { name: "Invite waves" }));
    const row = rowOf(await table.findByText("Creators beta"));
    const cells = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells).toEqual(expect.arrayContaining(["Active", "2", "7", "100"]));
    expect(screen.getByRole("img", { name: /Creators beta 7 of 100/ })).toBeInTheDocument();
  });
});

describe("audit", () => {
  it("[STAFF] lists audit entries newest first and filters by action prefix", async () => {
    const db = await testDatabase();
    const actor = await createStaff(db, "staff", "Aud Itor");
    await db.prisma.$transaction((tx) =>
      appendAudit(tx, [
        { actorType: "staff", actorId: actor.id, action: "case.claim", subjectType: "case", subjectId: "case-123" },
        { actorType: "system", action: "outbox.delivered", subjectType: "outbox", subjectId: "evt-9" },
      ]),
    );
    const { user } = await renderAppAs("staff", "/audit");

    const table = within(await screen.findByRole("table", { name: "Audit log" }));
    await table.findByRole("cell", { name: "outbox.delivered" });
    const actions = table
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[2]?.textContent);
    expect(actions.indexOf("outbox.delivered")).toBeLessThan(actions.indexOf("case.claim"));
    expect(within(rowOf(table.getByRole("cell", { name: "case.claim" }))).getByText(/Aud Itor/)).toBeInTheDocument();

    await user.type(screen.getByLabelText("Action starts with"), "case.");
    await waitFor(() => expect(table.queryByRole("cell", { name: "outbox.delivered" })).not.toBeInTheDocument());
    expect(table.getByRole("cell", { name: "case.claim" })).toBeInTheDocument();
  });
});

describe("settings", () => {
  it("[ADMIN] sees the queue settings and turns off media blurring for themselves", async () => {
    const { user, db, staff } = await renderAppAs("admin", "/settings");

    const queues = within(await screen.findByRole("table", { name: "Queue settings" }));
    const flagged = rowOf(await queues.findByRole("cell", { name: "Flagged generations" }));
    expect(within(flagged).getByRole("cell", { name: "24 h" })).toBeInTheDocument();
    expect(
      within(rowOf(queues.getByRole("cell", { name: "Takedown requests" }))).getByRole("cell", {
        name: "staff and above",
      }),
    ).toBeInTheDocument();

    const blur = await screen.findByRole("checkbox", { name: "Blur media until I reveal it" });
    expect(blur).toBeChecked();
    await user.click(blur);
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: "Blur media until I reveal it" })).not.toBeChecked(),
    );
    const saved = await db.prisma.staffUser.findUnique({ where: { id: staff!.id }, select: { preferences: true } });
    expect(saved?.preferences).toMatchObject({ blurMedia: false });
  });
});

describe("preferences", () => {
  it("[MODERATOR] reaches their own media preferences from the header and keeps audio muted by default", async () => {
    const { user, db, staff } = await renderAppAs("moderator", "/queues");
    await user.click(await screen.findByRole("link", { name: /moderator/i }));
    await screen.findByRole("heading", { name: "Preferences" });

    const mute = await screen.findByRole("checkbox", { name: "Mute audio until I unmute it" });
    expect(mute).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "Show media in grayscale" }));
    await waitFor(async () => {
      const saved = await db.prisma.staffUser.findUnique({ where: { id: staff!.id }, select: { preferences: true } });
      expect(saved?.preferences).toMatchObject({ grayscaleMedia: false });
    });
  });
});
