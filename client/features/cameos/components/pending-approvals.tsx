// Cameo actions waiting for a second staff member: disables always, revocations over the four-eyes threshold.
import { EmptyState, QueryStates } from "../../../components/states.tsx";
import { FOUR_EYES_POST_THRESHOLD } from "@contracts/cameos.ts";
import { usePendingApprovals } from "../api/list-pending-approvals.ts";
import { ActionCard } from "./action-card.tsx";

export function PendingApprovals() {
  const pending = usePendingApprovals();
  return (
    <section className="panel" aria-labelledby="pending-approvals-heading">
      <h2 id="pending-approvals-heading">Waiting for approval</h2>
      <p className="muted">
        Disabling a cameo, and any cascade over {FOUR_EYES_POST_THRESHOLD} posts, runs only once a staff member other
        than the requester approves it.
      </p>
      <QueryStates
        query={pending}
        loadingLabel="Loading the actions waiting for approval…"
        errorTitle="Could not load the actions waiting for approval"
      >
        {(actions) =>
          actions.length === 0 ? (
            <EmptyState title="Nothing is waiting for approval" />
          ) : (
            <ol className="plain-list" aria-labelledby="pending-approvals-heading">
              {actions.map((action) => (
                <li key={action.id}>
                  <ActionCard action={action} showCameoLink />
                </li>
              ))}
            </ol>
          )
        }
      </QueryStates>
    </section>
  );
}
