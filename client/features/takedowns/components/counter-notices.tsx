// Counter-notices on a DMCA request: when the removed posts come back unless the complainant reports a court
// action first.
import { Button } from "../../../components/button.tsx";
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
        <table className="table" aria-label="Counter-notices">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Sender</th>
              <th scope="col">Status</th>
              <th scope="col">Restore window</th>
              <th scope="col">Court action</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.id}>
                <td>
                  <code>{n.postId}</code>
                </td>
                <td>{n.name}</td>
                <td>
                  <span className={`status status-${n.status}`}>{humanize(n.status)}</span>
                </td>
                <td>
                  {n.restoredAt ? (
                    <>restored {formatDateTime(n.restoredAt)}</>
                  ) : (
                    <>
                      {formatDateTime(n.restoreNotBefore)} – {formatDateTime(n.restoreNotAfter)}
                    </>
                  )}
                </td>
                <td>
                  {n.courtActionAt ? (
                    <>reported {formatDateTime(n.courtActionAt)}</>
                  ) : n.restoredAt ? (
                    <span className="muted">—</span>
                  ) : (
                    <Button
                      size="sm"
                      isPending={courtAction.isPending && courtAction.variables.counterNoticeId === n.id}
                      onClick={() => courtAction.mutate({ counterNoticeId: n.id })}
                      aria-label={`Court action reported: ${n.postId}`}
                    >
                      Court action reported
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
