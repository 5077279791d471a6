import { createColumnHelper } from "@tanstack/react-table";
import { Link } from "wouter";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { CameoRow } from "../api/list-cameos.ts";
import { PERMISSION_LABELS } from "../lib/labels.ts";

const helper = createColumnHelper<typeof dataTableFeatures, CameoRow>();

export const cameoColumns = helper.columns([
  helper.accessor((row) => row.owner.handle, {
    id: "owner",
    header: "Owner",
    cell: (info) => (
      <span>
        <Link href={`/cameos/${encodeURIComponent(info.row.original.id)}`}>@{info.getValue()}</Link>{" "}
        <span className="muted">{info.row.original.owner.displayName}</span>
      </span>
    ),
  }),
  helper.accessor("id", { header: "Cameo id", meta: { width: 170 }, cell: (info) => <code>{info.getValue()}</code> }),
  helper.accessor("status", {
    header: "Status",
    meta: { width: 96 },
    cell: (info) => <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>,
  }),
  helper.accessor("permission", {
    header: "Who may use it",
    meta: { width: 150 },
    cell: (info) => PERMISSION_LABELS[info.getValue()],
  }),
  helper.accessor("restrictions", {
    header: "Owner's restrictions",
    cell: (info) => info.getValue() ?? <span className="muted">None</span>,
  }),
  helper.accessor("verifiedAt", {
    header: "Verified",
    meta: { width: 160 },
    cell: (info) => {
      const at = info.getValue();
      return at ? formatDateTime(at) : <span className="muted">Not verified</span>;
    },
  }),
  helper.accessor((row) => row._count.grants, { id: "grants", header: "Grants", meta: { width: 70, align: "end" } }),
  helper.accessor((row) => row._count.appearances, {
    id: "appearances",
    header: "Appearances",
    meta: { width: 100, align: "end" },
  }),
]);
