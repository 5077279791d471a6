// The Audit page's chain status: when the chain was last verified and whether it held, the last checkpoint
// outside the database, and an admin's "Verify now", against the real router and a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { appendAudit } from "../../server/domain/audit/audit-log.ts";
import { checkpointAuditHead } from "../../server/domain/audit/audit-verification.ts";
import { renderAppAs } from "./support/render-app.tsx";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { tamperWithAuditLog, temporaryCheckpointFile, useTestAuditSeal } from "../support/audit.ts";

const NOW = new Date("2026-11-25T09:00:00.000Z");

describe("audit chain status", () => {
  let checkpoint: ReturnType<typeof temporaryCheckpointFile>;
  beforeAll(async () => {
    checkpoint = temporaryCheckpointFile();
    useTestAuditSeal(checkpoint.file);
    await testDatabase();
  });
  afterAll(() => {
    useTestAuditSeal();
    checkpoint.remove();
  });

  const panel = async () => within(await screen.findByRole("region", { name: "Chain integrity" }));

  it("[STAFF] sees that the chain held when the server last checked it, and the last checkpoint; only admins may verify", async () => {
    const db = await testDatabase();
    await appendAudit(
      db.prisma,
      [1, 2, 3].map((n) => ({
        actorType: "system" as const,
        action: "outbox.delivered",
        subjectType: "outbox_event",
        subjectId: `evt-${n}`,
      })),
      NOW,
    );
    const step = await checkpointAuditHead(db, { now: NOW });
    await renderAppAs("staff", "/audit");

    const status = await panel();
    expect(await status.findByText("The chain held when it was last checked.")).toBeInTheDocument();
    expect(status.getAllByText(/by the server, every row through #\d+ \(3 checked\)/)).toHaveLength(1);
    expect(status.getByText("held")).toBeInTheDocument();
    expect(status.getByText(`at #${step.written!.seq}`, { exact: false })).toBeInTheDocument();
    expect(status.getByText("Never (an admin can run one)")).toBeInTheDocument();
    expect(status.queryByRole("button", { name: "Verify now" })).not.toBeInTheDocument();
  });

  it("[ADMIN] shows an error with a retry when the status cannot be loaded", async () => {
    mockApi.use(
      http.all("*/trpc/audit.status*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "audit.status" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    await renderAppAs("admin", "/audit");
    const status = await panel();
    const alert = await status.findByRole("alert", {}, { timeout: 10_000 });
    expect(within(alert).getByText("Could not load the chain status")).toBeInTheDocument();
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("[ADMIN] verifies every row now: it holds, and after a row is edited behind the trigger's back it is broken at that row", async () => {
    const { user, db } = await renderAppAs("admin", "/audit", { name: "Ada Admin" });
    const status = await panel();
    await status.findByText("The chain held when it was last checked.");

    await user.click(status.getByRole("button", { name: "Verify now" }));
    expect(await status.findByText(/^Checked \d+ rows: the chain holds\.$/)).toBeInTheDocument();
    await waitFor(() => expect(status.getAllByText(/by Ada Admin, every row through #\d+/)).toHaveLength(2));

    const edited = await db.prisma.auditLog.findFirstOrThrow({ where: { subjectId: "evt-2" } });
    await tamperWithAuditLog(db, () =>
      db.prisma.auditLog.update({ where: { id: edited.id }, data: { subjectId: "evt-20" } }),
    );
    await user.click(status.getByRole("button", { name: "Verify now" }));

    const before = await db.prisma.auditLog.count({ where: { id: { lt: edited.id } } });
    expect(
      await status.findByText(
        `Checked ${before} rows: the chain does not hold. Row #${edited.id} was changed after it was written: its hash no longer matches its content.`,
      ),
    ).toBeInTheDocument();
    expect(await status.findByText(`The chain is broken at #${edited.id}.`)).toBeInTheDocument();
    expect(status.getAllByText(`broken at #${edited.id}`)).toHaveLength(2);
  });
});
