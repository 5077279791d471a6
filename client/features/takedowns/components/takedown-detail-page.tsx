// /takedowns/:requestId — one legal request: its clock, the validity checklist, the posts it covers and the
// decision over them, and what was sent to the requester.
import { Link, useParams } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { errorCodeOf } from "../../../lib/api-errors.ts";
import { useTakedownDetail } from "../api/takedown-detail.ts";
import { TakedownWorkspace } from "./takedown-workspace.tsx";

// A malformed id is as absent as an unknown one.
const MISSING = new Set(["NOT_FOUND", "BAD_REQUEST"]);

export function TakedownDetailPage() {
  const { requestId } = useParams<{ requestId: string }>();
  // Another request is another piece of work: its own selection and forms.
  return <TakedownDetail key={requestId} requestId={requestId} />;
}

function TakedownDetail({ requestId }: { requestId: string }) {
  const detail = useTakedownDetail(requestId);
  if (detail.data) return <TakedownWorkspace request={detail.data} />;
  if (detail.error && MISSING.has(errorCodeOf(detail.error) ?? "")) {
    return (
      <section className="state state-empty" aria-labelledby="takedown-missing-title">
        <h1 id="takedown-missing-title">Takedown request not found</h1>
        <p role="alert">There is no takedown request at this address.</p>
        <p>
          <Link href="/takedowns">Back to the takedowns</Link>
        </p>
      </section>
    );
  }
  if (detail.error)
    return (
      <ErrorState
        error={detail.error}
        title="Could not load the takedown request"
        onRetry={() => void detail.refetch()}
      />
    );
  return <LoadingState label="Loading the takedown request…" />;
}
