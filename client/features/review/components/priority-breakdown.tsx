// Why the case sits where it does in the queue: the five parts of its priority score as bars, each with the
// line that explains it. Plain CSS bars; a chart library would cost more than the page it explains.
import type { CaseDetail } from "../api/get-case.ts";
import { priorityPartLabel, priorityParts } from "../lib/case-facts.ts";

export function PriorityBreakdown({ detail }: { detail: CaseDetail }) {
  const parts = priorityParts(detail.priorityComponents);
  return (
    <section className="panel case-section" aria-labelledby="case-priority-heading">
      <h2 id="case-priority-heading">Priority {Math.round(detail.priority)} explained</h2>
      {parts.length === 0 ? (
        <p className="muted">This case has no priority breakdown.</p>
      ) : (
        <ul className="priority-bars">
          {parts.map((part) => {
            const share = part.weight > 0 ? Math.min(1, part.points / part.weight) : 0;
            return (
              <li key={part.name}>
                <span className="priority-name">{priorityPartLabel(part.name)}</span>
                <span className="bar" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
                </span>
                <span className="priority-points">
                  {part.points.toFixed(1)} of {part.weight}
                </span>
                <span className="priority-detail muted">{part.detail}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
