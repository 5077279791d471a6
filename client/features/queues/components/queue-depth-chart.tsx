// One queue's open cases at the end of each day as a filled line, with the days' new cases as thin bars behind
// it. Plain SVG with a text twin (its label and a visually hidden table) so the numbers can be read without it.
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { Link } from "wouter";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { formatCount } from "../../../lib/format.ts";
import type { QueueHealth, QueueHealthDay } from "../api/get-queue-health.ts";

const WIDTH = 360;
const HEIGHT = 120;
const LEFT = 34;
const RIGHT = 12;
const TOP = 8;
const BOTTOM = 20;

export function describeDepth(queue: QueueHealth): string {
  const days = queue.days;
  if (days.length === 0) return `${queue.label}: no days to show.`;
  const first = days[0]!;
  const peak = days.reduce((best, d) => (d.openAtEnd > best.openAtEnd ? d : best), first);
  const opened = days.reduce((sum, d) => sum + d.opened, 0);
  const resolved = days.reduce((sum, d) => sum + d.resolved, 0);
  return (
    `${queue.label}: ${formatCount(queue.openNow)} open now, ${formatCount(first.openAtEnd)} at the end of ${first.day}; ` +
    `highest ${formatCount(peak.openAtEnd)} on ${peak.day}; ${formatCount(opened)} opened and ${formatCount(resolved)} resolved in ${days.length} days.`
  );
}

export function QueueDepthChart({ queue }: { queue: QueueHealth }) {
  const days = queue.days;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...days.map((d) => Math.max(d.openAtEnd, d.opened)));
  const step = days.length > 1 ? plotWidth / (days.length - 1) : plotWidth;
  const x = (i: number) => LEFT + i * step;
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  const line = days.map((d, i) => `${x(i).toFixed(1)},${y(d.openAtEnd).toFixed(1)}`).join(" ");
  const area = days.length > 1 ? `${x(0).toFixed(1)},${y(0)} ${line} ${x(days.length - 1).toFixed(1)},${y(0)}` : "";
  const barWidth = Math.max(1, Math.min(8, step * 0.35));

  return (
    <figure className="chart depth-chart">
      <figcaption className="depth-chart-title">
        <Link href={`/queues/${queue.queue}`}>{queue.label}</Link>
        <span className="muted">{formatCount(queue.openNow)} open</span>
      </figcaption>
      <svg
        role="img"
        aria-label={describeDepth(queue)}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} className="chart-axis" />
        <text x={LEFT - 4} y={TOP} className="chart-number" textAnchor="end" dominantBaseline="hanging">
          {formatCount(max)}
        </text>
        <text x={LEFT - 4} y={y(0)} className="chart-number" textAnchor="end">
          0
        </text>
        {days.map((d, i) =>
          d.opened > 0 ? (
            <rect
              key={d.day}
              x={x(i) - barWidth / 2}
              y={y(d.opened)}
              width={barWidth}
              height={y(0) - y(d.opened)}
              className="chart-bar-soft"
            />
          ) : null,
        )}
        {area ? <polygon points={area} className="chart-area" /> : null}
        {days.length > 1 ? <polyline points={line} className="chart-depth-line" fill="none" /> : null}
        {days.length > 0 ? (
          <>
            <text x={LEFT} y={HEIGHT - 4} className="chart-label">
              {days[0]!.day.slice(5)}
            </text>
            <text x={WIDTH - RIGHT} y={HEIGHT - 4} className="chart-label" textAnchor="end">
              {days[days.length - 1]!.day.slice(5)}
            </text>
          </>
        ) : null}
      </svg>
      <DepthTable queue={queue} />
    </figure>
  );
}

const dayColumn = createColumnHelper<typeof dataTableFeatures, QueueHealthDay>();
const dayColumns = dayColumn.columns([
  dayColumn.accessor("day", { header: "Day" }),
  dayColumn.accessor("opened", { header: "Opened" }),
  dayColumn.accessor("resolved", { header: "Resolved" }),
  dayColumn.accessor("openAtEnd", { header: "Open at end of day" }),
]);

/** The chart's numbers as a table, for screen readers. */
function DepthTable({ queue }: { queue: QueueHealth }) {
  const table = useTable({
    features: dataTableFeatures,
    columns: dayColumns,
    data: queue.days,
    getRowId: (row) => row.day,
    enableSorting: false,
  });
  return <DataTable table={table} look="summary" className="visually-hidden" caption={`${queue.label} per day`} />;
}
