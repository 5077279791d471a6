import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { secondFactorCodeSchema, useReplaceRecoveryCodes } from "../api/replace-recovery-codes.ts";

export function ReplaceRecoveryCodesForm({ onReplaced }: { onReplaced: (codes: string[]) => void }) {
  const replace = useReplaceRecoveryCodes();
  return (
    <Form
      schema={secondFactorCodeSchema}
      defaultValues={{ code: "" }}
      onSubmit={async (values) => onReplaced((await replace.mutateAsync(values)).recoveryCodes)}
      aria-label="New recovery codes"
      className="inline-form"
    >
      {({ register, formState: { errors, isSubmitting } }) => (
        <>
          <TextField
            label="Code from your app"
            inputMode="numeric"
            autoComplete="one-time-code"
            hint="Ten new recovery codes replace the old ones."
            error={errors.code?.message}
            {...register("code")}
          />
          <div className="form-actions">
            <Button type="submit" isPending={isSubmitting}>
              Get new recovery codes
            </Button>
          </div>
        </>
      )}
    </Form>
  );
}
