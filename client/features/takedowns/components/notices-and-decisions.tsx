// What the requester was sent and what was decided, oldest first.
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
          <table className="data-table" aria-labelledby="notices-heading">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {request.notices.map((n) => (
                <tr key={n.id}>
                  <td>{humanize(n.kind)}</td>
                  <td>{n.to}</td>
                  <td>{n.subject}</td>
                  <td>{humanize(n.status)}</td>
                  <td>{formatDateTime(n.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        {request.decisions.length === 0 ? (
          <EmptyState title="No decisions yet" />
        ) : (
          <table className="data-table" aria-labelledby="decisions-heading">
            <thead>
              <tr>
                <th scope="col">Decision</th>
                <th scope="col">Post</th>
                <th scope="col">Statement of reasons</th>
                <th scope="col">By</th>
                <th scope="col">Batch</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {request.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{humanize(d.type)}</td>
                  <td>{d.postId ? <code>{d.postId}</code> : "—"}</td>
                  <td>{d.reason}</td>
                  <td>{d.actor?.displayName ?? "—"}</td>
                  <td>{d.batchId ? <code title={d.batchId}>{d.batchId.slice(0, 8)}</code> : "—"}</td>
                  <td>{formatDateTime(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
