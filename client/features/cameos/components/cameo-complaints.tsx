// Likeness complaints about this cameo (claimed by the complainant or linked by staff).
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { useLikenessComplaints } from "../api/list-complaints.ts";
import { ComplaintCard } from "./complaint-card.tsx";

export function CameoComplaints({ cameoId }: { cameoId: string }) {
  const list = useLikenessComplaints({ cameoId });
  return (
    <section className="panel cameo-wide" aria-labelledby="cameo-complaints-heading">
      <h2 id="cameo-complaints-heading">Likeness complaints</h2>
      <ComplaintList list={list} empty="No likeness complaint about this cameo" />
    </section>
  );
}

export function ComplaintList({
  list,
  empty,
  showCameoLink,
}: {
  list: ReturnType<typeof useLikenessComplaints>;
  empty: string;
  showCameoLink?: boolean;
}) {
  if (list.isPending) return <LoadingState label="Loading the complaints…" />;
  if (list.isError && !list.data)
    return <ErrorState error={list.error} title="Could not load the complaints" onRetry={() => void list.refetch()} />;
  if (list.complaints.length === 0) return <EmptyState title={empty} />;
  return (
    <>
      <ul className="plain-list complaint-list" aria-label="Complaints" aria-busy={list.isPlaceholderData || undefined}>
        {list.complaints.map((complaint) => (
          <li key={complaint.signalId}>
            <ComplaintCard complaint={complaint} showCameoLink={showCameoLink} />
          </li>
        ))}
      </ul>
      <LoadMore
        count={list.complaints.length}
        noun="complaint"
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
