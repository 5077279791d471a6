// The deliveries table's columns. Which ones show depends on the tab; only dead-lettered rows can be retried.
import { useContext } from "react";
import { createColumnHelper } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { NowContext } from "../../../lib/use-now.ts";
import type { DeliveryRow, DeliveryStatus } from "../api/list-deliveries.ts";
import { describeNextAttempt } from "../lib/delivery-status.ts";
import { SelectAllRows, SelectRow } from "../../../components/row-selection.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, DeliveryRow>();

export const COLUMNS_BY_STATUS: Record<DeliveryStatus, readonly string[]> = {
  pending: ["type", "subject", "attempts", "nextAttempt", "lastError", "created"],
  dead: ["select", "type", "subject", "attempts", "lastError", "created", "actions"],
  delivered: ["type", "subject", "attempts", "delivered", "created"],
};

function describeRow(row: DeliveryRow): string {
  return `${row.type} for ${row.subjectKey}`;
}

function NextAttempt({ at }: { at: string }) {
  const now = useContext(NowContext);
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {describeNextAttempt(at, now)}
    </time>
  );
}

export interface RowRetry {
  onRetry: (ids: string[]) => void;
  retryingIds: ReadonlySet<string>;
}

export function buildDeliveryColumns({ onRetry, retryingIds }: RowRetry) {
  return helper.columns([
    helper.display({
      id: "select",
      meta: { width: 40, label: "Select" },
      header: ({ table }) => <SelectAllRows table={table} label="Select all loaded deliveries" />,
      cell: ({ row }) => <SelectRow row={row} label={`Select ${describeRow(row.original)}`} />,
    }),
    helper.accessor("type", { header: "Type", meta: { width: 190 }, cell: (info) => <code>{info.getValue()}</code> }),
    helper.accessor("subjectKey", {
      id: "subject",
      header: "Subject",
      meta: { width: 220 },
      cell: (info) => (
        <code className="truncate" title={info.getValue()}>
          {info.getValue()}
        </code>
      ),
    }),
    helper.accessor("attempts", { header: "Attempts", meta: { width: 84, align: "end" } }),
    helper.accessor("nextAttemptAt", {
      id: "nextAttempt",
      header: "Next attempt",
      meta: { width: 120 },
      cell: (info) => <NextAttempt at={info.getValue()} />,
    }),
    helper.accessor("deliveredAt", {
      id: "delivered",
      header: "Delivered",
      meta: { width: 170 },
      cell: (info) => {
        const at = info.getValue();
        return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">—</span>;
      },
    }),
    helper.accessor("lastError", {
      header: "Last error",
      meta: { minWidth: 200 },
      cell: (info) => {
        const error = info.getValue();
        return error ? (
          <span className="truncate delivery-error" title={error}>
            {error}
          </span>
        ) : (
          <span className="muted">—</span>
        );
      },
    }),
    helper.accessor("createdAt", {
      id: "created",
      header: "Queued",
      meta: { width: 170 },
      cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>,
    }),
    helper.display({
      id: "actions",
      meta: { width: 90, label: "Actions" },
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => (
        <Button
          size="sm"
          aria-label={`Retry ${describeRow(row.original)}`}
          isPending={retryingIds.has(row.id)}
          onClick={() => onRetry([row.id])}
        >
          Retry
        </Button>
      ),
    }),
  ]);
}
