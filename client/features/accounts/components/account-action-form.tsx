// The form behind "Suspend…", "Ban…" and "Reinstate…": policy, reason and, for a suspension, its length.
// Validated with the procedure's own schema. The action, the account and the idempotency key are fixed by the
// dialog, so a refusal about them (a precondition such as "already banned") shows above the fields.
import { useWatch } from "react-hook-form";
import { Button } from "../../../components/button.tsx";
import { Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form, type FormMethods } from "../../../components/form.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { usePolicies, type Policy } from "../../../lib/policies.ts";
import { AccountActionInput, type AccountActionName, type AccountActionValues } from "@contracts/accounts.ts";

const REASON_HINTS: Record<AccountActionName, string> = {
  suspend: "The account holder reads this in their statement of reasons.",
  ban: "The account holder reads this in their statement of reasons.",
  reinstate: "Recorded with the reinstatement and sent to the platform.",
};

const toDays = (value: unknown) => (value === "" || value === null || value === undefined ? undefined : Number(value));

export function AccountActionForm({
  action,
  accountId,
  idempotencyKey,
  submitLabel,
  onSubmit,
}: {
  action: AccountActionName;
  accountId: string;
  idempotencyKey: string;
  submitLabel: string;
  onSubmit: (values: AccountActionValues) => Promise<unknown>;
}) {
  const policies = usePolicies();
  return (
    <QueryStates query={policies} loadingLabel="Loading the policies…" errorTitle="Could not load the policies">
      {(list) => (
        <Form
          schema={AccountActionInput}
          defaultValues={{
            action,
            accountId,
            idempotencyKey,
            policyId: "",
            reason: "",
            ...(action === "suspend" ? { suspendDays: undefined } : {}),
          }}
          aria-label={submitLabel}
          className="stack"
          onSubmit={onSubmit}
        >
          {(form) => {
            const errors = form.formState.errors as Partial<
              Record<keyof AccountActionValues | "suspendDays", { message?: string; type?: unknown }>
            >;
            // An empty number box fails the schema as "expected number"; say what to type instead.
            const daysError =
              errors.suspendDays?.type === "invalid_type"
                ? "Say for how many days, from 1 to 365"
                : errors.suspendDays?.message;
            const fixedError = errors.action?.message ?? errors.accountId?.message ?? errors.idempotencyKey?.message;
            return (
              <>
                {fixedError ? (
                  <div className="form-alert" role="alert">
                    {fixedError}
                  </div>
                ) : null}
                <PolicyField form={form} policies={list} error={errors.policyId?.message} />
                {action === "suspend" ? (
                  <TextField
                    label="Days"
                    type="number"
                    min={1}
                    max={365}
                    inputMode="numeric"
                    hint="Between 1 and 365, counted from now."
                    error={daysError}
                    {...form.register("suspendDays", { setValueAs: toDays })}
                  />
                ) : null}
                <Field label="Reason" hint={REASON_HINTS[action]} error={errors.reason?.message}>
                  {(control) => <textarea className="input" rows={3} {...control} {...form.register("reason")} />}
                </Field>
                <div className="form-actions">
                  <Button
                    type="submit"
                    variant={action === "reinstate" ? "primary" : "danger"}
                    isPending={form.formState.isSubmitting}
                  >
                    {submitLabel}
                  </Button>
                </div>
              </>
            );
          }}
        </Form>
      )}
    </QueryStates>
  );
}

/** The policy select, with the chosen policy's description under it so the reviewer sees what they cite. */
function PolicyField({
  form,
  policies,
  error,
}: {
  form: FormMethods<typeof AccountActionInput>;
  policies: readonly Policy[];
  error?: string;
}) {
  const policyId = useWatch({ control: form.control, name: "policyId" });
  const chosen = policies.find((p) => p.id === policyId);
  return (
    <SelectField
      label="Policy"
      options={[{ value: "", label: "Choose a policy" }, ...policies.map((p) => ({ value: p.id, label: p.name }))]}
      hint={chosen?.description}
      error={error}
      {...form.register("policyId")}
    />
  );
}
