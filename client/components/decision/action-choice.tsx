import { CASE_ACTION_LABELS, type CaseAction } from "../../../server/contracts/decisions.ts";
import type { DecisionForm } from "./decision-form-types.ts";

export function actionInputId(idPrefix: string, action: CaseAction): string {
  return `${idPrefix}-action-${action}`;
}

/** The action as a radio group; each option shows its keyboard shortcut when it has one. */
export function ActionChoice({
  form,
  actions,
  idPrefix,
  shortcuts = {},
  onChoose,
}: {
  form: DecisionForm;
  actions: readonly CaseAction[];
  idPrefix: string;
  shortcuts?: Partial<Record<CaseAction, string>>;
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
          return (
            <div className="action-option" key={action}>
              <input
                type="radio"
                id={id}
                value={action}
                aria-invalid={error ? true : undefined}
                {...form.register("action", { onChange: (event: { target: { value: string } }) => onChoose(event.target.value as CaseAction) })}
              />
              <label htmlFor={id}>
                {CASE_ACTION_LABELS[action]}
                {key ? (
                  <kbd className="shortcut-hint" aria-hidden="true">
                    {key}
                  </kbd>
                ) : null}
              </label>
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
