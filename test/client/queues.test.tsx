import { beforeAll, describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { currentUrl, renderAppAs } from "./support/render-app.tsx";
import { testDatabase } from "./support/api-server.ts";
import { insertCase } from "./support/cases.ts";

// Priority order: storm, beach, forest. Age order (oldest first): forest, storm, beach.
beforeAll(async () => {
  const db = await testDatabase();
  await insertCase(db, {
    handle: "stormchaser",
    prompt: "A storm over a burning city",
    priority: 90,
    ageHours: 5,
    category: "violence",
    maxScore: 0.95,
    deadlineInHours: -2,
  });
  await insertCase(db, {
    handle: "beachbum",
    prompt: "Surfers at sunset on a quiet beach",
    priority: 60,
    ageHours: 1,
    category: "spam",
    maxScore: 0.4,
    hasCameo: true,
    deadlineInHours: 20,
  });
  await insertCase(db, {
    handle: "forestfan",
    prompt: "A fox walking through a misty forest",
    priority: 30,
    ageHours: 30,
    category: "violence",
    maxScore: 0.72,
    reporters: 3,
  });
  await insertCase(db, {
    queue: "takedown",
    handle: "legalmatter",
    prompt: "A clip a rightsholder wants removed",
    priority: 99,
    ageHours: 2,
    category: "copyright",
  });
  await insertCase(db, {
    handle: "donedeal",
    prompt: "An already resolved case",
    priority: 95,
    ageHours: 3,
    status: "resolved",
  });
});

/** Creator handles of the case rows, top to bottom. */
async function creatorsInTable(): Promise<string[]> {
  const table = await screen.findByRole("table", { name: "Cases" });
  const rows = within(table).getAllByRole("row").slice(1);
  return rows.map((row) => within(row).getAllByRole("cell")[6]?.textContent ?? "");
}

/** The filter bar; the column chooser has checkboxes with the same names as some filters. */
function filters() {
  return within(screen.getByRole("search", { name: "Case filters" }));
}

async function waitForCreators(expected: string[]) {
  await waitFor(async () => expect(await creatorsInTable()).toEqual(expected));
}

describe("queues", () => {
  it("[MODERATOR] sees the open cases of a queue, highest priority first, with the queue overview", async () => {
    await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);

    const table = screen.getByRole("table", { name: "Cases" });
    for (const name of [
      "Priority",
      "Category",
      "Max score",
      "Reporters",
      "Signals",
      "Creator",
      "Prompt",
      "Deadline",
      "Age",
      "Claimed by",
      "Status",
    ]) {
      expect(within(table).getByRole("columnheader", { name })).toBeInTheDocument();
    }
    expect(within(table).getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "descending");

    const stormRow = within(table).getByText("@stormchaser").closest("tr")!;
    expect(within(stormRow).getByText(/overdue by 2h/)).toHaveClass("is-overdue");

    const overview = screen.getByRole("navigation", { name: "Queues" });
    const flagged = within(overview).getByRole("link", { name: /Flagged generations/ });
    expect(flagged).toHaveAttribute("aria-current", "page");
    expect(flagged).toHaveTextContent("3 open");
    expect(flagged).toHaveTextContent("oldest 1d 6h");
    // A moderator's overview leaves out the queues that need the staff role.
    expect(within(overview).queryByRole("link", { name: /Takedown requests/ })).not.toBeInTheDocument();
  });

  it("[MODERATOR] sorting by Oldest reorders the rows and is kept in the URL", async () => {
    const { user } = await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);

    await user.selectOptions(filters().getByLabelText("Sort by"), "Oldest");

    await waitForCreators(["@forestfan", "@stormchaser", "@beachbum"]);
    expect(currentUrl().params.get("sort")).toBe("oldest");
    expect(screen.getByRole("columnheader", { name: "Age" })).toHaveAttribute("aria-sort", "descending");
  });

  it("[MODERATOR] a shared link restores the sort and filters", async () => {
    await renderAppAs("moderator", "/queues/flagged_generation?sort=oldest&category=violence");
    await waitForCreators(["@forestfan", "@stormchaser"]);
    expect(filters().getByLabelText("Sort by")).toHaveValue("oldest");
    expect(filters().getByLabelText("Category")).toHaveValue("violence");
  });

  it("[MODERATOR] filters narrow the rows: min score, then creator handle", async () => {
    const { user } = await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);

    await user.selectOptions(filters().getByLabelText("Min score"), "≥ 0.70");
    await waitForCreators(["@stormchaser", "@forestfan"]);
    expect(currentUrl().params.get("minScore")).toBe("0.7");

    await user.type(filters().getByLabelText("Creator handle"), "@forestfan");
    await waitForCreators(["@forestfan"]);
    expect(currentUrl().params.get("creator")).toBe("@forestfan");

    await user.click(filters().getByRole("button", { name: "Clear filters" }));
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);
    expect(filters().getByLabelText("Creator handle")).toHaveValue("");
  });

  it("[MODERATOR] filters by status, reporters, creation date and assignee, all kept in the URL", async () => {
    const { user } = await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);

    await user.selectOptions(filters().getByLabelText("Status"), "Resolved");
    await waitForCreators(["@donedeal"]);
    expect(currentUrl().params.get("status")).toBe("resolved");
    await user.selectOptions(filters().getByLabelText("Status"), "Open and in review");

    await user.selectOptions(filters().getByLabelText("Reporters"), "≥ 2");
    await waitForCreators(["@forestfan"]);
    expect(currentUrl().params.get("reporters")).toBe("2");
    await user.selectOptions(filters().getByLabelText("Reporters"), "Any number");

    // Dates are UTC days. The day six hours ago holds the 5-hour-old case and is always a later day than the one
    // the 30-hour-old case was created on, whatever the time of day the test runs at.
    const sixHoursAgo = new Date(Date.now() - 6 * 3_600_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    await user.type(filters().getByLabelText("Created from"), sixHoursAgo);
    await user.type(filters().getByLabelText("Created to"), today);
    await waitForCreators(["@stormchaser", "@beachbum"]);
    expect(currentUrl().params.get("from")).toBe(sixHoursAgo);

    await user.click(filters().getByRole("button", { name: "Clear filters" }));
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);
    // Nobody holds a case yet, so "Me" shows none.
    await user.selectOptions(filters().getByLabelText("Assigned to"), "Me");
    expect(await screen.findByText(/No cases match these filters/)).toBeInTheDocument();
    expect(currentUrl().params.get("assignee")).toBe("me");
  });

  it("[MODERATOR] a filter with no match says so", async () => {
    const { user } = await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);
    await user.type(filters().getByLabelText("Prompt contains"), "submarine");
    expect(await screen.findByText(/No cases match these filters/)).toBeInTheDocument();
  });

  it("[MODERATOR] an empty queue says it is empty", async () => {
    await renderAppAs("moderator", "/queues/appeal");
    expect(await screen.findByText("No open cases in this queue")).toBeInTheDocument();
  });

  it("[MODERATOR] hiding a column and selecting rows are kept in the URL", async () => {
    const { user } = await renderAppAs("moderator", "/queues/flagged_generation");
    await waitForCreators(["@stormchaser", "@beachbum", "@forestfan"]);

    await user.click(screen.getByText("Columns"));
    await user.click(screen.getByRole("checkbox", { name: "Prompt" }));
    expect(screen.queryByRole("columnheader", { name: "Prompt" })).not.toBeInTheDocument();
    expect(currentUrl().params.get("hide")).toBe("prompt");

    await user.click(screen.getByRole("checkbox", { name: /Select case by @beachbum/ }));
    await user.click(screen.getByRole("checkbox", { name: /Select case by @forestfan/ }));
    expect(screen.getByText("2 selected")).toBeInTheDocument();
    expect(currentUrl().params.get("sel")?.split(",")).toHaveLength(2);
  });

  it("[MODERATOR] a long queue loads page by page and renders only the rows in view", async () => {
    const db = await testDatabase();
    for (let i = 0; i < 60; i++) {
      await insertCase(db, {
        queue: "user_report",
        handle: `reported${i}`,
        prompt: `Reported clip number ${i}`,
        priority: 100 - i,
        ageHours: 1 + i,
      });
    }
    const { user } = await renderAppAs("moderator", "/queues/user_report");
    expect(await screen.findByText("50 cases loaded, more available")).toBeInTheDocument();
    const renderedRows = within(screen.getByRole("table", { name: "Cases" })).getAllByRole("row").length - 1;
    expect(renderedRows).toBeGreaterThan(10);
    expect(renderedRows).toBeLessThan(50);

    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("60 cases loaded")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("[STAFF] sees the takedown queue a moderator cannot", async () => {
    await renderAppAs("staff", "/queues/takedown");
    await waitForCreators(["@legalmatter"]);
  });

  it("[MODERATOR] a queue the role may not work is refused with a reason", async () => {
    await renderAppAs("moderator", "/queues/takedown");
    expect(await screen.findByRole("alert")).toHaveTextContent(/There is no queue called “takedown” that you may work/);
  });
});
