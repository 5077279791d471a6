// Removed content this post looks like, from the hash bank: a reviewer sees at once that the same video, or one
// very close to it, was taken down before, and under which policy. Text only: removed media is not shown again.
import { Link } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { formatDateTime, truncate } from "../../../lib/format.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import { useSimilarRemoved, type SimilarRemoved as Match } from "../api/get-similar-removed.ts";
import { NotAMatch } from "./not-a-match.tsx";

export function SimilarRemoved({ caseId }: { caseId: string }) {
  const similar = useSimilarRemoved(caseId);
  const canOpenBank = roleAtLeast(useCurrentUser().role, "staff");
  return (
    <section className="panel case-section" aria-labelledby="case-similar-heading">
      <h2 id="case-similar-heading">Similar removed content</h2>
      {similar.isPending ? (
        <LoadingState label="Comparing with the hash bank…" />
      ) : similar.isError ? (
        <ErrorState
          error={similar.error}
          title="Could not compare with the hash bank"
          onRetry={() => void similar.refetch()}
        />
      ) : similar.data.length === 0 ? (
        <p className="muted">Nothing removed before looks like this post.</p>
      ) : (
        <ul className="plain-list" aria-label="Similar removed posts">
          {similar.data.map((m) => (
            <li key={m.postId}>
              <MatchLine match={m} canOpenBank={canOpenBank} />
            </li>
          ))}
        </ul>
      )}
      {similar.isSuccess ? <NotAMatch caseId={caseId} /> : null}
    </section>
  );
}

function MatchLine({ match, canOpenBank }: { match: Match; canOpenBank: boolean }) {
  return (
    <>
      <strong>
        {match.matchKind === "exact"
          ? "Same file"
          : match.comparisonPct !== null
            ? `${formatPct(match.comparisonPct)} of its video found here`
            : `${match.distance} of 256 bits differ`}
      </strong>
      {match.matchKind === "perceptual" && match.comparisonPct !== null ? (
        <span className="muted"> (closest frames {match.distance} of 256 bits apart)</span>
      ) : null}{" "}
      · @{match.creatorHandle}: <span title={match.prompt}>{truncate(match.prompt, 70)}</span>{" "}
      <span className="muted">
        removed {formatDateTime(match.removedAt)}
        {match.policyCode ? (
          <>
            {" "}
            under <code>{match.policyCode}</code>
          </>
        ) : null}
      </span>
      {canOpenBank ? (
        <>
          {" "}
          · <Link href={`/hash-bank?post=${encodeURIComponent(match.postId)}`}>in the hash bank</Link>
        </>
      ) : null}
    </>
  );
}

/** A share with at most one decimal: 92.8 %, 100 %. */
function formatPct(pct: number): string {
  return `${Math.round(pct * 10) / 10} %`;
}
