import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import type { Enrolment } from "../api/begin-enrolment.ts";
import { confirmEnrolmentSchema, useConfirmEnrolment } from "../api/confirm-enrolment.ts";

/** Groups of four, as authenticator apps show keys to type in. */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(" ");
}

export function EnrolmentSteps({
  enrolment,
  onEnrolled,
  onCancel,
}: {
  enrolment: Enrolment;
  onEnrolled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const confirm = useConfirmEnrolment();
  return (
    <ol className="enrolment-steps">
      <li>
        <p>Scan this QR code with your authenticator app (1Password, Google Authenticator, Authy, …).</p>
        <img
          className="enrolment-qr"
          src={enrolment.qrDataUrl}
          width={200}
          height={200}
          alt="QR code for your authenticator app"
        />
        <TextField
          label="Setup key"
          className="enrolment-key"
          readOnly
          value={groupKey(enrolment.secret)}
          hint="If you cannot scan, type this key into the app instead. It is shown only now."
          onFocus={(event) => event.currentTarget.select()}
        />
      </li>
      <li>
        <Form
          schema={confirmEnrolmentSchema}
          defaultValues={{ code: "" }}
          onSubmit={async (values) => onEnrolled((await confirm.mutateAsync(values)).recoveryCodes)}
          aria-label="Confirm two-factor sign-in"
          className="stack"
        >
          {({ register, formState: { errors, isSubmitting } }) => (
            <>
              <TextField
                label="Code from your app"
                inputMode="numeric"
                autoComplete="one-time-code"
                hint={`Enter the 6-digit code the app shows for Vigil, before ${formatDateTime(enrolment.expiresAt)}.`}
                error={errors.code?.message}
                {...register("code")}
              />
              <div className="row-actions">
                <Button type="submit" variant="primary" isPending={isSubmitting}>
                  Turn on two-factor sign-in
                </Button>
                <Button variant="ghost" onClick={onCancel}>
                  Cancel
                </Button>
              </div>
            </>
          )}
        </Form>
      </li>
    </ol>
  );
}
