// The complainant's contact and identity evidence, fetched only when asked for: each reveal is audited.
import { useId } from "react";
import { Button } from "../../../components/button.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { humanize } from "../../../lib/format.ts";
import { useViewEvidence } from "../api/view-evidence.ts";

export function ComplaintEvidence({ signalId }: { signalId: string }) {
  const view = useViewEvidence();
  const noteId = useId();
  const evidence = view.data;

  return (
    <div className="complaint-evidence">
      <div className="row-actions">
        {evidence ? (
          <Button size="sm" onClick={() => view.reset()}>
            Hide evidence
          </Button>
        ) : (
          <Button
            size="sm"
            aria-describedby={noteId}
            isPending={view.isPending}
            onClick={() => view.mutate({ signalId })}
          >
            Show evidence
          </Button>
        )}
        <span id={noteId} className="muted">
          Each view is recorded in the audit log
        </span>
      </div>
      {view.error ? (
        <p role="alert" className="form-alert">
          {messageOf(view.error)}
        </p>
      ) : null}
      {evidence ? (
        <div role="region" aria-label="Evidence">
          <p>
            Complainant's email:{" "}
            {evidence.complainantEmail ? (
              <a href={`mailto:${evidence.complainantEmail}`}>{evidence.complainantEmail}</a>
            ) : (
              <span className="muted">not given</span>
            )}
          </p>
          {evidence.evidence.length === 0 ? (
            <p className="muted">The complaint came without evidence.</p>
          ) : (
            <ul className="plain-list small" aria-label="Evidence items">
              {evidence.evidence.map((item, i) => (
                <li key={`${item.url}-${i}`}>
                  <strong>{humanize(item.kind)}</strong>:{" "}
                  <a href={item.url} target="_blank" rel="noopener noreferrer nofollow">
                    {item.url}
                  </a>
                  {item.note ? <span className="muted"> — {item.note}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
