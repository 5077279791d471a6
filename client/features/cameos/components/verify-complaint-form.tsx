// Whether the complainant is who they say (or may act for them), and how that was checked. Only a verified
// complaint can be attached to a revocation or disable.
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { VERIFICATION_OUTCOMES, VerifyComplaintInput } from "@contracts/cameos.ts";
import { useVerifyComplaint } from "../api/verify-complaint.ts";

const VerifyFields = z.omit(VerifyComplaintInput, { signalId: true });
const OUTCOME_LABELS = { verified: "Identity verified", rejected: "Could not verify" } as const;

export function VerifyComplaintForm({ signalId, onDone }: { signalId: string; onDone?: () => void }) {
  const verify = useVerifyComplaint();
  const idBase = `verify-${signalId}`;
  return (
    <Form
      schema={VerifyFields}
      defaultValues={{ verification: undefined, note: "" }}
      aria-label="Verify the complainant"
      className="stack"
      onSubmit={async (values) => {
        await verify.mutateAsync({ signalId, ...values });
        onDone?.();
      }}
    >
      {(form) => {
        const error = form.formState.errors.verification?.message;
        return (
          <>
            <fieldset className="action-choice" aria-describedby={error ? `${idBase}-error` : undefined}>
              <legend>Identity</legend>
              <div className="action-options">
                {VERIFICATION_OUTCOMES.map((outcome) => (
                  <div className="action-option" key={outcome}>
                    <input
                      type="radio"
                      id={`${idBase}-${outcome}`}
                      value={outcome}
                      aria-invalid={error ? true : undefined}
                      {...form.register("verification")}
                    />
                    <label htmlFor={`${idBase}-${outcome}`}>{OUTCOME_LABELS[outcome]}</label>
                  </div>
                ))}
              </div>
              {error ? (
                <p id={`${idBase}-error`} className="field-error">
                  {error}
                </p>
              ) : null}
            </fieldset>
            <Field
              label="How the identity was checked"
              hint="For example: selfie video matches the cameo; passport name matches."
              error={form.formState.errors.note?.message}
            >
              {(control) => <textarea className="input" rows={2} {...control} {...form.register("note")} />}
            </Field>
            <div className="form-actions">
              <Button type="submit" variant="primary" size="sm" isPending={form.formState.isSubmitting}>
                Save verification
              </Button>
            </div>
          </>
        );
      }}
    </Form>
  );
}
