// The fields of a decision, shared by the case view's form and the queue's bulk form: action, policy, reason,
// suspension length and the statement of reasons that follows the policy and the action.
import { useWatch } from "react-hook-form";
import type { CaseAction } from "@contracts/decisions.ts";
import { visibilityAfter } from "@contracts/rules/visibility.ts";
import { statementFromPolicy } from "../../lib/decision-values.ts";
import type { Policy } from "../../lib/policies.ts";
import { Field, SelectField, TextField } from "../field.tsx";
import { ActionChoice } from "./action-choice.tsx";
import type { DecisionForm } from "./decision-form-types.ts";
import { StatementFields } from "./statement-fields.tsx";

/** Selects an action and sets what the platform will do to the content accordingly. */
export function applyAction(form: DecisionForm, action: CaseAction): void {
  form.setValue("action", action, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  form.setValue("statement.visibility", visibilityAfter(action), { shouldDirty: true });
}

/** Selects a policy and refills the statement's ground, category and legal reference from it. */
export function applyPolicy(form: DecisionForm, policies: readonly Policy[], policyId: string): void {
  const policy = policies.find((p) => p.id === policyId);
  if (!policy) return;
  const statement = statementFromPolicy(policy);
  form.setValue("statement.dsaGround", statement.dsaGround, { shouldDirty: true });
  form.setValue("statement.dsaCategory", statement.dsaCategory, { shouldDirty: true });
  form.setValue("statement.legalReference", statement.legalReference, { shouldDirty: true });
}

export function DecisionFieldset({
  form,
  actions,
  policies,
  idPrefix,
  shortcuts,
  unavailable,
  reasonHint,
}: {
  form: DecisionForm;
  actions: readonly CaseAction[];
  policies: readonly Policy[];
  idPrefix: string;
  shortcuts?: Partial<Record<CaseAction, string>>;
  /** actions the server would refuse here, with its reason */
  unavailable?: Partial<Record<CaseAction, string>>;
  reasonHint?: string;
}) {
  const { errors } = form.formState;
  const [action, policyId] = useWatch({ control: form.control, name: ["action", "policyId"] });
  const policy = policies.find((p) => p.id === policyId);
  const policyOptions = [
    { value: "", label: "Choose a policy" },
    ...policies.map((p) => ({ value: p.id, label: p.name })),
  ];

  return (
    <>
      <ActionChoice
        form={form}
        actions={actions}
        idPrefix={idPrefix}
        shortcuts={shortcuts}
        unavailable={unavailable}
        onChoose={(a) => applyAction(form, a)}
      />
      <SelectField
        label="Policy"
        options={policyOptions}
        hint={
          policy
            ? `${policy.description} Severity ${policy.severity} of 5; ${policy.strikeWeight} strike${policy.strikeWeight === 1 ? "" : "s"}.`
            : undefined
        }
        error={errors.policyId?.message}
        {...form.register("policyId", {
          onChange: (event: { target: { value: string } }) => applyPolicy(form, policies, event.target.value),
        })}
      />
      {action === "suspend_account" ? (
        <TextField
          label="Suspend for (days)"
          type="number"
          min={1}
          max={365}
          inputMode="numeric"
          error={errors.suspendDays?.message}
          {...form.register("suspendDays", {
            setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
          })}
        />
      ) : null}
      <Field label="Reason" hint={reasonHint} error={errors.reason?.message}>
        {(control) => <textarea className="input textarea" rows={3} {...control} {...form.register("reason")} />}
      </Field>
      <StatementFields form={form} />
    </>
  );
}
