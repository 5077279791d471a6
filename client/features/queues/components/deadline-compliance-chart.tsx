// Share of resolved cases that met their deadline, one bar per queue, against the target line. Queues whose
// resolved cases had no deadline in the range say so instead of showing an empty bar.
import { formatCount } from "../../../lib/format.ts";
import type { QueueHealth } from "../api/get-queue-health.ts";

const ROW = 26;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 360;
const VALUE_WIDTH = 170;
/** The share below which a queue's bar is drawn as a warning. */
export const COMPLIANCE_TARGET = 0.95;

/** 50%, 97.3%: one decimal where it says something. */
export const percent = (share: number) => `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;

export function describeCompliance(queue: QueueHealth): string {
  const total = queue.resolvedOnTime + queue.resolvedLate;
  if (queue.compliance === null) return `${queue.label}: no resolved case had a deadline`;
  return `${queue.label}: ${percent(queue.compliance)} met (${formatCount(queue.resolvedOnTime)} of ${formatCount(total)})`;
}

export function DeadlineComplianceChart({ queues }: { queues: QueueHealth[] }) {
  const height = queues.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const targetX = LABEL_WIDTH + BAR_WIDTH * COMPLIANCE_TARGET;

  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={`Deadlines met per queue, target ${percent(COMPLIANCE_TARGET)}: ${queues.map(describeCompliance).join("; ")}.`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        preserveAspectRatio="xMinYMin meet"
      >
        {queues.map((q, i) => {
          const top = 4 + i * ROW;
          const total = q.resolvedOnTime + q.resolvedLate;
          return (
            <g key={q.queue}>
              <text
                x={LABEL_WIDTH - 8}
                y={top + ROW / 2}
                className="chart-label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {q.label}
              </text>
              <rect x={LABEL_WIDTH} y={top + 5} width={BAR_WIDTH} height={ROW - 10} className="chart-target" rx={2} />
              {q.compliance !== null ? (
                <rect
                  x={LABEL_WIDTH}
                  y={top + 5}
                  width={BAR_WIDTH * q.compliance}
                  height={ROW - 10}
                  className={q.compliance < COMPLIANCE_TARGET ? "chart-value-warning" : "chart-value-ok"}
                  rx={2}
                />
              ) : null}
              <text
                x={LABEL_WIDTH + BAR_WIDTH + 8}
                y={top + ROW / 2}
                className="chart-number"
                dominantBaseline="middle"
              >
                {q.compliance === null
                  ? "no deadlines"
                  : `${percent(q.compliance)} (${formatCount(q.resolvedOnTime)} of ${formatCount(total)})`}
              </text>
            </g>
          );
        })}
        <line x1={targetX} x2={targetX} y1={0} y2={height} className="chart-target-line" />
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-swatch chart-ok-swatch" aria-hidden="true" /> met the target
        <span className="legend-swatch chart-warning-swatch" aria-hidden="true" /> below {percent(COMPLIANCE_TARGET)}{" "}
        (dashed line)
      </figcaption>
    </figure>
  );
}
