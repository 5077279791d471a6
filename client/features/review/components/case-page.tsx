// /cases/:caseId — loads the case and the policy catalogue, claims the case, and shows one of: loading, not
// found, an error to retry, or the case under review.
import { Link, useParams } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { errorCodeOf } from "../../../lib/api-errors.ts";
import { usePolicies } from "../../../lib/policies.ts";
import { useCaseDetail } from "../api/get-case.ts";
import { useCaseLease } from "../hooks/use-case-lease.ts";
import { CaseWorkspace } from "./case-workspace.tsx";

// A case in a queue the role may not work is as invisible as one that does not exist; a malformed id is neither.
const UNSEEABLE = new Set(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"]);

export function CasePage() {
  const { caseId } = useParams<{ caseId: string }>();
  // A new case is a new review: its own claim, form and focus.
  return <CaseReview key={caseId} caseId={caseId} />;
}

function CaseReview({ caseId }: { caseId: string }) {
  const detail = useCaseDetail(caseId);
  const policies = usePolicies();
  const lease = useCaseLease(caseId);

  if (detail.data && policies.data) {
    return (
      <CaseWorkspace
        detail={detail.data}
        policies={policies.data}
        lease={lease}
        isReloading={detail.isFetching}
        onReload={() => detail.refetch()}
      />
    );
  }
  if (detail.error && UNSEEABLE.has(errorCodeOf(detail.error) ?? "")) {
    return (
      <section className="state state-empty" aria-labelledby="case-missing-title">
        <h1 id="case-missing-title">Case not available</h1>
        <p role="alert">This case does not exist or you may not see it.</p>
        <p>
          <Link href="/queues">Back to the queues</Link>
        </p>
      </section>
    );
  }
  if (detail.error)
    return <ErrorState error={detail.error} title="Could not load the case" onRetry={() => void detail.refetch()} />;
  if (policies.error)
    return (
      <ErrorState error={policies.error} title="Could not load the policies" onRetry={() => void policies.refetch()} />
    );
  return <LoadingState label="Loading the case…" />;
}
