import { Button } from "../../../components/button.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import type { LeaseState } from "../hooks/use-case-lease.ts";
import { formatClockTime } from "../lib/case-facts.ts";

/** Whether this reviewer holds the case; without the claim the case is shown read-only. */
export function LeaseBanner({ state, onRetry }: { state: LeaseState; onRetry: () => void }) {
  switch (state.kind) {
    case "claiming":
      return (
        <p className="lease lease-pending" role="status">
          Claiming this case…
        </p>
      );
    case "held":
      return (
        <p className="lease lease-held" role="status">
          Reviewing — lease until {formatClockTime(state.leaseUntil)}
        </p>
      );
    case "refused":
      return (
        <div className="lease lease-refused" role="alert">
          <span>Read-only: {state.reason}</span>
          <Button size="sm" onClick={onRetry}>
            Try to claim again
          </Button>
        </div>
      );
    case "failed":
      return (
        <div className="lease lease-refused" role="alert">
          <span>Could not claim this case: {messageOf(state.error)}</span>
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      );
  }
}
