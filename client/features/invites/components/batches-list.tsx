import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import type { InviteBatch } from "../api/get-invite-wave.ts";
import { batchLabel } from "../lib/batch-label.ts";
import { BatchProgress } from "./batch-progress.tsx";
import { ExportCodesLink } from "./export-codes-link.tsx";
import { RevokeDialog } from "./revoke-dialog.tsx";

export function BatchesList({ waveId, batches }: { waveId: string; batches: InviteBatch[] }) {
  const [revoking, setRevoking] = useState<InviteBatch | null>(null);
  return (
    <section className="panel" aria-labelledby="batches-heading">
      <h2 id="batches-heading">Batches</h2>
      {batches.length === 0 ? (
        <EmptyState title="No batches yet">Issue codes to create the first batch.</EmptyState>
      ) : (
        <ul className="plain-list" aria-label="Batches">
          {batches.map((b) => (
            <li key={b.id} className="batch-item">
              <div className="batch-line">
                <span>
                  <strong>
                    {b.status === "complete"
                      ? `${formatCount(b.size)} codes`
                      : `${formatCount(b.issuedCount)} of ${formatCount(b.size)} codes`}
                  </strong>{" "}
                  <span className="muted">batch {batchLabel(b.id)}</span>
                  <span className={`status status-${b.status} tag`}>{humanize(b.status)}</span>
                </span>
                <span className="muted">
                  {formatDateTime(b.createdAt)}
                  {b.createdBy ? ` by ${b.createdBy.displayName}` : ""}
                </span>
                <span className="row-actions">
                  <ExportCodesLink
                    waveId={waveId}
                    batchId={b.id}
                    label="CSV"
                    accessibleName={`Export batch ${batchLabel(b.id)} as CSV`}
                    className="btn btn-sm btn-ghost"
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Revoke batch ${batchLabel(b.id)}`}
                    onClick={() => setRevoking(b)}
                  >
                    Revoke…
                  </Button>
                </span>
              </div>
              {b.status === "issuing" ? (
                <BatchProgress issued={b.issuedCount} size={b.size} label={`Batch ${batchLabel(b.id)} progress`} />
              ) : null}
              {b.status === "failed" && b.failedReason ? <p className="field-error">{b.failedReason}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {revoking ? (
        <RevokeDialog
          scope={{ type: "batch", batchId: revoking.id }}
          title={`Revoke batch ${batchLabel(revoking.id)}`}
          countFilter={{ batchId: revoking.id, status: "active" }}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
