import { useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { pluralize } from "../../../lib/format.ts";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, useChangePassword } from "../api/change-password.ts";

// Typed twice, since a mistyped new password would only show itself at the next sign-in.
const changePasswordForm = z.extend(changePasswordSchema, { repeatPassword: z.string() }).check(
  z.refine((v) => v.repeatPassword === v.newPassword, {
    message: "The two new passwords differ",
    path: ["repeatPassword"],
  }),
);

function describeEnded(n: number): string {
  if (n === 0) return "You had no other sessions.";
  return `${pluralize(n, "other session")} ${n === 1 ? "was" : "were"} signed out.`;
}

export function ChangePasswordPanel() {
  const change = useChangePassword();
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">Change password</h2>
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : null}
      <Form
        schema={changePasswordForm}
        defaultValues={{ currentPassword: "", newPassword: "", repeatPassword: "" }}
        onSubmit={async ({ currentPassword, newPassword }, form) => {
          setDone(null);
          const { endedSessions } = await change.mutateAsync({ currentPassword, newPassword });
          form.reset();
          setDone(`Password changed. ${describeEnded(endedSessions)}`);
        }}
        aria-labelledby="change-password-heading"
        className="form-grid"
      >
        {({ register, formState: { errors, isSubmitting } }) => (
          <>
            <TextField
              label="Current password"
              type="password"
              autoComplete="current-password"
              error={errors.currentPassword?.message}
              {...register("currentPassword")}
            />
            <TextField
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions end when it changes.`}
              error={errors.newPassword?.message}
              {...register("newPassword")}
            />
            <TextField
              label="Repeat new password"
              type="password"
              autoComplete="new-password"
              error={errors.repeatPassword?.message}
              {...register("repeatPassword")}
            />
            <div className="form-actions">
              <Button type="submit" variant="primary" isPending={isSubmitting}>
                Change password
              </Button>
            </div>
          </>
        )}
      </Form>
    </section>
  );
}
