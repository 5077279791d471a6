// Every decision about the account or its posts, newest first: what, under which policy, why, by whom, and the
// case it closed.
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { Link } from "wouter";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useAccountDecisions, type AccountDecision } from "../api/list-account-decisions.ts";
import { decisionLabel } from "../lib/labels.ts";

function DecisionWhat({ decision }: { decision: AccountDecision }) {
  return (
    <>
      <strong>{decisionLabel(decision.type)}</strong>
      {decision.suspendedUntil ? <> until {formatDateTime(decision.suspendedUntil)}</> : null}
      {decision.strikeDelta > 0 ? (
        <span className="tag">
          +{decision.strikeDelta} strike{decision.strikeDelta === 1 ? "" : "s"}
        </span>
      ) : null}
      {decision.reversesId ? <span className="tag">reversal</span> : null}
      {decision.batchId ? <span className="tag">bulk</span> : null}
      {decision.postId ? (
        <div className="muted account-small">
          post <code>{decision.postId}</code>
        </div>
      ) : null}
    </>
  );
}

export function AccountDecisions({ accountId }: { accountId: string }) {
  const list = useAccountDecisions(accountId);
  const table = useTable({
    features: dataTableFeatures,
    columns: decisionColumns,
    data: list.decisions,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return (
    <section className="panel account-wide" aria-labelledby="account-decisions-heading">
      <h2 id="account-decisions-heading">Decisions</h2>
      {list.isPending ? (
        <LoadingState label="Loading the decisions…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the decisions" onRetry={() => void list.refetch()} />
      ) : list.decisions.length === 0 ? (
        <EmptyState title="No decision about this account or its posts yet" />
      ) : (
        <DataTable
          table={table}
          labelledBy="account-decisions-heading"
          isBusy={list.isFetchingNextPage}
          footer={
            <LoadMore
              count={list.decisions.length}
              noun="decision"
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          }
        />
      )}
    </section>
  );
}

const decisionColumn = createColumnHelper<typeof dataTableFeatures, AccountDecision>();
const decisionColumns = decisionColumn.columns([
  decisionColumn.accessor("type", {
    header: "Decision",
    meta: { width: 230 },
    cell: ({ row }) => <DecisionWhat decision={row.original} />,
  }),
  decisionColumn.accessor("policyName", {
    header: "Policy",
    meta: { width: 170 },
    cell: (info) => info.getValue() ?? <span className="muted">—</span>,
  }),
  decisionColumn.accessor("reason", {
    header: "Reason",
    cell: (info) => <span className="account-reason">{info.getValue()}</span>,
  }),
  decisionColumn.accessor("actorName", {
    header: "By",
    meta: { width: 140 },
    cell: (info) => info.getValue() ?? <span className="muted">the system</span>,
  }),
  decisionColumn.accessor("createdAt", {
    header: "When",
    meta: { width: 160 },
    cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time>,
  }),
  decisionColumn.accessor("caseId", {
    header: "Case",
    meta: { width: 80 },
    cell: (info) => {
      const caseId = info.getValue();
      return caseId ? (
        <Link href={`/cases/${encodeURIComponent(caseId)}`}>Open case</Link>
      ) : (
        <span className="muted">—</span>
      );
    },
  }),
]);
