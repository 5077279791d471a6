// Revocation beyond one code or batch: the whole wave, or every code an inviting member was given to share.
import { useId, useState } from "react";
import { Button } from "../../../components/button.tsx";
import type { InviteWave } from "../api/get-invite-wave.ts";
import { RevokeDialog } from "./revoke-dialog.tsx";

type Open = { kind: "wave" } | { kind: "inviter"; accountId: string } | null;

export function RevokePanel({ wave }: { wave: InviteWave }) {
  const [open, setOpen] = useState<Open>(null);
  const [inviter, setInviter] = useState("");
  const inviterId = useId();

  return (
    <section className="panel" aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">Revoke codes</h2>
      <p className="muted">A single code is revoked from its row in the table, a batch from the batch list.</p>
      <div className="revoke-actions">
        <Button variant="danger" onClick={() => setOpen({ kind: "wave" })} disabled={wave.totals.activeCodes === 0}>
          Revoke every code in this wave…
        </Button>
        <form
          className="inline-form"
          aria-label="Revoke by inviter"
          onSubmit={(event) => {
            event.preventDefault();
            if (inviter.trim()) setOpen({ kind: "inviter", accountId: inviter.trim() });
          }}
        >
          <div className="field">
            <label htmlFor={inviterId}>Inviter account id</label>
            <input
              id={inviterId}
              className="input"
              value={inviter}
              onChange={(e) => setInviter(e.target.value)}
              autoComplete="off"
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="danger" disabled={!inviter.trim()}>
              Revoke inviter's codes…
            </Button>
          </div>
        </form>
      </div>
      {open?.kind === "wave" ? (
        <RevokeDialog
          scope={{ type: "wave", waveId: wave.id }}
          title={`Revoke every code in ${wave.name}`}
          knownCount={wave.totals.activeCodes}
          onClose={() => setOpen(null)}
        />
      ) : open?.kind === "inviter" ? (
        <InviterRevokeDialog accountId={open.accountId} onClose={() => setOpen(null)} />
      ) : null}
    </section>
  );
}

/** An inviter's codes span waves; the tree's code counts say how many are still live. */
export function InviterRevokeDialog({
  accountId,
  knownCount,
  onClose,
}: {
  accountId: string;
  knownCount?: number;
  onClose: () => void;
}) {
  return (
    <RevokeDialog
      scope={{ type: "inviter", inviterAccountId: accountId }}
      title={`Revoke codes shared by ${accountId}`}
      knownCount={knownCount}
      onClose={onClose}
    />
  );
}
