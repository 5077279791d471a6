// A new bank. What a match does starts at most at holding the post: automatic take-down is asked for afterwards
// and needs a second admin.
import { Button } from "../../../components/button.tsx";
import { Field, SelectField, TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { CreateBankInput } from "@contracts/hash-bank.ts";
import { useCreateHashBank } from "../api/create-hash-bank.ts";
import { BANK_ACTION_LABELS, BANK_KIND_OPTIONS } from "./bank-labels.ts";

const NEW_BANK_ACTION_OPTIONS = (["review", "hold"] as const).map((action) => ({
  value: action,
  label: BANK_ACTION_LABELS[action],
}));

export const RETRO_SCAN_HINT = "How far back a new entry is compared with posts; 0 checks only posts made after it.";

export function BankForm({ onCreated, onCancel }: { onCreated: (bankName: string) => void; onCancel: () => void }) {
  const create = useCreateHashBank();
  return (
    <Form
      schema={CreateBankInput}
      defaultValues={{ name: "", kind: "removed_content", description: "", action: "review", retroScanDays: 30 }}
      onSubmit={async (values) => {
        const bank = await create.mutateAsync(values);
        onCreated(bank.name);
      }}
      aria-label="New bank"
      className="form-grid"
    >
      {({ register, formState: { errors, isSubmitting } }) => (
        <>
          <TextField
            label="Name"
            autoComplete="off"
            hint="The match API answers with it; no commas."
            error={errors.name?.message}
            {...register("name")}
          />
          <SelectField label="Kind" options={BANK_KIND_OPTIONS} error={errors.kind?.message} {...register("kind")} />
          <Field label="Description" error={errors.description?.message}>
            {(control) => <textarea className="input" rows={2} {...control} {...register("description")} />}
          </Field>
          <SelectField
            label="What a match does"
            options={NEW_BANK_ACTION_OPTIONS}
            hint="Automatic take-down is asked for once the bank exists, and a second admin approves it."
            error={errors.action?.message}
            {...register("action")}
          />
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
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={isSubmitting}>
              Create bank
            </Button>
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          </div>
        </>
      )}
    </Form>
  );
}
