// Changes a bank with a reason for the audit log. Only what changed is sent. Choosing automatic take-down does not
// change the action yet: it asks a second admin, and the bank keeps doing what it did until one approves.
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { CheckboxField, Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { HASH_BANK_ACTIONS, UpdateBankInput } from "@contracts/hash-bank.ts";
import type { HashBank } from "../api/list-hash-banks.ts";
import { useUpdateHashBank } from "../api/update-hash-bank.ts";
import { BANK_ACTION_LABELS, type BankAction } from "./bank-labels.ts";
import { RETRO_SCAN_HINT } from "./bank-form.tsx";

// Every field the dialog shows, with the server's own rules for each.
const EditBankSchema = z.required(
  z.pick(UpdateBankInput, { name: true, description: true, enabled: true, action: true, retroScanDays: true }),
);
const EditBankForm = z.extend(EditBankSchema, { reason: UpdateBankInput.shape.reason });

export function BankEditDialog({
  bank,
  onClose,
  onSaved,
}: {
  bank: HashBank;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const update = useUpdateHashBank();
  const title = `Edit ${bank.name}`;
  // A safe bank only clears other matches; the server refuses any other action for it.
  const actions = HASH_BANK_ACTIONS.filter((a) => bank.kind !== "safe" || a !== "take_down");
  const actionOptions = actions.map((a) => ({
    value: a,
    label:
      a === "take_down" && bank.action !== "take_down"
        ? `${BANK_ACTION_LABELS[a]} (needs a second admin)`
        : BANK_ACTION_LABELS[a],
  }));
  const current = { name: bank.name, description: bank.description, enabled: bank.enabled };

  return (
    <Dialog title={title} onClose={onClose}>
      <Form
        schema={EditBankForm}
        defaultValues={{
          ...current,
          action: bank.action as BankAction,
          retroScanDays: bank.retroScanDays,
          reason: "",
        }}
        aria-label={title}
        className="stack"
        onSubmit={async (values) => {
          const result = await update.mutateAsync({
            bankId: bank.id,
            reason: values.reason,
            ...(values.name !== bank.name ? { name: values.name } : {}),
            ...(values.description !== bank.description ? { description: values.description } : {}),
            ...(values.enabled !== bank.enabled ? { enabled: values.enabled } : {}),
            ...(values.action !== bank.action ? { action: values.action } : {}),
            ...(values.retroScanDays !== bank.retroScanDays ? { retroScanDays: values.retroScanDays } : {}),
          });
          onSaved(
            result.awaitingApproval
              ? `${result.name}: automatic take-down is waiting for a second admin.`
              : `${result.name} was saved.`,
          );
        }}
      >
        {({ register, watch, formState: { errors, isSubmitting } }) => (
          <>
            <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register("name")} />
            <Field label="Description" error={errors.description?.message}>
              {(control) => <textarea className="input" rows={2} {...control} {...register("description")} />}
            </Field>
            <CheckboxField label="Matching on" {...register("enabled")} />
            <SelectField
              label="What a match does"
              options={actionOptions}
              error={errors.action?.message}
              {...register("action")}
            />
            {watch("action") === "take_down" && bank.action !== "take_down" ? (
              <p className="notice notice-warning">
                Posts matching this bank would be taken down with no moderator looking first. Another admin must
                approve; until then a match does what it does now.
              </p>
            ) : null}
            <TextField
              label="Retro-scan days"
              type="number"
              min={0}
              max={365}
              inputMode="numeric"
              hint={RETRO_SCAN_HINT}
              error={errors.retroScanDays?.message}
              {...register("retroScanDays", { valueAsNumber: true })}
            />
            <Field label="Reason" hint="Kept in the audit log with the change." error={errors.reason?.message}>
              {(control) => <textarea className="input" rows={2} {...control} {...register("reason")} />}
            </Field>
            <div className="form-actions row-actions">
              <Button type="submit" variant="primary" isPending={isSubmitting}>
                Save
              </Button>
              <Button variant="ghost" onClick={onClose}>
                Cancel
              </Button>
            </div>
          </>
        )}
      </Form>
    </Dialog>
  );
}
