// Approve or reject an action waiting for a second staff member. The requester cannot approve their own (the
// server refuses it too); they can withdraw it instead.
import { useId, useState } from "react";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { useCurrentUser } from "../../../lib/auth.ts";
import { RejectActionInput } from "@contracts/cameos.ts";
import { useApproveAction } from "../api/approve-action.ts";
import type { CameoAction } from "../api/get-cameo-action.ts";
import { useRejectAction } from "../api/reject-action.ts";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";

const RejectReason = z.pick(RejectActionInput, { reason: true });

export const OWN_ACTION_NOTE = "You requested this action; another staff member must approve it (four-eyes rule).";

export function PendingApprovalControls({ action, label }: { action: CameoAction; label: string }) {
  const me = useCurrentUser();
  const approve = useApproveAction();
  const reject = useRejectAction();
  const [isRejecting, setIsRejecting] = useState(false);
  const noteId = useId();
  const isOwn = action.requestedBy.id === me.id;

  return (
    <div className="pending-controls">
      <div className="row-actions">
        <Button
          variant="primary"
          size="sm"
          disabled={isOwn}
          aria-describedby={isOwn ? noteId : undefined}
          isPending={approve.isPending}
          aria-label={`Approve: ${label}`}
          onClick={() => approve.mutate({ actionId: action.id })}
        >
          Approve
        </Button>
        <Button
          size="sm"
          aria-label={`${isOwn ? "Withdraw" : "Reject"}: ${label}…`}
          onClick={() => setIsRejecting(true)}
        >
          {isOwn ? "Withdraw…" : "Reject…"}
        </Button>
      </div>
      {isOwn ? (
        <p id={noteId} className="muted">
          {OWN_ACTION_NOTE}
        </p>
      ) : null}
      {approve.error ? (
        <p role="alert" className="form-alert">
          {messageOf(approve.error)}
        </p>
      ) : null}
      {isRejecting ? (
        <ReasonDialog
          title={isOwn ? "Withdraw the request" : "Reject the action"}
          schema={RejectReason}
          reasonHint="Recorded in the audit log; nothing changes on the cameo or its posts."
          submitLabel={isOwn ? "Withdraw" : "Reject"}
          submitVariant="danger"
          onClose={() => setIsRejecting(false)}
          onSubmit={async (reason) => {
            await reject.mutateAsync({ actionId: action.id, reason });
            setIsRejecting(false);
          }}
        >
          <p>{label}</p>
        </ReasonDialog>
      ) : null}
    </div>
  );
}
