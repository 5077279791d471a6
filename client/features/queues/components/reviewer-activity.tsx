// Who decided how much over the range, what kind of decisions, and how they fared on appeal. A bar per reviewer
// makes the spread visible at a glance; the numbers sit beside it.
import { EmptyState, QueryStates } from "../../../components/states.tsx";
import { formatCount } from "../../../lib/format.ts";
import { useReviewerActivity, type ReviewerActivity as Reviewer } from "../api/get-reviewer-activity.ts";
import { percent } from "./deadline-compliance-chart.tsx";

export function ReviewerActivity({ days }: { days: number }) {
  const activity = useReviewerActivity(days);
  return (
    <section className="panel health-reviewers" aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">Reviewers</h2>
      <p className="muted">Decisions on cases in the last {days} days, and appeals against each reviewer's decisions decided in that time.</p>
      <QueryStates query={activity} loadingLabel="Loading reviewer activity…" errorTitle="Could not load reviewer activity">
        {(report) => (report.reviewers.length === 0 ? <EmptyState title={`No decisions in the last ${report.days} days`} /> : <ReviewerTable reviewers={report.reviewers} />)}
      </QueryStates>
    </section>
  );
}

function ReviewerTable({ reviewers }: { reviewers: Reviewer[] }) {
  const most = Math.max(1, ...reviewers.map((r) => r.decisions));
  return (
    <table className="data-table health-table" aria-label="Reviewer activity">
      <thead>
        <tr>
          <th scope="col">Reviewer</th>
          <th scope="col">Decisions</th>
          <th scope="col" className="align-end">Restrictive</th>
          <th scope="col" className="align-end">Dismissed</th>
          <th scope="col" className="align-end">Escalated</th>
          <th scope="col" className="align-end">Appeals decided</th>
          <th scope="col" className="align-end">Overturned</th>
        </tr>
      </thead>
      <tbody>
        {reviewers.map((r) => (
          <tr key={r.staffId}>
            <th scope="row">
              {r.displayName} <span className="muted">{r.role}</span>
            </th>
            <td>
              <span className="activity-bar" aria-hidden="true">
                <span style={{ width: `${(r.decisions / most) * 100}%` }} />
              </span>{" "}
              {formatCount(r.decisions)}
            </td>
            <td className="align-end">{formatCount(r.restrictive)}</td>
            <td className="align-end">{formatCount(r.dismissed)}</td>
            <td className="align-end">{formatCount(r.escalated)}</td>
            <td className="align-end">{formatCount(r.appealsDecided)}</td>
            <td className="align-end" title={r.overturnRate === null ? "Too few decided appeals for a rate" : undefined}>
              {formatCount(r.overturned)}
              {r.overturnRate !== null ? ` (${percent(r.overturnRate)})` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
