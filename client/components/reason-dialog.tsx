// A dialog that asks for a reason before an action that changes, reverses or revokes something (rejecting a
// pending action, reinstating, removing a register entry, revoking invite codes). The caller passes its
// procedure's schema, so the rule for a reason is the server's; what the action will do goes in `children`.
import type { ReactNode } from "react";
import type * as z from "zod/mini";
import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";
import { Field } from "./field.tsx";
import { Form } from "./form.tsx";

/** A procedure's input schema picked down to its reason: `z.pick(ReinstateInput, { reason: true })`. */
export type ReasonSchema = z.ZodMiniType<{ reason: string }, { reason: string }>;

export function ReasonDialog({
  title,
  children,
  schema,
  reasonLabel = "Reason",
  reasonHint,
  submitLabel,
  submitVariant = "primary",
  onSubmit,
  onClose,
  outcome,
}: {
  title: string;
  children?: ReactNode;
  schema: ReasonSchema;
  reasonLabel?: string;
  reasonHint?: ReactNode;
  submitLabel: string;
  submitVariant?: "primary" | "danger";
  /** throw (or let the mutation throw) to show the server's refusal in the dialog */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  /** once the action is done: what happened, shown in place of the form in the same dialog */
  outcome?: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      {outcome ?? (
        <>
          {children}
          <Form
            schema={schema}
            defaultValues={{ reason: "" }}
            aria-label={title}
            className="stack"
            onSubmit={(values) => onSubmit(values.reason)}
          >
            {(form) => (
              <>
                <Field label={reasonLabel} hint={reasonHint} error={form.formState.errors.reason?.message}>
                  {(control) => <textarea className="input" rows={3} {...control} {...form.register("reason")} />}
                </Field>
                <div className="form-actions row-actions">
                  <Button type="submit" variant={submitVariant} isPending={form.formState.isSubmitting}>
                    {submitLabel}
                  </Button>
                  <Button variant="ghost" onClick={onClose}>
                    Cancel
                  </Button>
                </div>
              </>
            )}
          </Form>
        </>
      )}
    </Dialog>
  );
}
