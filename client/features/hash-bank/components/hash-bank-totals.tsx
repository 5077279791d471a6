import { formatCount } from "../../../lib/format.ts";
import type { HashBankTotals as Totals } from "../lib/hash-bank-view.ts";

/** The whole bank at a glance, whatever the filters. */
export function HashBankTotals({ totals }: { totals: Totals | null }) {
  const show = (n: number | undefined) => (n === undefined ? "…" : formatCount(n));
  return (
    <dl className="facts facts-inline hash-totals" aria-label="Hash bank totals">
      <div>
        <dt>Exact file hashes in matching</dt>
        <dd>{show(totals?.activeExact)}</dd>
      </div>
      <div>
        <dt>Video frame hashes in matching</dt>
        <dd>{show(totals?.activePerceptual)}</dd>
      </div>
      <div>
        <dt>Out of matching</dt>
        <dd>{show(totals?.inactive)}</dd>
      </div>
    </dl>
  );
}
