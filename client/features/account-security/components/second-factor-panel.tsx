import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { QueryStates } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { formatDateTime, pluralize } from "../../../lib/format.ts";
import { useBeginEnrolment, type Enrolment } from "../api/begin-enrolment.ts";
import { useRefreshSecondFactor, useSecondFactorStatus } from "../api/get-second-factor-status.ts";
import { DisableSecondFactorForm } from "./disable-second-factor-form.tsx";
import { EnrolmentSteps } from "./enrolment-steps.tsx";
import { RecoveryCodes } from "./recovery-codes.tsx";
import { ReplaceRecoveryCodesForm } from "./replace-recovery-codes-form.tsx";

export function SecondFactorPanel() {
  const status = useSecondFactorStatus();
  const begin = useBeginEnrolment();
  const refresh = useRefreshSecondFactor();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <section className="panel" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">Two-factor sign-in</h2>
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          onSaved={async () => {
            await refresh();
            setRecoveryCodes(null);
          }}
        />
      ) : enrolment ? (
        <EnrolmentSteps
          enrolment={enrolment}
          onEnrolled={(codes) => {
            setEnrolment(null);
            setRecoveryCodes(codes);
          }}
          onCancel={() => setEnrolment(null)}
        />
      ) : (
        <QueryStates
          query={status}
          loadingLabel="Loading two-factor sign-in…"
          errorTitle="Could not load two-factor sign-in"
        >
          {(s) =>
            s.enabled ? (
              <div className="stack">
                <p>
                  <span className="status status-active">On</span> since {formatDateTime(s.enabledAt!)}. Signing in asks
                  for a code from your authenticator app after your password.{" "}
                  {pluralize(s.recoveryCodesLeft, "recovery code")} left.
                </p>
                <ReplaceRecoveryCodesForm onReplaced={setRecoveryCodes} />
                <DisableSecondFactorForm isRequired={s.required} />
              </div>
            ) : (
              <div className="stack">
                <p>
                  <span className="status status-disabled">Off</span>{" "}
                  {s.required
                    ? "Your role requires it: set it up to continue."
                    : "Protect your account with a code from an authenticator app on your phone, asked for after your password."}
                </p>
                <Button
                  variant="primary"
                  isPending={begin.isPending}
                  onClick={() => begin.mutate(undefined, { onSuccess: setEnrolment })}
                >
                  Set up two-factor sign-in
                </Button>
                {begin.isError ? (
                  <p className="field-error" role="alert">
                    {messageOf(begin.error)}
                  </p>
                ) : null}
              </div>
            )
          }
        </QueryStates>
      )}
    </section>
  );
}
