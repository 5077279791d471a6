import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { secondFactorCodeSchema } from "../api/sign-in.ts";

/** The second step of signing in to an account with two-factor sign-in. */
export function SecondFactorStep({
  onSubmit,
  onBack,
}: {
  onSubmit: (code: string) => Promise<unknown>;
  onBack: () => void;
}) {
  return (
    <Form
      schema={secondFactorCodeSchema}
      defaultValues={{ code: "" }}
      onSubmit={({ code }) => onSubmit(code)}
      aria-label="Two-factor sign-in"
      className="stack"
    >
      {({ register, formState: { errors, isSubmitting } }) => (
        <>
          <p className="muted">Enter the code from your authenticator app, or one of your recovery codes.</p>
          <TextField
            label="Authentication code"
            autoComplete="one-time-code"
            autoFocus
            spellCheck={false}
            error={errors.code?.message}
            {...register("code")}
          />
          <Button type="submit" variant="primary" isPending={isSubmitting}>
            Verify and sign in
          </Button>
          <Button variant="ghost" onClick={onBack}>
            Use another account
          </Button>
        </>
      )}
    </Form>
  );
}
