import { formatCount } from "../../../lib/format.ts";

/** A batch's issuing progress as a progress bar screen readers announce ("4,000 of 10,000 codes issued"). */
export function BatchProgress({ issued, size, label }: { issued: number; size: number; label: string }) {
  const share = size > 0 ? Math.min(100, Math.round((issued / size) * 100)) : 100;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={size}
      aria-valuenow={issued}
      aria-valuetext={`${formatCount(issued)} of ${formatCount(size)} codes issued`}
    >
      <span className="progress-fill" style={{ width: `${share}%` }} />
    </div>
  );
}
