// The right-hand column: the decision form, with the refusals a reviewer must act on shown above it.
import { Button } from "../../../components/button.tsx";
import { DecisionFieldset } from "../../../components/decision/decision-fieldset.tsx";
import type { CaseAction } from "@contracts/decisions.ts";
import type { Policy } from "../../../lib/policies.ts";
import type { useDecisionForm } from "../hooks/use-decision-form.ts";
import { ACTION_SHORTCUTS } from "../hooks/use-decision-form.ts";

export function decisionFormId(idPrefix: string): string {
  return `${idPrefix}-decision`;
}

export function DecisionPanel({
  decision,
  actions,
  unavailable,
  policies,
  idPrefix,
  isReadOnly,
  isReloading,
  onReload,
}: {
  decision: ReturnType<typeof useDecisionForm>;
  actions: readonly CaseAction[];
  unavailable: Partial<Record<CaseAction, string>>;
  policies: readonly Policy[];
  idPrefix: string;
  isReadOnly: boolean;
  isReloading: boolean;
  onReload: () => void;
}) {
  const { form, submit, conflict, formError, isSubmitting, isDecided } = decision;
  return (
    <section className="panel decision-panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">Decision</h2>
      {conflict ? (
        <div className="conflict-alert" role="alert">
          <p>{conflict}</p>
          <Button variant="primary" size="sm" isPending={isReloading} onClick={onReload}>
            Reload
          </Button>
        </div>
      ) : null}
      <form
        id={decisionFormId(idPrefix)}
        noValidate
        aria-labelledby="decision-heading"
        onSubmit={(event) => void submit(event)}
      >
        {formError ? (
          <div className="form-alert" role="alert">
            {formError}
          </div>
        ) : null}
        <fieldset className="decision-fields" disabled={isReadOnly || isDecided}>
          <DecisionFieldset
            form={form}
            actions={actions}
            unavailable={unavailable}
            policies={policies}
            idPrefix={idPrefix}
            shortcuts={ACTION_SHORTCUTS}
            reasonHint="The user reads this in the notice of the decision."
          />
          <div className="form-actions decision-actions">
            <Button type="submit" variant="primary" isPending={isSubmitting}>
              Decide
              <kbd className="shortcut-hint" aria-hidden="true">
                Ctrl ↵
              </kbd>
            </Button>
            <span className="muted">then the next case opens</span>
          </div>
        </fieldset>
      </form>
      {isDecided && !formError ? (
        <p role="status" className="notice">
          Decided. Opening the next case…
        </p>
      ) : null}
    </section>
  );
}
