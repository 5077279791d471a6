import { formatCount } from "../../../lib/format.ts";
import type { CameoAction } from "../api/get-cameo-action.ts";

/** How far the post cascade has got: processed of counted posts. */
export function ActionProgress({ action }: { action: CameoAction }) {
  const total = action.postCount;
  const done = Math.min(action.processedCount, total);
  const percent = total ? Math.round((done / total) * 100) : action.status === "completed" ? 100 : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label="Cascade progress"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${formatCount(done)} of ${formatCount(total)} posts`}
    >
      <span className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
