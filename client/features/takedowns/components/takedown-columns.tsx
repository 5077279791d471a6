import { createColumnHelper } from "@tanstack/react-table";
import { Link } from "wouter";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { TakedownRow } from "../api/list-takedowns.ts";
import { TYPE_LABELS } from "../lib/validity-elements.ts";
import { DueCell } from "./due-cell.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, TakedownRow>();

export const takedownColumns = helper.columns([
  helper.accessor("reference", {
    header: "Reference",
    meta: { width: 140 },
    cell: (info) => (
      <Link href={`/takedowns/${info.row.original.id}`}>
        <code>{info.getValue()}</code>
      </Link>
    ),
  }),
  helper.accessor("type", { header: "Type", meta: { width: 120 }, cell: (info) => TYPE_LABELS[info.getValue()] }),
  helper.accessor("status", {
    header: "Status",
    meta: { width: 130 },
    cell: (info) => <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>,
  }),
  helper.accessor("dueAt", {
    id: "due",
    header: "Due",
    meta: { width: 180 },
    cell: (info) => <DueCell due={info.getValue()} missing={info.row.original.missingElements} />,
  }),
  helper.accessor((row) => row.requesterName, {
    id: "requester",
    header: "Requester",
    cell: (info) => {
      const row = info.row.original;
      return (
        <span>
          {info.getValue() ?? <span className="muted">Not given</span>}{" "}
          <span className="muted">({humanize(row.authority)})</span>
          {row.isTrustedFlagger ? <span className="tag">trusted flagger</span> : null}
        </span>
      );
    },
  }),
  helper.accessor((row) => row._count.posts, { id: "posts", header: "Posts", meta: { width: 64, align: "end" } }),
  helper.accessor("receivedAt", {
    header: "Received",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);
