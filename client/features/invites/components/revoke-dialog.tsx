// Revoking codes by one scope (code, batch, wave or inviter). Destructive and immediate for the platform, so it
// says how many codes will stop working when the server can count them, and needs a reason for the audit log.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";
import { formatCount, pluralize } from "../../../lib/format.ts";
import { useInviteCodeCount, type InviteCodeFilter } from "../api/list-invite-codes.ts";
import { useRevokeInviteCodes, type RevokeInput, type RevokeScope } from "../api/revoke-invite-codes.ts";
import { RevokeReason } from "@contracts/invites.ts";

interface RevokeDialogProps {
  scope: RevokeScope;
  title: string;
  /** the codes this revocation would stop, for the server to count */
  countFilter?: InviteCodeFilter;
  /** a count known already (one code; an inviter's active codes) */
  knownCount?: number;
  onClose: () => void;
}

export function RevokeDialog({ scope, title, countFilter, knownCount, onClose }: RevokeDialogProps) {
  const revoke = useRevokeInviteCodes();
  const counted = useInviteCodeCount(countFilter ?? {}, countFilter !== undefined && knownCount === undefined);
  const [revoked, setRevoked] = useState<number | null>(null);
  const count = knownCount ?? counted.data ?? null;

  return (
    <ReasonDialog
      title={title}
      schema={RevokeReason}
      reasonHint="Kept in the audit log and sent to the platform."
      submitLabel={count ? `Revoke ${formatCount(count)} ${count === 1 ? "code" : "codes"}` : "Revoke"}
      submitVariant="danger"
      onSubmit={async (reason) => {
        const result = await revoke.mutateAsync({ ...scope, reason } as RevokeInput);
        setRevoked(result.revoked);
      }}
      onClose={onClose}
      outcome={
        revoked === null ? undefined : (
          <div className="stack">
            <p role="status" className="notice">
              Revoked {pluralize(revoked, "code")}. The platform is told through the outbox.
            </p>
            <div className="form-actions">
              <Button onClick={onClose}>Done</Button>
            </div>
          </div>
        )
      }
    >
      <p className="notice notice-warning" aria-live="polite">
        {count === null
          ? countFilter && counted.isPending
            ? "Counting the codes this stops…"
            : "Every active code in this scope stops working at once."
          : count === 0
            ? "No active codes are left in this scope; nothing would change."
            : `${pluralize(count, "code")} will stop working at once. This cannot be undone.`}
      </p>
    </ReasonDialog>
  );
}
