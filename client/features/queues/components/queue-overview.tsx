// Every queue the reviewer may work, with how deep and how old it is; the links keep the current view settings.
import { Link, useSearch } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { describeDeadline, formatCount, formatDuration } from "../../../lib/format.ts";
import { useNow } from "../../../lib/use-now.ts";
import { useQueues, type QueueSummary } from "../api/get-queues.ts";

export function QueueOverview({ currentQueue }: { currentQueue: string | undefined }) {
  const queues = useQueues();
  const search = useSearch();
  const now = useNow();
  // The selection belongs to the list it was made in.
  const params = new URLSearchParams(search);
  params.delete("sel");
  const suffix = params.size > 0 ? `?${params.toString()}` : "";

  if (queues.isPending) return <LoadingState label="Loading queues…" />;
  if (queues.isError)
    return <ErrorState error={queues.error} title="Could not load the queues" onRetry={() => void queues.refetch()} />;

  const total = queues.data.reduce((sum, q) => sum + q.openCount, 0);
  return (
    <nav aria-label="Queues" className="queue-overview">
      <ul>
        <li>
          <Link href={`/queues${suffix}`} className="queue-card" aria-current={!currentQueue ? "page" : undefined}>
            <span className="queue-label">All queues</span>
            <span className="queue-count">{formatCount(total)} open</span>
          </Link>
        </li>
        {queues.data.map((q) => (
          <li key={q.queue}>
            <Link
              href={`/queues/${q.queue}${suffix}`}
              className="queue-card"
              aria-current={currentQueue === q.queue ? "page" : undefined}
            >
              <span className="queue-label">{q.label}</span>
              <span className="queue-count">{formatCount(q.openCount)} open</span>
              <QueueAges queue={q} now={now} />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function QueueAges({ queue, now }: { queue: QueueSummary; now: Date }) {
  if (queue.openCount === 0) return <span className="queue-meta muted">Nothing waiting</span>;
  const deadline = queue.nextDeadlineAt ? describeDeadline(queue.nextDeadlineAt, now) : null;
  return (
    <span className="queue-meta">
      {queue.oldestAgeSeconds !== null ? <span>oldest {formatDuration(queue.oldestAgeSeconds)}</span> : null}
      {deadline ? (
        <span className={deadline.isOverdue ? "is-overdue" : undefined}>
          {deadline.isOverdue ? deadline.label : `next due ${deadline.label}`}
        </span>
      ) : null}
    </span>
  );
}
