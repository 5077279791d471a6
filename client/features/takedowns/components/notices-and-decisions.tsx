// What the requester was sent and what was decided, oldest first.
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { TakedownDetail } from "../api/takedown-detail.ts";

export function NoticesAndDecisions({ request }: { request: TakedownDetail }) {
  return (
    <>
      <section className="panel" aria-labelledby="notices-heading">
        <h2 id="notices-heading">Notices</h2>
        {request.notices.length === 0 ? (
          <EmptyState title="No notices sent" />
        ) : (
          <NoticesTable notices={request.notices} />
        )}
      </section>
      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        {request.decisions.length === 0 ? (
          <EmptyState title="No decisions yet" />
        ) : (
          <DecisionsTable decisions={request.decisions} />
        )}
      </section>
    </>
  );
}

type Notice = TakedownDetail["notices"][number];
const noticeColumn = createColumnHelper<typeof dataTableFeatures, Notice>();
const noticeColumns = noticeColumn.columns([
  noticeColumn.accessor("kind", { header: "Kind", meta: { width: 150 }, cell: (info) => humanize(info.getValue()) }),
  noticeColumn.accessor("to", { header: "To", meta: { minWidth: 180 } }),
  noticeColumn.accessor("subject", { header: "Subject" }),
  noticeColumn.accessor("status", {
    header: "Status",
    meta: { width: 110 },
    cell: (info) => humanize(info.getValue()),
  }),
  noticeColumn.accessor("createdAt", {
    header: "Created",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);

function NoticesTable({ notices }: { notices: Notice[] }) {
  const table = useTable({
    features: dataTableFeatures,
    columns: noticeColumns,
    data: notices,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return <DataTable table={table} labelledBy="notices-heading" />;
}

type Decision = TakedownDetail["decisions"][number];
const decisionColumn = createColumnHelper<typeof dataTableFeatures, Decision>();
const decisionColumns = decisionColumn.columns([
  decisionColumn.accessor("type", {
    header: "Decision",
    meta: { width: 150 },
    cell: (info) => humanize(info.getValue()),
  }),
  decisionColumn.accessor("postId", {
    header: "Post",
    meta: { width: 190 },
    cell: (info) => (info.getValue() ? <code>{info.getValue()}</code> : "—"),
  }),
  decisionColumn.accessor("reason", { header: "Statement of reasons" }),
  decisionColumn.display({
    id: "actor",
    header: "By",
    meta: { width: 140 },
    cell: ({ row }) => row.original.actor?.displayName ?? "—",
  }),
  decisionColumn.accessor("batchId", {
    header: "Batch",
    meta: { width: 90 },
    cell: (info) => {
      const batchId = info.getValue();
      return batchId ? <code title={batchId}>{batchId.slice(0, 8)}</code> : "—";
    },
  }),
  decisionColumn.accessor("createdAt", {
    header: "When",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);

function DecisionsTable({ decisions }: { decisions: Decision[] }) {
  const table = useTable({
    features: dataTableFeatures,
    columns: decisionColumns,
    data: decisions,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return <DataTable table={table} labelledBy="decisions-heading" />;
}
