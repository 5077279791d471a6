import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { PLATFORM_EVENT_TYPES } from "../../server/contracts/platform-events.ts";
import { WEBHOOK_EVENT_TYPES } from "../../server/contracts/platform-webhooks.ts";
import type { Database } from "../../server/db/client.ts";
import { buildOpenApiDocument } from "../../server/platform/openapi.ts";
import { mockApi, testDatabase } from "./support/api-server.ts";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { holdClock } from "../support/test-clock.ts";

// The server mounts the document itself; here it is served as the server would build it.
function serveOpenApiDocument() {
  mockApi.use(http.get("*/api/v1/openapi.json", () => HttpResponse.json(buildOpenApiDocument())));
}

async function mainNavLabels() {
  const nav = await screen.findByRole("navigation", { name: "Main" });
  return within(nav)
    .getAllByRole("link")
    .map((link) => link.textContent?.replace(/g \w$/, "").trim());
}

function rowOf(element: HTMLElement): HTMLElement {
  return element.closest("tr")!;
}

async function insertDelivery(
  db: Database,
  data: {
    type: string;
    subjectKey: string;
    status: "pending" | "dead" | "delivered";
    attempts?: number;
    lastError?: string;
  },
) {
  const [subjectType, subjectId] = data.subjectKey.split(":");
  return db.prisma.outboxEvent.create({
    data: {
      type: data.type,
      subjectKey: data.subjectKey,
      payload: {
        subject: { type: subjectType, id: subjectId },
        data: { decisionId: null },
        occurredAt: new Date().toISOString(),
      },
      status: data.status,
      attempts: data.attempts ?? 0,
      lastError: data.lastError ?? null,
      nextAttemptAt: new Date(Date.now() + 5 * 60_000),
      deliveredAt: data.status === "delivered" ? new Date() : null,
    },
  });
}

describe("deliveries", () => {
  it("[ADMIN] sees deliveries per state and puts dead-lettered ones back in line, one or several at a time", async () => {
    holdClock(); // the page shows times relative to now
    const db = await testDatabase();
    await insertDelivery(db, {
      type: "post.held",
      subjectKey: "post:p_waiting",
      status: "pending",
      attempts: 3,
      lastError: "timed out",
    });
    const first = await insertDelivery(db, {
      type: "post.taken_down",
      subjectKey: "post:p_dead_one",
      status: "dead",
      attempts: 12,
      lastError: "HTTP 503: down",
    });
    const second = await insertDelivery(db, {
      type: "account.suspended",
      subjectKey: "account:a_dead_two",
      status: "dead",
      attempts: 12,
      lastError: "HTTP 500: oops",
    });
    await insertDelivery(db, {
      type: "account.warned",
      subjectKey: "account:a_done",
      status: "delivered",
      attempts: 1,
    });
    const { user } = await renderAppAs("admin", "/deliveries");

    const pending = within(await screen.findByRole("table", { name: "Deliveries" }));
    const waiting = rowOf(await pending.findByText("post:p_waiting"));
    expect(within(waiting).getByText("in 5m")).toBeInTheDocument();
    expect(within(waiting).getByText("timed out")).toBeInTheDocument();
    expect(pending.queryByText("post:p_dead_one")).not.toBeInTheDocument();
    const tabs = within(screen.getByRole("navigation", { name: "Delivery status" }));
    expect(tabs.getByRole("link", { name: "Pending 1" })).toHaveAttribute("aria-current", "page");

    await user.click(tabs.getByRole("link", { name: "Dead-lettered 2" }));
    expect(currentUrl().params.get("status")).toBe("dead");
    const dead = within(await screen.findByRole("table", { name: "Deliveries" }));
    const deadOne = rowOf(await dead.findByText("post:p_dead_one"));
    expect(within(deadOne).getByText("HTTP 503: down")).toBeInTheDocument();
    expect(within(deadOne).getByRole("cell", { name: "12" })).toBeInTheDocument();
    expect(dead.queryByText("post:p_waiting")).not.toBeInTheDocument();

    await user.click(within(deadOne).getByRole("button", { name: "Retry post.taken_down for post:p_dead_one" }));
    expect(await screen.findByText(/Retried 1 delivery; it is pending again/)).toBeInTheDocument();
    await waitFor(() => expect(dead.queryByText("post:p_dead_one")).not.toBeInTheDocument());
    expect(await db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect(await tabs.findByRole("link", { name: "Pending 2" })).toBeInTheDocument();

    const retrySelected = screen.getByRole("button", { name: "Retry selected" });
    expect(retrySelected).toBeDisabled();
    await user.click(dead.getByRole("checkbox", { name: "Select account.suspended for account:a_dead_two" }));
    expect(screen.getByText("1 selected")).toBeInTheDocument();
    await user.click(retrySelected);
    expect(await screen.findByText(/Retried 1 delivery/)).toBeInTheDocument();
    expect(await dead.findByText(/No dead-lettered deliveries/)).toBeInTheDocument();
    expect(await db.prisma.outboxEvent.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    const audit = await db.prisma.auditLog.findMany({ where: { action: "outbox.retry" }, select: { subjectId: true } });
    expect(audit.map((a) => a.subjectId).sort()).toEqual([first.id, second.id].sort());

    await user.click(tabs.getByRole("link", { name: /^Delivered/ }));
    const delivered = within(await screen.findByRole("table", { name: "Deliveries" }));
    expect(await delivered.findByText("account:a_done")).toBeInTheDocument();
    expect(delivered.queryByRole("button", { name: /^Retry/ })).not.toBeInTheDocument();
  });

  it("[MODERATOR] sees neither Deliveries nor the Platform API in the navigation", async () => {
    await renderAppAs("moderator", "/queues");
    expect(await mainNavLabels()).not.toContain("Deliveries");
    expect(await mainNavLabels()).not.toContain("Platform API");
  });

  it("[STAFF] sees the Platform API but not Deliveries, and opening /deliveries says it needs the admin role", async () => {
    await renderAppAs("staff", "/deliveries");
    expect(await screen.findByText(/You need the admin role to use Deliveries/)).toBeInTheDocument();
    expect(await mainNavLabels()).toContain("Platform API");
    expect(await mainNavLabels()).not.toContain("Deliveries");
  });
});

describe("platform API", () => {
  it("[STAFF] reads how to sign requests, every event type with its fields, and the webhook types", async () => {
    serveOpenApiDocument();
    await renderAppAs("staff", "/platform-api");

    const signing = within(await screen.findByRole("region", { name: "Signing" }));
    expect(signing.getAllByRole("term").map((term) => term.textContent)).toEqual([
      "X-Vigil-Key-Id",
      "X-Vigil-Timestamp",
      "X-Vigil-Signature",
    ]);
    expect(signing.getByRole("heading", { name: "Worked example" })).toBeInTheDocument();
    expect(signing.getAllByText(/X-Vigil-Signature: v2=[0-9a-f]{64}/).length).toBeGreaterThan(0);

    const endpoint = within(screen.getByRole("region", { name: "POST /api/v1/events" }));
    const responses = within(endpoint.getByRole("table", { name: "Responses to POST /api/v1/events" }));
    for (const status of ["200", "400", "401", "413", "429", "503"])
      expect(responses.getByRole("rowheader", { name: status })).toBeInTheDocument();
    expect(rowOf(responses.getByRole("rowheader", { name: "429" }))).toHaveTextContent(
      "Header Retry-After: Seconds to wait",
    );

    const events = within(screen.getByRole("region", { name: "Event types" }));
    for (const type of PLATFORM_EVENT_TYPES) expect(events.getByRole("heading", { name: type })).toBeInTheDocument();
    const flagFields = within(events.getByRole("table", { name: "flag.raised data fields" }));
    expect(
      within(rowOf(flagFields.getByRole("rowheader", { name: "postId" }))).getByRole("cell", { name: "required" }),
    ).toBeInTheDocument();
    expect(within(rowOf(flagFields.getByRole("rowheader", { name: "score" }))).getByText("0 to 1")).toBeInTheDocument();
    expect(flagFields.getByRole("rowheader", { name: "frames[].atMs" })).toBeInTheDocument();
    expect(events.getByText(/Also required: Name a cameoId or at least one post in postIds/)).toBeInTheDocument();

    const webhookTypes = within(screen.getByRole("table", { name: "decision webhook types" }));
    for (const type of WEBHOOK_EVENT_TYPES)
      expect(webhookTypes.getByRole("rowheader", { name: type })).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Headers of the decision webhook" })).toHaveTextContent(
      "X-Vigil-Event-Id",
    );
  });

  it("[STAFF] says so when the API description cannot be loaded, with a way to retry", async () => {
    mockApi.use(http.get("*/api/v1/openapi.json", () => HttpResponse.json({ error: "down" }, { status: 502 })));
    await renderAppAs("staff", "/platform-api");
    const alert = await screen.findByRole("alert", {}, { timeout: 8000 });
    expect(alert).toHaveTextContent("Could not load the API description");
    expect(alert).toHaveTextContent("The server answered 502");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
