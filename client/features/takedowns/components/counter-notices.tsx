// Counter-notices on a DMCA request: when the removed posts come back unless the complainant reports a court
// action first.
import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { TakedownDetail } from "../api/takedown-detail.ts";
import { useRecordCourtAction } from "../api/takedown-extras.ts";
import { CounterNoticeForm } from "./counter-notice-form.tsx";

export function CounterNotices({ request }: { request: TakedownDetail }) {
  const courtAction = useRecordCourtAction(request.id);
  const takenDown = request.posts.filter((p) => p.post.visibility === "taken_down").map((p) => p.postId);
  const notices = request.counterNotices;

  return (
    <section className="panel counter-notices" aria-labelledby="counter-notices-heading">
      <h2 id="counter-notices-heading">Counter-notice</h2>
      {notices.length === 0 ? (
        <p className="muted">No counter-notice received.</p>
      ) : (
        <CounterNoticeTable
          notices={notices}
          pendingId={courtAction.isPending ? courtAction.variables.counterNoticeId : undefined}
          onCourtAction={courtAction.mutate}
        />
      )}
      {courtAction.error ? (
        <p role="alert" className="form-alert">
          {courtAction.error.message}
        </p>
      ) : null}
      <h3>Record a counter-notice</h3>
      {takenDown.length === 0 ? (
        <p className="muted">A counter-notice concerns a taken-down post; none of this request's posts is down.</p>
      ) : (
        <CounterNoticeForm key={takenDown.join(",")} requestId={request.id} postIds={takenDown} />
      )}
    </section>
  );
}

type CounterNotice = TakedownDetail["counterNotices"][number];
const noticeColumn = createColumnHelper<typeof dataTableFeatures, CounterNotice>();

function counterNoticeColumns(
  pendingId: string | undefined,
  onCourtAction: (input: { counterNoticeId: string }) => void,
) {
  return noticeColumn.columns([
    noticeColumn.accessor("postId", { header: "Post", cell: (info) => <code>{info.getValue()}</code> }),
    noticeColumn.accessor("name", { header: "Sender" }),
    noticeColumn.accessor("status", {
      header: "Status",
      cell: (info) => <span className={`status status-${info.getValue()}`}>{humanize(info.getValue())}</span>,
    }),
    noticeColumn.display({
      id: "restoreWindow",
      header: "Restore window",
      cell: ({ row }) => {
        const n = row.original;
        return n.restoredAt ? (
          <>restored {formatDateTime(n.restoredAt)}</>
        ) : (
          <>
            {formatDateTime(n.restoreNotBefore)} – {formatDateTime(n.restoreNotAfter)}
          </>
        );
      },
    }),
    noticeColumn.display({
      id: "courtAction",
      header: "Court action",
      cell: ({ row }) => {
        const n = row.original;
        return n.courtActionAt ? (
          <>reported {formatDateTime(n.courtActionAt)}</>
        ) : n.restoredAt ? (
          <span className="muted">—</span>
        ) : (
          <Button
            size="sm"
            isPending={pendingId === n.id}
            onClick={() => onCourtAction({ counterNoticeId: n.id })}
            aria-label={`Court action reported: ${n.postId}`}
          >
            Court action reported
          </Button>
        );
      },
    }),
  ]);
}

function CounterNoticeTable({
  notices,
  pendingId,
  onCourtAction,
}: {
  notices: CounterNotice[];
  pendingId: string | undefined;
  onCourtAction: (input: { counterNoticeId: string }) => void;
}) {
  const columns = useMemo(() => counterNoticeColumns(pendingId, onCourtAction), [pendingId, onCourtAction]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: notices,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return <DataTable table={table} look="summary" label="Counter-notices" />;
}
