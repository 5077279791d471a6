import { createColumnHelper } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import type { OwnSession } from "../api/list-sessions.ts";

const helper = createColumnHelper<typeof dataTableFeatures, OwnSession>();

export interface SessionEnding {
  onEnd: (session: OwnSession) => void;
  endingId: string | null;
}

function describeSession(s: OwnSession): string {
  return `${s.device}${s.ip ? ` from ${s.ip}` : ""}, signed in ${formatDateTime(s.createdAt)}`;
}

export function buildSessionColumns({ onEnd, endingId }: SessionEnding) {
  return helper.columns([
    helper.accessor("device", {
      header: "Device",
      cell: ({ row }) => (
        <>
          {row.original.device}
          {row.original.isCurrent ? <span className="role-badge session-current">This session</span> : null}
        </>
      ),
    }),
    helper.accessor("ip", {
      header: "IP address",
      meta: { width: 150 },
      cell: (info) => info.getValue() ?? <span className="muted">Unknown</span>,
    }),
    helper.accessor("createdAt", {
      header: "Signed in",
      meta: { width: 170 },
      cell: (info) => formatDateTime(info.getValue()),
    }),
    helper.accessor("lastSeenAt", {
      header: "Last used",
      meta: { width: 170 },
      cell: (info) => formatDateTime(info.getValue()),
    }),
    helper.display({
      id: "actions",
      header: "Actions",
      meta: { width: 150 },
      cell: ({ row }) => (
        <Button
          size="sm"
          variant={row.original.isCurrent ? "ghost" : "secondary"}
          aria-label={
            row.original.isCurrent
              ? "End this session (sign out here)"
              : `End session: ${describeSession(row.original)}`
          }
          isPending={endingId === row.original.id}
          onClick={() => onEnd(row.original)}
        >
          {row.original.isCurrent ? "Sign out here" : "End"}
        </Button>
      ),
    }),
  ]);
}
