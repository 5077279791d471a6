import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../client/components/data-table.tsx";

interface Queue {
  id: string;
  label: string;
  open: number;
}
const QUEUES: Queue[] = [
  { id: "deepfake", label: "Deepfake reports", open: 12 },
  { id: "takedown", label: "Takedown requests", open: 3 },
];

const column = createColumnHelper<typeof dataTableFeatures, Queue>();
const columns = column.columns([
  column.accessor("label", { header: "Queue" }),
  column.accessor("open", { header: "Open now", meta: { align: "end" } }),
]);

// Each way of naming the table keeps its own shape.
type WithoutTable<T> = T extends unknown ? Omit<T, "table"> : never;
type Options = WithoutTable<Parameters<typeof DataTable<Queue>>[0]>;

function Queues({ rows = QUEUES, ...options }: Options & { rows?: Queue[] }) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return <DataTable table={table} {...options} />;
}

describe("DataTable", () => {
  it("names a row by the row-header column, and the other cells by column", () => {
    render(<Queues label="Queues" rowHeader="label" />);
    const table = screen.getByRole("table", { name: "Queues" });
    const row = within(table).getByRole("rowheader", { name: "Takedown requests" }).closest("tr")!;
    expect(
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["3"]);
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["Queue", "Open now"]);
  });

  it("without a row-header column every cell is a plain cell", () => {
    render(<Queues label="Queues" />);
    expect(screen.queryByRole("rowheader")).not.toBeInTheDocument();
    expect(screen.getAllByRole("cell")).toHaveLength(4);
  });

  it("takes its name from a caption or from the heading it sits under", () => {
    render(
      <>
        <Queues caption="Queues per day" className="visually-hidden" />
        <h2 id="queues-heading">Open queues</h2>
        <Queues labelledBy="queues-heading" />
      </>,
    );
    expect(screen.getByRole("table", { name: "Queues per day" })).toHaveClass("visually-hidden");
    expect(screen.getByRole("table", { name: "Open queues" })).toBeInTheDocument();
  });

  it("a grid sits in its own box with a minimum width; a summary or reference table sits in the page's flow, sized to its content", () => {
    render(
      <>
        <Queues label="Grid" />
        <Queues label="Summary" look="summary" />
        <Queues label="Reference" look="doc" />
      </>,
    );
    const grid = screen.getByRole("table", { name: "Grid" });
    expect(grid).toHaveClass("data-table");
    expect(grid.parentElement).toHaveClass("table-wrap");
    expect(grid.style.minWidth).toBe("440px");
    const summary = screen.getByRole("table", { name: "Summary" });
    expect(summary).toHaveClass("data-table", "health-table");
    expect(summary.parentElement).not.toHaveClass("table-wrap");
    expect(summary.style.minWidth).toBe("");
    const reference = screen.getByRole("table", { name: "Reference" });
    expect(reference).toHaveClass("doc-table");
    expect(reference).not.toHaveClass("data-table");
    expect(reference.parentElement).not.toHaveClass("table-wrap");
  });

  it("hidden column headers are still there for screen readers", () => {
    render(<Queues label="Queues" isHeaderHidden />);
    const headers = screen.getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual(["Queue", "Open now"]);
    expect(headers[0]!.closest("thead")).toHaveClass("visually-hidden");
  });

  it("virtualized, renders only a window of the rows and asks for no more while the view is far from the end", () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ id: `q${i}`, label: `Queue ${i}`, open: i }));
    const onNearEnd = vi.fn();
    render(<Queues rows={rows} label="Many queues" rowHeader="label" virtualize={{ rowHeight: 32, onNearEnd }} />);
    const table = screen.getByRole("table", { name: "Many queues" });
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    expect(within(table).getByRole("rowheader", { name: "Queue 0" })).toBeInTheDocument();
    expect(within(table).queryByRole("rowheader", { name: "Queue 500" })).not.toBeInTheDocument();
    expect(within(table).getAllByRole("rowheader").length).toBeLessThan(60);
    expect(onNearEnd).not.toHaveBeenCalled();
  });

  it("virtualized with few rows, says it is near the end at once", () => {
    const onNearEnd = vi.fn();
    render(<Queues label="Queues" virtualize={{ rowHeight: 32, onNearEnd }} />);
    expect(screen.getAllByRole("row")).toHaveLength(3);
    expect(onNearEnd).toHaveBeenCalled();
  });
});
