import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { CheckboxField, TextField } from "../../../components/field.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import type { StaffMember } from "../api/list-staff.ts";
import { useResetStaffPassword } from "../api/reset-password.ts";

/** Asks first, then shows the one-time password in the same dialog: the only time anyone sees it. */
export function ResetPasswordDialog({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const reset = useResetStaffPassword();
  const [removeSecondFactor, setRemoveSecondFactor] = useState(false);
  const title = `Reset password for ${member.displayName}`;

  if (reset.data) {
    return (
      <Dialog title={title} onClose={onClose}>
        <div className="stack">
          <p role="status" className="notice">
            {member.displayName} was signed out everywhere
            {reset.data.secondFactorRemoved ? " and their two-factor sign-in was turned off" : ""}. At their next
            sign-in they must choose a new password.
          </p>
          <TextField
            label="One-time password"
            className="one-time-password"
            readOnly
            value={reset.data.temporaryPassword}
            hint="Give it to them through a separate channel (in person, by phone). It is shown only now."
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="form-actions">
            <Button variant="primary" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="stack">
        <p>
          {member.displayName} ({member.email}) is signed out of every session at once and gets a one-time password,
          which you pass on. They must choose their own password when they next sign in.
        </p>
        <CheckboxField
          label="Also turn off their two-factor sign-in (they lost their authenticator and their recovery codes)"
          checked={removeSecondFactor}
          onChange={(event) => setRemoveSecondFactor(event.target.checked)}
        />
        {reset.isError ? (
          <p className="form-alert" role="alert">
            {messageOf(reset.error)}
          </p>
        ) : null}
        <div className="form-actions row-actions">
          <Button
            variant="danger"
            isPending={reset.isPending}
            onClick={() => reset.mutate({ id: member.id, removeSecondFactor })}
          >
            Reset password
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
