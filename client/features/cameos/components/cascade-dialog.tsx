// "Revoke…" on a grant and "Disable cameo…" open this dialog: the cascade form, then the action it created —
// completed at once for a small cascade, otherwise waiting for approval or running with its progress.
import { useEffect, useRef, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { asWire } from "../../../lib/trpc.ts";
import type { CameoDetail, CameoGrant } from "../api/get-cameo.ts";
import type { CameoAction } from "../api/get-cameo-action.ts";
import { useDisableCameo } from "../api/disable-cameo.ts";
import { useRevokeGrant } from "../api/revoke-grant.ts";
import { ActionCard } from "./action-card.tsx";
import { CascadeForm, type CascadeValues } from "./cascade-form.tsx";

export type CascadeTarget = { kind: "revoke"; grant: CameoGrant } | { kind: "disable" };

export function CascadeDialog({
  cameo,
  target,
  onClose,
}: {
  cameo: CameoDetail;
  target: CascadeTarget;
  onClose: () => void;
}) {
  const revoke = useRevokeGrant();
  const disable = useDisableCameo();
  const [result, setResult] = useState<CameoAction | null>(null);

  const title =
    target.kind === "revoke"
      ? `Revoke @${target.grant.grantee.handle}'s grant`
      : `Disable the cameo of @${cameo.owner.handle}`;
  const affected = target.kind === "revoke" ? target.grant.publicPosts : cameo._count.appearances;

  const submit = async (values: CascadeValues) => {
    const action =
      target.kind === "revoke"
        ? await revoke.mutateAsync({ grantId: target.grant.id, ...values })
        : await disable.mutateAsync({ cameoId: cameo.id, ...values });
    setResult(asWire(action));
  };

  return (
    <Dialog title={title} onClose={onClose}>
      {result ? (
        <CascadeResult action={result} onClose={onClose} />
      ) : (
        <CascadeForm
          kind={target.kind}
          cameoId={cameo.id}
          affectedPosts={affected}
          submitLabel={target.kind === "revoke" ? "Revoke grant" : "Request disable"}
          onSubmit={submit}
        />
      )}
    </Dialog>
  );
}

function CascadeResult({ action, onClose }: { action: CameoAction; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form that had focus is gone; the outcome takes it, so a screen reader reads what happened.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="stack" role="group" aria-label="Result">
      <ActionCard action={action} isReadOnly />
      <Button variant="primary" onClick={onClose}>
        Done
      </Button>
    </div>
  );
}
