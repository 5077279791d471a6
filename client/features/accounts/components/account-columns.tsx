import { createColumnHelper } from "@tanstack/react-table";
import { Link } from "wouter";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import type { AccountSearchRow } from "../api/search-accounts.ts";
import { AccountStatusBadge } from "./account-status-badge.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, AccountSearchRow>();

export const accountColumns = helper.columns([
  helper.accessor("handle", {
    header: "Handle",
    meta: { minWidth: 180 },
    cell: (info) => <Link href={`/accounts/${encodeURIComponent(info.row.original.id)}`}>@{info.getValue()}</Link>,
  }),
  helper.accessor("displayName", { header: "Display name", meta: { minWidth: 180 } }),
  helper.accessor("status", {
    header: "Status",
    meta: { width: 100 },
    cell: (info) => <AccountStatusBadge status={info.getValue()} />,
  }),
  helper.accessor("strikeCount", {
    header: "Strikes",
    meta: { width: 80, align: "end" },
    cell: (info) => <span className={info.getValue() > 0 ? "flag" : undefined}>{info.getValue()}</span>,
  }),
  helper.accessor("country", {
    header: "Country",
    meta: { width: 80 },
    cell: (info) => info.getValue() ?? <span className="muted">—</span>,
  }),
  helper.accessor("createdAt", {
    header: "Joined",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);
