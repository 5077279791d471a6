// What staff did to the cameo, newest first: each action with its state, progress and, once done, a way back.
import { EmptyState } from "../../../components/states.tsx";
import type { CameoAction } from "../api/get-cameo-action.ts";
import { ActionCard } from "./action-card.tsx";

export function CameoActionHistory({ actions }: { actions: readonly CameoAction[] }) {
  return (
    <section className="panel cameo-wide" aria-labelledby="cameo-actions-heading">
      <h2 id="cameo-actions-heading">Staff actions</h2>
      {actions.length === 0 ? (
        <EmptyState title="No staff action on this cameo yet" />
      ) : (
        <ol className="plain-list" aria-labelledby="cameo-actions-heading">
          {actions.map((action) => (
            <li key={action.id}>
              <ActionCard action={action} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
