import { CASE_ACTION_LABELS, type CaseAction } from "@contracts/decisions.ts";
import type { DecisionForm } from "./decision-form-types.ts";

export function actionInputId(idPrefix: string, action: CaseAction): string {
  return `${idPrefix}-action-${action}`;
}

/**
 * The action as a radio group; each option shows its keyboard shortcut when it has one. An action the server
 * would refuse to this reviewer (`unavailable`, with the server's reason) stays listed, disabled, with the reason.
 */
export function ActionChoice({
  form,
  actions,
  idPrefix,
  shortcuts = {},
  unavailable = {},
  onChoose,
}: {
  form: DecisionForm;
  actions: readonly CaseAction[];
  idPrefix: string;
  shortcuts?: Partial<Record<CaseAction, string>>;
  unavailable?: Partial<Record<CaseAction, string>>;
  onChoose: (action: CaseAction) => void;
}) {
  const error = form.formState.errors.action?.message;
  const errorId = `${idPrefix}-action-error`;
  return (
    <fieldset className="action-choice" aria-describedby={error ? errorId : undefined}>
      <legend>Action</legend>
      <div className="action-options">
        {actions.map((action) => {
          const id = actionInputId(idPrefix, action);
          const key = shortcuts[action];
          const refusal = unavailable[action];
          const refusalId = `${id}-unavailable`;
          return (
            <div className={refusal ? "action-option is-unavailable" : "action-option"} key={action}>
              <input
                type="radio"
                id={id}
                value={action}
                disabled={refusal ? true : undefined}
                aria-describedby={refusal ? refusalId : undefined}
                aria-invalid={error ? true : undefined}
                {...form.register("action", {
                  onChange: (event: { target: { value: string } }) => onChoose(event.target.value as CaseAction),
                })}
              />
              <label htmlFor={id}>
                {CASE_ACTION_LABELS[action]}
                {key ? (
                  <kbd className="shortcut-hint" aria-hidden="true">
                    {key}
                  </kbd>
                ) : null}
              </label>
              {refusal ? (
                <p id={refusalId} className="field-hint action-unavailable">
                  {refusal}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
