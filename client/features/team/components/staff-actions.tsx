import { useId, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useCurrentUser } from "../../../lib/auth.ts";
import { STAFF_ROLES, type StaffRole } from "../../../lib/roles.ts";
import { useUpdateStaff } from "../api/update-staff.ts";
import type { StaffMember } from "../api/list-staff.ts";
import { ResetPasswordDialog } from "./reset-password-dialog.tsx";

export function StaffActions({ member }: { member: StaffMember }) {
  const me = useCurrentUser();
  const update = useUpdateStaff();
  const [role, setRole] = useState<StaffRole>(member.role);
  const [isResetting, setIsResetting] = useState(false);
  const roleId = useId();
  const isDisabled = !!member.disabledAt;

  // Changing your own role or disabling yourself would end your own session mid-task; another admin does that.
  // Your own password is changed in Account security, with the current one.
  if (member.id === me.id) return <span className="muted">This is you</span>;

  return (
    <div className="row-actions">
      <label className="visually-hidden" htmlFor={roleId}>
        Role for {member.displayName}
      </label>
      <select
        id={roleId}
        className="input input-sm"
        value={role}
        onChange={(event) => setRole(event.target.value as StaffRole)}
      >
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        aria-label={`Change role of ${member.displayName}`}
        disabled={role === member.role}
        isPending={update.isPending && update.variables?.role !== undefined}
        onClick={() => update.mutate({ id: member.id, role })}
      >
        Change role
      </Button>
      <Button
        size="sm"
        variant={isDisabled ? "secondary" : "danger"}
        aria-label={`${isDisabled ? "Enable" : "Disable"} ${member.displayName}`}
        isPending={update.isPending && update.variables?.disabled !== undefined}
        onClick={() => update.mutate({ id: member.id, disabled: !isDisabled })}
      >
        {isDisabled ? "Enable" : "Disable"}
      </Button>
      <Button size="sm" aria-label={`Reset password of ${member.displayName}`} onClick={() => setIsResetting(true)}>
        Reset password
      </Button>
      {isResetting ? <ResetPasswordDialog member={member} onClose={() => setIsResetting(false)} /> : null}
      {update.isError ? (
        <p className="field-error" role="alert">
          {messageOf(update.error)}
        </p>
      ) : null}
    </div>
  );
}
