import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { disableSecondFactorSchema, useDisableSecondFactor } from "../api/disable-second-factor.ts";

export function DisableSecondFactorForm({ isRequired }: { isRequired: boolean }) {
  const disable = useDisableSecondFactor();
  return (
    <details className="danger-zone">
      <summary>Turn off two-factor sign-in</summary>
      <Form
        schema={disableSecondFactorSchema}
        defaultValues={{ password: "", code: "" }}
        onSubmit={(values) => disable.mutateAsync(values)}
        aria-label="Turn off two-factor sign-in"
        className="form-grid"
      >
        {({ register, formState: { errors, isSubmitting } }) => (
          <>
            {isRequired ? (
              <p className="notice notice-warning">
                Your role requires two-factor sign-in: you will have to set it up again before you can continue.
              </p>
            ) : null}
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              error={errors.password?.message}
              {...register("password")}
            />
            <TextField
              label="Code from your app or a recovery code"
              autoComplete="one-time-code"
              error={errors.code?.message}
              {...register("code")}
            />
            <div className="form-actions">
              <Button type="submit" variant="danger" isPending={isSubmitting}>
                Turn off two-factor sign-in
              </Button>
            </div>
          </>
        )}
      </Form>
    </details>
  );
}
