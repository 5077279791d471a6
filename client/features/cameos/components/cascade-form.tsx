// The form behind "Revoke…" and "Disable cameo…": what happens to the posts (take down or hold), the policy, the
// reason, and the verified complaint that prompted it. Validated with the procedures' own schemas, minus the id
// of what is acted on, which the dialog adds (an error about it belongs above the form, not on a hidden field).
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field, SelectField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { pluralize } from "../../../lib/format.ts";
import { usePolicies } from "../../../lib/policies.ts";
import { CASCADE_MODES, DisableCameoInput, FOUR_EYES_POST_THRESHOLD, RevokeGrantInput } from "@contracts/cameos.ts";
import { useLikenessComplaints } from "../api/list-complaints.ts";
import { MODE_LABELS } from "../lib/labels.ts";

const RevokeFields = z.omit(RevokeGrantInput, { grantId: true });
const DisableFields = z.omit(DisableCameoInput, { cameoId: true });
export type CascadeValues = z.output<typeof RevokeFields>;

const MODE_HINTS = {
  take_down: "Removes the posts (public and held ones).",
  hold: "Hides public posts until a later decision.",
} as const;

export function CascadeForm({
  kind,
  cameoId,
  affectedPosts,
  submitLabel,
  onSubmit,
}: {
  kind: "revoke" | "disable";
  cameoId: string;
  /** the public posts the cascade is expected to touch */
  affectedPosts: number;
  submitLabel: string;
  onSubmit: (values: CascadeValues) => Promise<unknown>;
}) {
  const policies = usePolicies();
  const verified = useLikenessComplaints({ cameoId, verification: "verified" });
  const needsApproval = kind === "disable" || affectedPosts > FOUR_EYES_POST_THRESHOLD;

  return (
    <QueryStates query={policies} loadingLabel="Loading the policies…" errorTitle="Could not load the policies">
      {(list) => (
        <Form
          schema={kind === "revoke" ? RevokeFields : DisableFields}
          defaultValues={{ mode: undefined, policyId: "", reason: "", complaintSignalId: undefined }}
          aria-label={submitLabel}
          className="stack"
          onSubmit={onSubmit}
        >
          {(form) => {
            const modeError = form.formState.errors.mode?.message;
            return (
              <>
                <p>
                  <strong>About {pluralize(affectedPosts, "post")} will be affected.</strong>
                </p>
                <p className={needsApproval ? "notice notice-warning" : "muted"}>
                  {kind === "disable"
                    ? "Disabling a cameo always waits for another staff member's approval (four-eyes rule)."
                    : needsApproval
                      ? `More than ${FOUR_EYES_POST_THRESHOLD} posts: this revocation will wait for another staff member's approval (four-eyes rule).`
                      : `Runs at once. A cascade over ${FOUR_EYES_POST_THRESHOLD} posts, and any cameo disable, waits for another staff member's approval (four-eyes rule).`}
                </p>
                <fieldset className="action-choice" aria-describedby={modeError ? "cascade-mode-error" : undefined}>
                  <legend>What happens to the posts</legend>
                  <div className="action-options">
                    {CASCADE_MODES.map((mode) => (
                      <div className="action-option" key={mode}>
                        <input
                          type="radio"
                          id={`cascade-mode-${mode}`}
                          value={mode}
                          aria-invalid={modeError ? true : undefined}
                          {...form.register("mode")}
                        />
                        <label htmlFor={`cascade-mode-${mode}`} title={MODE_HINTS[mode]}>
                          {MODE_LABELS[mode]}
                        </label>
                      </div>
                    ))}
                  </div>
                  {modeError ? (
                    <p id="cascade-mode-error" className="field-error">
                      {modeError}
                    </p>
                  ) : null}
                </fieldset>
                <SelectField
                  label="Policy"
                  options={[
                    { value: "", label: "Choose a policy" },
                    ...list.map((p) => ({ value: p.id, label: p.name })),
                  ]}
                  error={form.formState.errors.policyId?.message}
                  {...form.register("policyId")}
                />
                <Field
                  label="Reason"
                  hint="The owner and each uploader read this."
                  error={form.formState.errors.reason?.message}
                >
                  {(control) => <textarea className="input" rows={3} {...control} {...form.register("reason")} />}
                </Field>
                <SelectField
                  label="Complaint"
                  hint={
                    verified.isPending
                      ? "Loading the verified complaints…"
                      : verified.complaints.length === 0
                        ? "No verified complaint about this cameo; verify the complainant first to attach one."
                        : "Attached as the reason; its case is resolved when the action completes."
                  }
                  options={[
                    { value: "", label: "None" },
                    ...verified.complaints.map((c) => ({
                      value: c.signalId,
                      label: `${c.complainantName ?? "Unnamed complainant"} — ${c.depictedPerson ?? "unknown person"}`,
                    })),
                  ]}
                  error={form.formState.errors.complaintSignalId?.message}
                  {...form.register("complaintSignalId", { setValueAs: (value: string) => value || undefined })}
                />
                <div className="form-actions">
                  <Button type="submit" variant="danger" isPending={form.formState.isSubmitting}>
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
