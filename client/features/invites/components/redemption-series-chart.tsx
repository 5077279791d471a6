// Redemptions over time for one wave: a bar per hour or day and the running total as a line, in plain SVG. The
// picture has a text twin (its label and a visually hidden table) so the numbers are readable without it.
import { useMemo } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { formatCount, formatDateTime } from "../../../lib/format.ts";
import type { RedemptionSeries, SeriesBucket } from "../api/redemption-series.ts";

const WIDTH = 720;
const HEIGHT = 170;
const LEFT = 44;
const RIGHT = 56;
const TOP = 10;
const BOTTOM = 22;
const MAX_TABLE_ROWS = 60;

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function describeSeries(series: RedemptionSeries, waveName: string): string {
  const unit = series.bucket;
  const share =
    series.targetSize > 0
      ? ` (${((series.total / series.targetSize) * 100).toFixed(series.total * 1000 < series.targetSize ? 2 : 1)}% of the target of ${formatCount(series.targetSize)})`
      : "";
  const busiest = series.points.reduce<RedemptionSeries["points"][number] | null>(
    (best, p) => (p.redeemed > (best?.redeemed ?? 0) ? p : best),
    null,
  );
  return (
    `Redemptions per ${unit} for ${waveName}: ${plural(series.total, "redemption")} in total${share}` +
    (busiest ? `; busiest ${unit} ${formatDateTime(busiest.at)} with ${formatCount(busiest.redeemed)}.` : "; none yet.")
  );
}

export function RedemptionSeriesChart({ series, waveName }: { series: RedemptionSeries; waveName: string }) {
  const points = series.points;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const maxBar = Math.max(1, ...points.map((p) => p.redeemed));
  const maxTotal = Math.max(1, points[points.length - 1]?.cumulative ?? 0);
  const step = points.length > 0 ? plotWidth / points.length : plotWidth;
  const barWidth = Math.max(1, step * 0.8);
  const y = (value: number, max: number) => TOP + plotHeight - (value / max) * plotHeight;
  const line = points
    .map((p, i) => `${(LEFT + i * step + step / 2).toFixed(1)},${y(p.cumulative, maxTotal).toFixed(1)}`)
    .join(" ");
  const label = describeSeries(series, waveName);
  const nonEmpty = points.filter((p) => p.redeemed > 0).slice(-MAX_TABLE_ROWS);

  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        preserveAspectRatio="xMinYMin meet"
      >
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} className="chart-axis" />
        <text x={LEFT - 6} y={TOP + 4} className="chart-number" textAnchor="end" dominantBaseline="hanging">
          {formatCount(maxBar)}
        </text>
        <text x={LEFT - 6} y={TOP + plotHeight} className="chart-number" textAnchor="end">
          0
        </text>
        <text x={WIDTH - RIGHT + 6} y={y(maxTotal, maxTotal) + 4} className="chart-number" dominantBaseline="hanging">
          {formatCount(maxTotal)}
        </text>
        {points.map((p, i) =>
          p.redeemed > 0 ? (
            <rect
              key={p.at}
              x={LEFT + i * step + (step - barWidth) / 2}
              y={y(p.redeemed, maxBar)}
              width={barWidth}
              height={(p.redeemed / maxBar) * plotHeight}
              className="chart-value"
              rx={1}
            />
          ) : null,
        )}
        {points.length > 1 ? <polyline points={line} className="chart-line" fill="none" /> : null}
        {points.length > 0 ? (
          <>
            <text x={LEFT} y={HEIGHT - 6} className="chart-label">
              {formatDateTime(points[0]!.at)}
            </text>
            <text x={WIDTH - RIGHT} y={HEIGHT - 6} className="chart-label" textAnchor="end">
              {formatDateTime(points[points.length - 1]!.at)}
            </text>
          </>
        ) : null}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-swatch chart-value-swatch" aria-hidden="true" /> redeemed per {series.bucket} (left
        scale)
        <span className="legend-swatch chart-line-swatch" aria-hidden="true" /> running total (right scale)
      </figcaption>
      <SeriesTable bucket={series.bucket} points={nonEmpty} />
    </figure>
  );
}

type SeriesPoint = RedemptionSeries["points"][number];
const pointColumn = createColumnHelper<typeof dataTableFeatures, SeriesPoint>();

function pointColumns(bucket: SeriesBucket) {
  return pointColumn.columns([
    pointColumn.accessor("at", {
      header: bucket === "hour" ? "Hour" : "Day",
      cell: (info) => formatDateTime(info.getValue()),
    }),
    pointColumn.accessor("redeemed", { header: "Redeemed" }),
    pointColumn.accessor("cumulative", { header: "Running total" }),
  ]);
}

/** The chart's numbers as a table, for screen readers: the buckets with redemptions, the latest at most. */
function SeriesTable({ bucket, points }: { bucket: SeriesBucket; points: SeriesPoint[] }) {
  const columns = useMemo(() => pointColumns(bucket), [bucket]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: points,
    getRowId: (row) => row.at,
    enableSorting: false,
  });
  return (
    <DataTable
      table={table}
      look="summary"
      className="visually-hidden"
      caption={`Redemptions per ${bucket}`}
      empty="No redemptions yet"
    />
  );
}
