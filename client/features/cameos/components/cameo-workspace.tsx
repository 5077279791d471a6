// The loaded cameo. The revoke and disable dialogs are opened from here, since the grants table and the header
// both start them.
import { useState } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { CameoDetail } from "../api/get-cameo.ts";
import { labelOf, PERMISSION_LABELS } from "../lib/labels.ts";
import { CameoActionHistory } from "./cameo-action-history.tsx";
import { CameoComplaints } from "./cameo-complaints.tsx";
import { CameoGrants } from "./cameo-grants.tsx";
import { CameoPosts } from "./cameo-posts.tsx";
import { CascadeDialog, type CascadeTarget } from "./cascade-dialog.tsx";
import { AccountLink } from "../../../components/account-link.tsx";

export function CameoWorkspace({ cameo }: { cameo: CameoDetail }) {
  const [target, setTarget] = useState<CascadeTarget | null>(null);
  const hasOpenDisable = cameo.actions.some(
    (a) => a.kind === "disable_cameo" && ["pending_approval", "approved", "executing"].includes(a.status),
  );

  return (
    <>
      <PageHeader
        title={`Cameo of @${cameo.owner.handle}`}
        description={
          <>
            <Link href="/cameos">Cameos</Link> · <code>{cameo.id}</code> · registered {formatDateTime(cameo.createdAt)}
          </>
        }
        actions={
          cameo.status === "active" ? (
            <Button variant="danger" disabled={hasOpenDisable} onClick={() => setTarget({ kind: "disable" })}>
              Disable cameo…
            </Button>
          ) : null
        }
      />
      <dl className="takedown-facts" aria-label="Cameo summary">
        <div>
          <dt>Owner</dt>
          <dd>
            <AccountLink id={cameo.owner.id} handle={cameo.owner.handle} />{" "}
            <span className="muted">{cameo.owner.displayName}</span>
            {cameo.owner.status !== "active" ? <span className="tag">{humanize(cameo.owner.status)}</span> : null}
            {cameo.owner.hasEmail ? null : <span className="tag">no email on file</span>}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${cameo.status}`}>{humanize(cameo.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Who may use it</dt>
          <dd>{labelOf(PERMISSION_LABELS, cameo.permission)}</dd>
        </div>
        <div>
          <dt>Owner's restrictions</dt>
          <dd>{cameo.restrictions ?? <span className="muted">None</span>}</dd>
        </div>
        <div>
          <dt>Verification</dt>
          <dd>
            {cameo.verifiedAt ? (
              <>
                Verified {formatDateTime(cameo.verifiedAt)}
                {cameo.verificationMethod ? (
                  <span className="muted"> by {humanize(cameo.verificationMethod).toLowerCase()}</span>
                ) : null}
              </>
            ) : (
              <span className="muted">Not verified</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>
            {cameo._count.appearances} <span className="muted">({cameo.ownPosts} by the owner)</span>
          </dd>
        </div>
      </dl>
      {hasOpenDisable ? (
        <p className="notice notice-warning">
          A disable of this cameo is waiting for approval or running; see the staff actions below.
        </p>
      ) : null}
      <div className="takedown-grid">
        <CameoGrants cameo={cameo} onRevoke={(grant) => setTarget({ kind: "revoke", grant })} />
        <CameoPosts cameo={cameo} />
        <CameoComplaints cameoId={cameo.id} />
        <CameoActionHistory actions={cameo.actions} />
      </div>
      {target ? <CascadeDialog cameo={cameo} target={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}
