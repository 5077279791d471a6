import { Link } from "wouter";
import { createColumnHelper } from "@tanstack/react-table";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import type { InviteWaveRow } from "../api/list-invite-waves.ts";

const helper = createColumnHelper<typeof dataTableFeatures, InviteWaveRow>();

export const inviteWaveColumns = helper.columns([
  helper.accessor("name", {
    header: "Wave",
    cell: (info) => (
      <span>
        <Link href={`/invites/${info.row.original.id}`}>{info.getValue()}</Link>
        {info.row.original.purpose ? <span className="muted"> — {info.row.original.purpose}</span> : null}
      </span>
    ),
  }),
  helper.accessor("status", {
    header: "Status",
    meta: { width: 140 },
    cell: (info) => (
      <>
        <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>
        {info.row.original.issuingBatches > 0 ? <span className="tag">issuing</span> : null}
      </>
    ),
  }),
  helper.accessor((row) => row._count.codes, {
    id: "codes",
    header: "Issued",
    meta: { width: 80, align: "end" },
    cell: (info) => formatCount(info.getValue()),
  }),
  helper.accessor((row) => row._count.batches, { id: "batches", header: "Batches", meta: { width: 80, align: "end" } }),
  helper.accessor("redeemed", {
    header: "Redeemed",
    meta: { width: 90, align: "end" },
    cell: (info) => formatCount(info.getValue()),
  }),
  helper.accessor("targetSize", {
    header: "Target",
    meta: { width: 90, align: "end" },
    cell: (info) => formatCount(info.getValue()),
  }),
  helper.accessor("usesPerCode", { header: "Uses per code", meta: { width: 110, align: "end" } }),
  helper.accessor("expiresAt", {
    header: "Expires",
    meta: { width: 160 },
    cell: (info) => {
      const at = info.getValue();
      return at ? formatDateTime(at) : <span className="muted">Never</span>;
    },
  }),
]);
