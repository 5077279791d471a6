import { pluralize } from "../../../lib/format.ts";
import type { BulkOutcome, BulkRun } from "../api/decide-bulk.ts";

export interface BulkRowLabel {
  caseId: string;
  label: string;
}

/** Progress while the chunks go out, then what happened to each case. */
export function BulkProgress({ run, labels }: { run: BulkRun; labels: ReadonlyMap<string, string> }) {
  const done = run.outcomes.length;
  const decided = run.outcomes.filter((o) => o.status === "decided").length;
  const skipped = done - decided;
  return (
    <div className="bulk-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label="Bulk decision progress"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${run.total} cases`}
      >
        <span className="progress-fill" style={{ width: `${run.total ? Math.round((done / run.total) * 100) : 0}%` }} />
      </div>
      <p role="status">
        {run.status === "running"
          ? `Deciding… ${done} of ${run.total}`
          : run.status === "interrupted"
            ? `Stopped after ${done} of ${run.total}.`
            : `Done: ${pluralize(decided, "case")} decided, ${skipped} skipped.`}
      </p>
      {done > 0 ? (
        <ul className="plain-list bulk-outcomes" aria-label="Outcomes">
          {run.outcomes.map((outcome) => (
            <OutcomeItem key={outcome.caseId} outcome={outcome} label={labels.get(outcome.caseId) ?? outcome.caseId} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function OutcomeItem({ outcome, label }: { outcome: BulkOutcome; label: string }) {
  return (
    <li className={outcome.status === "skipped" ? "outcome is-skipped" : "outcome"}>
      <span>{label}</span>:{" "}
      {outcome.status === "decided" ? (
        <span className="outcome-ok">decided</span>
      ) : (
        <span className="flag">skipped</span>
      )}
      {outcome.message ? <span> — {outcome.message}</span> : null}
    </li>
  );
}
