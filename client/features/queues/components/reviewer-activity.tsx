// Who decided how much over the range, what kind of decisions, and how they fared on appeal. A bar per reviewer
// makes the spread visible at a glance; the numbers sit beside it.
import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { EmptyState, QueryStates } from "../../../components/states.tsx";
import { formatCount } from "../../../lib/format.ts";
import { useReviewerActivity, type ReviewerActivity as Reviewer } from "../api/get-reviewer-activity.ts";
import { percent } from "./deadline-compliance-chart.tsx";

export function ReviewerActivity({ days }: { days: number }) {
  const activity = useReviewerActivity(days);
  return (
    <section className="panel health-reviewers" aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">Reviewers</h2>
      <p className="muted">
        Decisions on cases in the last {days} days, and appeals against each reviewer's decisions decided in that time.
      </p>
      <QueryStates
        query={activity}
        loadingLabel="Loading reviewer activity…"
        errorTitle="Could not load reviewer activity"
      >
        {(report) =>
          report.reviewers.length === 0 ? (
            <EmptyState title={`No decisions in the last ${report.days} days`} />
          ) : (
            <ReviewerTable reviewers={report.reviewers} />
          )
        }
      </QueryStates>
    </section>
  );
}

const reviewerColumn = createColumnHelper<typeof dataTableFeatures, Reviewer>();

function reviewerColumns(most: number) {
  return reviewerColumn.columns([
    reviewerColumn.display({
      id: "reviewer",
      header: "Reviewer",
      cell: ({ row }) => (
        <>
          {row.original.displayName} <span className="muted">{row.original.role}</span>
        </>
      ),
    }),
    reviewerColumn.accessor("decisions", {
      header: "Decisions",
      cell: (info) => (
        <>
          <span className="activity-bar" aria-hidden="true">
            <span style={{ width: `${(info.getValue() / most) * 100}%` }} />
          </span>{" "}
          {formatCount(info.getValue())}
        </>
      ),
    }),
    reviewerColumn.accessor("restrictive", {
      header: "Restrictive",
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    reviewerColumn.accessor("dismissed", {
      header: "Dismissed",
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    reviewerColumn.accessor("escalated", {
      header: "Escalated",
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    reviewerColumn.accessor("appealsDecided", {
      header: "Appeals decided",
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    reviewerColumn.display({
      id: "overturned",
      header: "Overturned",
      meta: { align: "end" },
      cell: ({ row }) => {
        const r = row.original;
        return (
          <span title={r.overturnRate === null ? "Too few decided appeals for a rate" : undefined}>
            {formatCount(r.overturned)}
            {r.overturnRate !== null ? ` (${percent(r.overturnRate)})` : ""}
          </span>
        );
      },
    }),
  ]);
}

function ReviewerTable({ reviewers }: { reviewers: Reviewer[] }) {
  const most = Math.max(1, ...reviewers.map((r) => r.decisions));
  const columns = useMemo(() => reviewerColumns(most), [most]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: reviewers,
    getRowId: (row) => row.staffId,
    enableSorting: false,
  });
  return <DataTable table={table} look="summary" label="Reviewer activity" rowHeader="reviewer" />;
}
