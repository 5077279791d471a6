// /cameos/:cameoId — one cameo: its owner's settings, who may use it, the posts it is in, complaints about it,
// and what staff did to it.
import { Link, useParams } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { errorCodeOf } from "../../../lib/api-errors.ts";
import { useCameoDetail } from "../api/get-cameo.ts";
import { CameoWorkspace } from "./cameo-workspace.tsx";

export function CameoDetailPage() {
  const { cameoId } = useParams<{ cameoId: string }>();
  // Another cameo is another piece of work: its own dialogs and filters.
  return <CameoDetail key={cameoId} cameoId={cameoId} />;
}

function CameoDetail({ cameoId }: { cameoId: string }) {
  const detail = useCameoDetail(cameoId);
  if (detail.data) return <CameoWorkspace cameo={detail.data} />;
  if (detail.error && errorCodeOf(detail.error) === "NOT_FOUND") {
    return (
      <section className="state state-empty" aria-labelledby="cameo-missing-title">
        <h1 id="cameo-missing-title">Cameo not found</h1>
        <p role="alert">There is no cameo with the id “{cameoId}”.</p>
        <p>
          <Link href="/cameos">Back to the cameos</Link>
        </p>
      </section>
    );
  }
  if (detail.error)
    return <ErrorState error={detail.error} title="Could not load the cameo" onRetry={() => void detail.refetch()} />;
  return <LoadingState label="Loading the cameo…" />;
}
