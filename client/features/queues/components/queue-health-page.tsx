// Queue health for leads and reviewers: how deep each queue is over the chosen days, what came in and went out,
// and how many deadlines were met. The range is kept in the URL so a view can be shared.
import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { Link } from "wouter";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyState, QueryStates } from "../../../components/states.tsx";
import { formatCount } from "../../../lib/format.ts";
import { useUrlState } from "../../../lib/url-state.ts";
import { HEALTH_RANGES, useQueueHealth, type QueueHealth } from "../api/get-queue-health.ts";
import { COMPLIANCE_TARGET, DeadlineComplianceChart, percent } from "./deadline-compliance-chart.tsx";
import { QueueDepthChart } from "./queue-depth-chart.tsx";
import { ReviewerActivity } from "./reviewer-activity.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { roleAtLeast } from "../../../lib/roles.ts";

const DEFAULT_DAYS = 14;

function rangeFrom(params: URLSearchParams): number {
  const days = Number(params.get("days"));
  return (HEALTH_RANGES as readonly number[]).includes(days) ? days : DEFAULT_DAYS;
}

const hasActivity = (q: QueueHealth) => q.openNow > 0 || q.days.some((d) => d.opened > 0 || d.resolved > 0);

export function QueueHealthPage() {
  const [params, update] = useUrlState();
  const days = rangeFrom(params);
  const health = useQueueHealth(days);
  // Colleagues' numbers are for the leads; the server refuses them to moderators too.
  const showReviewers = roleAtLeast(useCurrentUser().role, "staff");

  return (
    <>
      <PageHeader
        title="Queue health"
        description="Open cases at the end of each day, what came in and went out, and deadlines met. Days are UTC."
        actions={
          <label className="inline-label">
            <span>Range</span>
            <select
              className="input input-sm"
              value={days}
              onChange={(e) => update({ days: Number(e.target.value) === DEFAULT_DAYS ? null : e.target.value })}
            >
              {HEALTH_RANGES.map((n) => (
                <option key={n} value={n}>
                  last {n} days
                </option>
              ))}
            </select>
          </label>
        }
      />
      <QueryStates query={health} loadingLabel="Loading queue health…" errorTitle="Could not load queue health">
        {(report) => {
          const active = report.queues.filter(hasActivity);
          if (active.length === 0) {
            return (
              <EmptyState title={`No cases in the last ${report.days} days`}>
                The charts fill in as the platform sends signals and cases are decided.
              </EmptyState>
            );
          }
          return (
            <div className="health-grid" aria-busy={health.isPlaceholderData}>
              <HealthTable queues={report.queues} days={report.days} />
              <section className="panel" aria-labelledby="depth-heading">
                <h2 id="depth-heading">Open cases at the end of each day</h2>
                <p className="muted">Line: open at day's end. Bars: cases opened that day.</p>
                <div className="depth-charts">
                  {active.map((q) => (
                    <QueueDepthChart key={q.queue} queue={q} />
                  ))}
                </div>
              </section>
              <section className="panel" aria-labelledby="compliance-heading">
                <h2 id="compliance-heading">Deadlines met</h2>
                <p className="muted">
                  Resolved cases in the range that had a deadline (legal clock or queue SLA), by whether they were
                  resolved in time.
                </p>
                <DeadlineComplianceChart queues={active} />
              </section>
            </div>
          );
        }}
      </QueryStates>
      {showReviewers ? <ReviewerActivity days={days} /> : null}
    </>
  );
}

interface HealthRow {
  queue: QueueHealth;
  opened: number;
  resolved: number;
}

const healthColumn = createColumnHelper<typeof dataTableFeatures, HealthRow>();

function healthColumns(days: number) {
  return healthColumn.columns([
    healthColumn.display({
      id: "queue",
      header: "Queue",
      cell: ({ row }) => <Link href={`/queues/${row.original.queue.queue}`}>{row.original.queue.label}</Link>,
    }),
    healthColumn.display({
      id: "openNow",
      header: "Open now",
      meta: { align: "end" },
      cell: ({ row }) => formatCount(row.original.queue.openNow),
    }),
    healthColumn.display({
      id: "overdueNow",
      header: "Overdue now",
      meta: { align: "end" },
      cell: ({ row }) => (
        <span className={row.original.queue.overdueNow > 0 ? "is-overdue" : undefined}>
          {formatCount(row.original.queue.overdueNow)}
        </span>
      ),
    }),
    healthColumn.accessor("opened", {
      header: `Opened (${days} d)`,
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    healthColumn.accessor("resolved", {
      header: `Resolved (${days} d)`,
      meta: { align: "end" },
      cell: (info) => formatCount(info.getValue()),
    }),
    healthColumn.display({
      id: "compliance",
      header: "Deadlines met",
      meta: { align: "end" },
      cell: ({ row }) => {
        const compliance = row.original.queue.compliance;
        return (
          <span className={compliance !== null && compliance < COMPLIANCE_TARGET ? "is-overdue" : undefined}>
            {compliance === null ? "—" : percent(compliance)}
          </span>
        );
      },
    }),
  ]);
}

function HealthTable({ queues, days }: { queues: QueueHealth[]; days: number }) {
  const columns = useMemo(() => healthColumns(days), [days]);
  const data = useMemo(
    () =>
      queues.map((queue) => ({
        queue,
        opened: queue.days.reduce((sum, d) => sum + d.opened, 0),
        resolved: queue.days.reduce((sum, d) => sum + d.resolved, 0),
      })),
    [queues],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => row.queue.queue,
    enableSorting: false,
  });
  return <DataTable table={table} look="summary" label="Queue health summary" rowHeader="queue" />;
}
