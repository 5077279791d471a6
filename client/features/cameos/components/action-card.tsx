// One staff action on a cameo as the history, the approvals panel and the dialogs show it: what it does, where
// it stands (polled while its cascade runs), who asked and who approved, and whether the owner was told.
import { useState } from "react";
import { Link } from "wouter";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { formatCount, formatDateTime, pluralize } from "../../../lib/format.ts";
import { ReinstateInput } from "@contracts/cameos.ts";
import { useCameoActionProgress, isRunning, type CameoAction } from "../api/get-cameo-action.ts";
import { useReinstateAction } from "../api/reinstate-action.ts";
import { ACTION_STATUS_LABELS, labelOf, MODE_LABELS } from "../lib/labels.ts";
import { ActionProgress } from "./action-progress.tsx";
import { PendingApprovalControls } from "./pending-approval-controls.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";

const ReinstateReason = z.pick(ReinstateInput, { reason: true });

/** "Revoke grant to @riley", "Disable cameo of @noor", "Reinstate grant to @riley". */
export function describeAction(action: CameoAction): string {
  const target = action.grant ? `grant to @${action.grant.grantee.handle}` : `cameo of @${action.cameo.owner.handle}`;
  return `${action.kind === "reinstate" ? "Reinstate" : action.kind === "revoke_grant" ? "Revoke" : "Disable"} ${target}`;
}

export function canReinstate(action: CameoAction): boolean {
  return action.kind !== "reinstate" && action.status === "completed" && action.reversedBy.length === 0;
}

export function ActionCard({
  action: known,
  showCameoLink = false,
  isReadOnly = false,
}: {
  action: CameoAction;
  showCameoLink?: boolean;
  /** inside a dialog: no buttons that would open a second dialog over it */
  isReadOnly?: boolean;
}) {
  const action = useCameoActionProgress(known);
  const [isReinstating, setIsReinstating] = useState(false);
  const reinstate = useReinstateAction();
  const label = describeAction(action);
  const verb = action.kind === "reinstate" ? "restored" : action.mode === "hold" ? "held" : "taken down";

  return (
    <article className="cameo-action" aria-label={`${label}: ${labelOf(ACTION_STATUS_LABELS, action.status)}`}>
      <div className="section-heading">
        <h3>{label}</h3>
        <span className={`status status-${action.status}`}>{labelOf(ACTION_STATUS_LABELS, action.status)}</span>
      </div>
      <dl className="facts facts-inline">
        {showCameoLink ? (
          <div>
            <dt>Cameo</dt>
            <dd>
              <Link href={`/cameos/${encodeURIComponent(action.cameoId)}`}>{action.cameoId}</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Mode</dt>
          <dd>{action.mode ? labelOf(MODE_LABELS, action.mode) : "Restore"}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>
            {formatCount(action.processedCount)} of {pluralize(action.postCount, "post")} processed
          </dd>
        </div>
        <div>
          <dt>Requested</dt>
          <dd>
            {action.requestedBy.displayName}, {formatDateTime(action.requestedAt)}
          </dd>
        </div>
        <div>
          <dt>Approved</dt>
          <dd>
            {action.approvedBy ? (
              <>
                {action.approvedBy.displayName}
                {action.approvedAt ? `, ${formatDateTime(action.approvedAt)}` : null}
              </>
            ) : action.needsApproval ? (
              <span className="muted">Not yet</span>
            ) : (
              <span className="muted">Not needed</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Policy</dt>
          <dd>{action.policy ? action.policy.name : <span className="muted">—</span>}</dd>
        </div>
        {action.complaintSignalId ? (
          <div>
            <dt>Complaint</dt>
            <dd>Attached as the reason</dd>
          </div>
        ) : null}
        <div>
          <dt>Batch</dt>
          <dd>
            <code>{action.batchId}</code>
          </dd>
        </div>
      </dl>
      <p className="quote">{action.reason}</p>
      {action.status === "rejected" && action.rejectionReason ? (
        <p className="muted">Rejected: {action.rejectionReason}</p>
      ) : null}
      {action.status !== "pending_approval" && action.status !== "rejected" ? <ActionProgress action={action} /> : null}
      {isRunning(action.status) ? (
        <p role="status" className="muted">
          Working through the posts… {formatCount(action.processedCount)} of {formatCount(action.postCount)}
        </p>
      ) : null}
      {action.status === "completed" ? (
        <p role="status" className="notice">
          {action.kind === "reinstate"
            ? `Done: ${pluralize(action.processedCount, "post")} checked; each one nothing else had changed since was restored.`
            : `Done: ${pluralize(action.processedCount, "post")} ${verb}.`}{" "}
          {action.ownerNotice ? (
            <>
              Owner notified by email
              {action.ownerNotice.status === "sent"
                ? ""
                : ` (${action.ownerNotice.status === "pending" ? "queued" : action.ownerNotice.status})`}
              .
            </>
          ) : (
            <>The owner has no email on file and was not notified.</>
          )}
        </p>
      ) : null}
      {action.status === "pending_approval" ? (
        <>
          <p className="notice notice-warning">Waiting for approval by another staff member (four-eyes rule).</p>
          {isReadOnly ? (
            <p className="muted">
              It is listed under “Waiting for approval” on the Cameos page, where another staff member can approve or
              reject it.
            </p>
          ) : (
            <PendingApprovalControls action={action} label={label} />
          )}
        </>
      ) : null}
      {action.reversedBy.length > 0 ? (
        <p className="muted">
          Reversed by a reinstatement ({labelOf(ACTION_STATUS_LABELS, action.reversedBy[0]!.status).toLowerCase()}).
        </p>
      ) : null}
      {canReinstate(action) && !isReadOnly ? (
        <Button size="sm" onClick={() => setIsReinstating(true)} aria-label={`Reinstate… (${label})`}>
          Reinstate…
        </Button>
      ) : null}
      {isReinstating ? (
        <ReasonDialog
          title="Reinstate"
          schema={ReinstateReason}
          reasonHint="Restores exactly the posts this action changed, unless something else has changed them since."
          submitLabel="Reinstate"
          onClose={() => setIsReinstating(false)}
          onSubmit={async (reason) => {
            await reinstate.mutateAsync({ actionId: action.id, reason });
            setIsReinstating(false);
          }}
        >
          <p>
            Reverse “{label}” ({pluralize(action.processedCount, "post")} {verb}).
          </p>
        </ReasonDialog>
      ) : null}
    </article>
  );
}
