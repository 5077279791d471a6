// The moves a wave may make from where it is (the server sends them), as buttons. Closing cannot be undone, so
// it asks first.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { Field } from "../../../components/field.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useSetWaveStatus } from "../api/set-wave-status.ts";
import type { InviteWave } from "../api/get-invite-wave.ts";

type Target = "active" | "paused" | "closed";

function labelFor(from: InviteWave["status"], to: Target): string {
  if (to === "active") return from === "paused" ? "Resume" : "Activate";
  if (to === "paused") return "Pause";
  return "Close";
}

export function WaveStatusActions({ wave }: { wave: InviteWave }) {
  const setStatus = useSetWaveStatus();
  const [isConfirmingClose, setConfirmingClose] = useState(false);
  const [reason, setReason] = useState("");
  const targets = wave.allowedTransitions.filter((s): s is Target => s !== "draft");

  const move = (status: Target, why?: string) =>
    setStatus.mutateAsync({ waveId: wave.id, status, ...(why ? { reason: why } : {}) }).then(
      () => true,
      () => false,
    );

  if (targets.length === 0) return <p className="muted">Closed waves stay closed.</p>;
  return (
    <div className="row-actions" role="group" aria-label="Wave status">
      {targets.map((to) =>
        to === "closed" ? (
          <Button key={to} variant="danger" onClick={() => setConfirmingClose(true)}>
            Close…
          </Button>
        ) : (
          <Button
            key={to}
            variant={to === "active" ? "primary" : "secondary"}
            isPending={setStatus.isPending && setStatus.variables?.status === to}
            onClick={() => void move(to)}
          >
            {labelFor(wave.status, to)}
          </Button>
        ),
      )}
      {setStatus.isError && !isConfirmingClose ? (
        <p className="field-error" role="alert">
          {messageOf(setStatus.error)}
        </p>
      ) : null}
      {isConfirmingClose ? (
        <Dialog title={`Close ${wave.name}?`} onClose={() => setConfirmingClose(false)}>
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void move("closed", reason.trim() || undefined).then((ok) => ok && setConfirmingClose(false));
            }}
          >
            <p>
              A closed wave admits nobody: its unused codes stop working and it cannot be opened again. Pause it instead
              to stop redemptions for a while.
            </p>
            <Field label="Reason (optional)">
              {(control) => (
                <textarea
                  className="input textarea"
                  rows={2}
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  {...control}
                />
              )}
            </Field>
            {setStatus.isError ? (
              <p className="field-error" role="alert">
                {messageOf(setStatus.error)}
              </p>
            ) : null}
            <div className="form-actions">
              <Button type="submit" variant="danger" isPending={setStatus.isPending}>
                Close wave
              </Button>
              <Button variant="ghost" onClick={() => setConfirmingClose(false)}>
                Keep it open
              </Button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
