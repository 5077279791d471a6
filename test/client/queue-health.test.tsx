import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { insertCase } from "../support/fixtures.ts";
import { createStaff } from "../support/staff.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

function rowFor(table: HTMLElement, queue: string): HTMLElement {
  return within(table).getByRole("rowheader", { name: queue }).closest("tr")!;
}

describe("queue health", () => {
  // Runs first, while this file's database has no cases.
  it("[MODERATOR] a console without cases says so instead of drawing empty charts", async () => {
    await renderAppAs("moderator", "/health");
    expect(await screen.findByText("No cases in the last 14 days")).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });

  it("[MODERATOR] sees each queue's depth and the deadlines met, without the staff-only queues", async () => {
    const db = await testDatabase();
    const queue = "deepfake_report";
    await insertCase(db, {
      queue,
      status: "resolved",
      createdAt: hoursAgo(30),
      resolvedAt: hoursAgo(20),
      deadlineAt: hoursAgo(10),
    });
    await insertCase(db, {
      queue,
      status: "resolved",
      createdAt: hoursAgo(50),
      resolvedAt: hoursAgo(26),
      deadlineAt: hoursAgo(40),
    });
    await insertCase(db, { queue, createdAt: hoursAgo(3), deadlineAt: hoursAgo(1) });
    await insertCase(db, { queue: "takedown", createdAt: hoursAgo(2) });

    await renderAppAs("moderator", "/health");
    const table = await screen.findByRole("table", { name: "Queue health summary" });
    const cells = within(rowFor(table, "Deepfake reports"))
      .getAllByRole("cell")
      .map((c) => c.textContent);
    // Open now, overdue now, opened, resolved, deadlines met.
    expect(cells).toEqual(["1", "1", "3", "2", "50%"]);
    expect(within(table).queryByRole("rowheader", { name: "Takedown requests" })).not.toBeInTheDocument();
    // Colleagues' numbers are for staff and admins.
    expect(screen.queryByRole("heading", { name: "Reviewers" })).not.toBeInTheDocument();

    expect(
      screen.getByRole("img", { name: /^Deepfake reports: 1 open now, .*3 opened and 2 resolved in 14 days\.$/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: /Deadlines met per queue, target 95%: .*Deepfake reports: 50% met \(1 of 2\)/ }),
    ).toBeInTheDocument();
    // The queue's name leads to its list, in the table and over its chart.
    for (const link of screen.getAllByRole("link", { name: "Deepfake reports" }))
      expect(link).toHaveAttribute("href", "/queues/deepfake_report");
  });

  it("[MODERATOR] choosing a longer range keeps it in the URL", async () => {
    const { user } = await renderAppAs("moderator", "/health");
    await screen.findByRole("table", { name: "Queue health summary" });
    await user.selectOptions(screen.getByLabelText("Range"), "last 30 days");
    expect(await screen.findByRole("columnheader", { name: "Opened (30 d)" })).toBeInTheDocument();
    expect(currentUrl().params.get("days")).toBe("30");
  });

  it("[STAFF] sees the takedown queue too", async () => {
    await renderAppAs("staff", "/health?days=7");
    const table = await screen.findByRole("table", { name: "Queue health summary" });
    expect(within(rowFor(table, "Takedown requests")).getAllByRole("cell")[0]).toHaveTextContent("1");
    expect(screen.getByLabelText("Range")).toHaveValue("7");
  });

  it("[STAFF] sees how many decisions each reviewer made and how they fared on appeal", async () => {
    const db = await testDatabase();
    const reviewer = await createStaff(db, "moderator", "Mia Reviewer");
    const policy = await db.prisma.policy.findFirstOrThrow({ where: { active: true } });
    for (const type of ["take_down_post", "dismiss"] as const) {
      const c = await insertCase(db, { status: "resolved", createdAt: hoursAgo(5), resolvedAt: hoursAgo(4) });
      await db.prisma.decision.create({
        data: {
          type,
          subjectType: "post",
          postId: c.postId,
          caseId: c.id,
          actorId: reviewer.id,
          authority: "moderator",
          policyId: policy.id,
          reason: "r",
          createdAt: hoursAgo(4),
        },
      });
    }
    await renderAppAs("staff", "/health");
    const table = await screen.findByRole("table", { name: "Reviewer activity" });
    const row = within(table).getByRole("rowheader", { name: "Mia Reviewer moderator" }).closest("tr")!;
    // Decisions, restrictive, dismissed, escalated, appeals decided, overturned.
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent?.trim()),
    ).toEqual(["2", "1", "1", "0", "0", "0"]);
  });

  it("[MODERATOR] a server failure shows an error with a way to retry", async () => {
    mockApi.use(
      http.all("*/trpc/case.queueHealth*", () =>
        HttpResponse.json(
          [
            {
              error: {
                message: "The database is not answering.",
                code: -32603,
                data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path: "case.queueHealth" },
              },
            },
          ],
          { status: 500 },
        ),
      ),
    );
    await renderAppAs("moderator", "/health");
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load queue health");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
