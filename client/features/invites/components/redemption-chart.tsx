// Redeemed invites against each wave's target, as horizontal bars. Plain SVG: one chart does not justify a
// chart library in the bundle.
import { formatCount } from "../../../lib/format.ts";
import type { InviteWaveRow } from "../api/list-invite-waves.ts";

const ROW = 28;
const LABEL_WIDTH = 180;
const BAR_WIDTH = 420;
const VALUE_WIDTH = 150;
const MAX_WAVES = 12;

export function RedemptionChart({ waves }: { waves: InviteWaveRow[] }) {
  const shown = waves.slice(0, MAX_WAVES);
  if (shown.length === 0) return null;
  const scale = Math.max(1, ...shown.map((w) => Math.max(w.targetSize, w.redeemed)));
  const height = shown.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;

  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby="redemption-chart-title"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="redemption-chart-title">
          {`Invites redeemed against target: ${shown.map((w) => `${w.name} ${w.redeemed} of ${w.targetSize}`).join("; ")}`}
        </title>
        {shown.map((wave, i) => {
          const y = i * ROW + 4;
          const targetWidth = (wave.targetSize / scale) * BAR_WIDTH;
          const redeemedWidth = (Math.min(wave.redeemed, scale) / scale) * BAR_WIDTH;
          const share = wave.targetSize > 0 ? Math.round((wave.redeemed / wave.targetSize) * 100) : 0;
          return (
            <g key={wave.id} transform={`translate(0, ${y})`}>
              <text x={LABEL_WIDTH - 8} y={ROW / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">
                {wave.name.length > 24 ? `${wave.name.slice(0, 23)}…` : wave.name}
              </text>
              <rect x={LABEL_WIDTH} y={4} width={targetWidth} height={ROW - 10} className="chart-target" rx={2} />
              <rect x={LABEL_WIDTH} y={4} width={redeemedWidth} height={ROW - 10} className="chart-value" rx={2} />
              <text x={LABEL_WIDTH + BAR_WIDTH + 8} y={ROW / 2} className="chart-number" dominantBaseline="middle">
                {`${formatCount(wave.redeemed)} / ${formatCount(wave.targetSize)} (${share}%)`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-swatch chart-value-swatch" aria-hidden="true" /> redeemed
        <span className="legend-swatch chart-target-swatch" aria-hidden="true" /> target
        {waves.length > MAX_WAVES ? <span className="muted"> — newest {MAX_WAVES} waves</span> : null}
      </figcaption>
    </figure>
  );
}
