// The banks table's columns: what each bank holds, what a match does, and what can be done with it.
import { createColumnHelper } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import { hashListExportHref } from "../api/export-hash-list.ts";
import type { HashBank } from "../api/list-hash-banks.ts";
import { bankActionLabel, bankKindLabel } from "./bank-labels.ts";
import { BankPendingAction } from "./bank-pending-action.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, HashBank>();

const none = <span className="muted">—</span>;

export interface BankColumnOptions {
  viewer: { id: string; isAdmin: boolean };
  onEdit: (bank: HashBank) => void;
  onImport: (bank: HashBank) => void;
  onOutcome: (message: string) => void;
}

export function buildBankColumns({ viewer, onEdit, onImport, onOutcome }: BankColumnOptions) {
  return helper.columns([
    helper.accessor("name", {
      header: "Bank",
      meta: { minWidth: 200 },
      cell: ({ row }) => (
        <>
          <strong>{row.original.name}</strong>
          {row.original.description ? <div className="muted">{row.original.description}</div> : null}
        </>
      ),
    }),
    helper.accessor("kind", {
      header: "Holds",
      meta: { width: 170 },
      cell: (info) => bankKindLabel(info.getValue()),
    }),
    helper.accessor("action", {
      header: "A match",
      meta: { minWidth: 230 },
      cell: ({ row }) => {
        const bank = row.original;
        return (
          <>
            {/* A safe bank's entries are known false positives: a match clears the others, whatever the action. */}
            {bank.kind === "safe" ? "Clears the post's other matches" : bankActionLabel(bank.action)}
            {bank.retroScanDays > 0 ? (
              <div className="muted">New entries checked against {bank.retroScanDays} days of posts</div>
            ) : null}
            <BankPendingAction bank={bank} viewer={viewer} onDecided={onOutcome} />
          </>
        );
      },
    }),
    helper.accessor("enabled", {
      header: "Matching",
      meta: { width: 90 },
      cell: (info) => (info.getValue() ? "On" : <span className="muted">Off</span>),
    }),
    helper.accessor("frameEntries", {
      header: "Frames",
      meta: { width: 80, align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    helper.accessor("exactEntries", {
      header: "Files",
      meta: { width: 70, align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    helper.accessor("items", {
      header: "Items",
      meta: { width: 70, align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    helper.accessor("policies", {
      header: "Fed by policies",
      meta: { width: 150 },
      cell: (info) => {
        const policies = info.getValue();
        if (policies.length === 0) return none;
        return policies.map((p, i) => (
          <span key={p.id}>
            {i > 0 ? ", " : null}
            <code>{p.code}</code>
          </span>
        ));
      },
    }),
    helper.accessor("lastImport", {
      header: "Last import",
      meta: { width: 180 },
      cell: (info) => {
        const last = info.getValue();
        if (!last) return none;
        return (
          <>
            <time dateTime={last.createdAt}>{formatDateTime(last.createdAt)}</time>
            <div className="muted">
              {last.source} · {humanize(last.status)}
              {last.status === "done" ? `, ${formatCount(last.entries)} entries` : ""}
            </div>
          </>
        );
      },
    }),
    helper.display({
      id: "actions",
      meta: { width: 200, label: "Actions" },
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => {
        const bank = row.original;
        return (
          <div className="row-actions">
            {viewer.isAdmin ? (
              <Button size="sm" aria-label={`Edit ${bank.name}…`} onClick={() => onEdit(bank)}>
                Edit…
              </Button>
            ) : null}
            <Button size="sm" aria-label={`Import a list into ${bank.name}…`} onClick={() => onImport(bank)}>
              Import list…
            </Button>
            <a
              className="btn btn-secondary btn-sm"
              href={hashListExportHref(bank.id)}
              download
              aria-label={`Export ${bank.name} as CSV`}
            >
              Export
            </a>
          </div>
        );
      },
    }),
  ]);
}
