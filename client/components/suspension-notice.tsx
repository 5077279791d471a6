import { Link } from "wouter";
import type { ReviewHandoff } from "../lib/next-case.ts";

/** After a decision that reached the policy's strike threshold: the suspension it proposes, and where to act. */
export function SuspensionNotice({ proposal }: { proposal: NonNullable<ReviewHandoff["proposeSuspension"]> }) {
  return (
    <p className="notice notice-warning" role="status">
      Your last decision brought @{proposal.handle} to {proposal.strikes} strikes; the policy proposes a suspension at{" "}
      {proposal.threshold}.{" "}
      <Link href={`/queues?creator=${encodeURIComponent(proposal.handle)}`}>Open @{proposal.handle}'s cases</Link>
    </p>
  );
}
