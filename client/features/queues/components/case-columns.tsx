// The case list's columns. Three of them can sort, each mapped to one of the server's sorts.
import { createColumnHelper } from "@tanstack/react-table";
import { Link } from "wouter";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { rememberCaseOrder } from "../../../lib/case-order.ts";
import { formatScore, humanize, truncate } from "../../../lib/format.ts";
import { casePath } from "../../../lib/next-case.ts";
import type { CaseRow } from "../api/list-cases.ts";
import type { CaseSort } from "../hooks/use-case-list-view.ts";
import { AgeCell, CategoryCell, DeadlineCell } from "./case-cells.tsx";
import { SelectAllRows, SelectRow } from "../../../components/row-selection.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, CaseRow>();

const PROMPT_CHARS = 90;

/** Column id → the server sort it stands for, and the direction the header shows. */
export const SORT_BY_COLUMN: Record<string, { sort: CaseSort; desc: boolean }> = {
  priority: { sort: "priority", desc: true },
  age: { sort: "oldest", desc: true },
  deadline: { sort: "deadline", desc: false },
};

export const caseColumns = helper.columns([
  helper.display({
    id: "select",
    enableHiding: false,
    enableSorting: false,
    meta: { width: 40, label: "Select" },
    header: ({ table }) => <SelectAllRows table={table} label="Select all loaded cases" />,
    cell: ({ row }) => (
      <SelectRow
        row={row}
        label={`Select case ${row.original.creatorHandle ? `by @${row.original.creatorHandle} ` : ""}(${row.id.slice(-6)})`}
      />
    ),
  }),
  helper.accessor("priority", {
    header: "Priority",
    meta: { width: 72, align: "end" },
    cell: (info) => <span className="priority">{Math.round(info.getValue())}</span>,
  }),
  helper.accessor("category", {
    header: "Category",
    enableSorting: false,
    meta: { width: 140 },
    cell: (info) => <CategoryCell code={info.getValue()} />,
  }),
  helper.accessor("maxScore", {
    header: "Max score",
    enableSorting: false,
    meta: { width: 92, align: "end" },
    cell: (info) => formatScore(info.getValue()),
  }),
  helper.accessor("reporterCount", {
    header: "Reporters",
    enableSorting: false,
    meta: { width: 90, align: "end" },
  }),
  helper.accessor("signalCount", {
    id: "signals",
    header: "Signals",
    enableSorting: false,
    meta: { width: 84 },
    cell: (info) => (
      <span className="signals">
        {info.getValue()}
        {info.row.original.hasCameo ? <span className="tag">cameo</span> : null}
      </span>
    ),
  }),
  helper.accessor("creatorHandle", {
    id: "creator",
    header: "Creator",
    enableSorting: false,
    meta: { width: 124 },
    cell: (info) => {
      const handle = info.getValue();
      return handle ? `@${handle}` : <span className="muted">—</span>;
    },
  }),
  helper.accessor("prompt", {
    header: "Prompt",
    enableSorting: false,
    meta: { minWidth: 150 },
    // The row's way into its case; "j" in the case view then follows this list's order.
    cell: (info) => {
      const prompt = info.getValue();
      const remember = () => rememberCaseOrder(info.table.getRowModel().rows.map((row) => row.id));
      return (
        <Link href={casePath(info.row.id)} className="prompt case-link" title={prompt ?? undefined} onClick={remember}>
          {prompt ? truncate(prompt, PROMPT_CHARS) : "Open case"}
        </Link>
      );
    },
  }),
  helper.accessor("deadlineAt", {
    id: "deadline",
    header: "Deadline",
    meta: { width: 160 },
    cell: (info) => <DeadlineCell at={info.getValue()} />,
  }),
  helper.accessor("createdAt", {
    id: "age",
    header: "Age",
    meta: { width: 80 },
    cell: (info) => <AgeCell since={info.getValue()} />,
  }),
  helper.accessor((row) => row.claimedBy?.displayName ?? null, {
    id: "claimedBy",
    header: "Claimed by",
    enableSorting: false,
    meta: { width: 100 },
    cell: (info) => info.getValue() ?? <span className="muted">—</span>,
  }),
  helper.accessor("status", {
    header: "Status",
    enableSorting: false,
    meta: { width: 86 },
    cell: (info) => <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>,
  }),
]);

export function columnLabel(id: string, header: unknown, metaLabel?: string): string {
  return metaLabel ?? (typeof header === "string" ? header : id);
}
