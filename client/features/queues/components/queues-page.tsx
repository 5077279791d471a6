import { useParams } from "wouter";
import { PageHeader } from "../../../components/page-header.tsx";
import { SuspensionNotice } from "../../../components/suspension-notice.tsx";
import { useReviewHandoff } from "../../../lib/next-case.ts";
import { useQueues, type QueueKind } from "../api/get-queues.ts";
import { useCaseListView } from "../hooks/use-case-list-view.ts";
import { CaseFilters } from "./case-filters.tsx";
import { CaseTable } from "./case-table.tsx";
import { NextCaseButton } from "./next-case-button.tsx";
import { QueueOverview } from "./queue-overview.tsx";

export function QueuesPage() {
  const { queue: queueParam } = useParams<{ queue?: string }>();
  const queues = useQueues();
  const { view, setFilters, clearFilters, setHiddenColumns, setSelectedIds } = useCaseListView();
  const handoff = useReviewHandoff();

  const current = queues.data?.find((q) => q.queue === queueParam);
  // Until the queue list arrives the parameter is trusted (the server checks it); afterwards it must be one of them.
  const isUnknownQueue = !!queueParam && !!queues.data && !current;
  const title = queueParam ? (current?.label ?? "Queue") : "All queues";

  return (
    <div className="queues-page">
      <PageHeader
        title={title}
        description={
          current
            ? `Review target ${current.slaHours ?? "—"} h. Sorted and filtered on the server.`
            : "Cases from every queue you may work."
        }
        actions={<NextCaseButton queue={isUnknownQueue ? undefined : (queueParam as QueueKind | undefined)} />}
      />
      {handoff.queueEmpty ? (
        <p className="notice" role="status">
          Queue is empty — there is no unclaimed case left to review here.
        </p>
      ) : null}
      {handoff.proposeSuspension ? <SuspensionNotice proposal={handoff.proposeSuspension} /> : null}
      <QueueOverview currentQueue={queueParam} />
      <section className="case-panel" aria-label="Cases">
        {isUnknownQueue ? (
          <p role="alert" className="state state-error">
            There is no queue called “{queueParam}” that you may work. Pick one from the list.
          </p>
        ) : (
          <>
            <CaseFilters view={view} onChange={setFilters} onClear={clearFilters} />
            <CaseTable
              queue={queueParam as QueueKind | undefined}
              view={view}
              onFiltersChange={setFilters}
              onClearFilters={clearFilters}
              onHiddenColumnsChange={setHiddenColumns}
              onSelectionChange={setSelectedIds}
            />
          </>
        )}
      </section>
    </div>
  );
}
