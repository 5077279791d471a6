// Every decision about the account or its posts, newest first: what, under which policy, why, by whom, and the
// case it closed.
import { Link } from "wouter";
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
      {decision.strikeDelta > 0 ? <span className="tag">+{decision.strikeDelta} strike{decision.strikeDelta === 1 ? "" : "s"}</span> : null}
      {decision.reversesId ? <span className="tag">reversal</span> : null}
      {decision.batchId ? <span className="tag">bulk</span> : null}
      {decision.postId ? <div className="muted account-small">post <code>{decision.postId}</code></div> : null}
    </>
  );
}

export function AccountDecisions({ accountId }: { accountId: string }) {
  const list = useAccountDecisions(accountId);
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
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="account-decisions-heading" aria-busy={list.isFetchingNextPage || undefined}>
            <thead>
              <tr>
                <th scope="col" style={{ width: 230 }}>
                  Decision
                </th>
                <th scope="col" style={{ width: 170 }}>
                  Policy
                </th>
                <th scope="col">Reason</th>
                <th scope="col" style={{ width: 140 }}>
                  By
                </th>
                <th scope="col" style={{ width: 160 }}>
                  When
                </th>
                <th scope="col" style={{ width: 80 }}>
                  Case
                </th>
              </tr>
            </thead>
            <tbody>
              {list.decisions.map((d) => (
                <tr key={d.id}>
                  <td>
                    <DecisionWhat decision={d} />
                  </td>
                  <td>{d.policyName ?? <span className="muted">—</span>}</td>
                  <td className="account-reason">{d.reason}</td>
                  <td>{d.actorName ?? <span className="muted">the system</span>}</td>
                  <td>
                    <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                  </td>
                  <td>{d.caseId ? <Link href={`/cases/${encodeURIComponent(d.caseId)}`}>Open case</Link> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore
            count={list.decisions.length}
            noun="decision"
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </div>
      )}
    </section>
  );
}
