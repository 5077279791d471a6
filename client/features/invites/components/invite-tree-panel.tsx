// Who invited whom around one account: its inviters up to the root, the people it brought in (with their own
// fan-out), and counts; plus the wave's top inviters as starting points.
import { useEffect, useState } from "react";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import { useUrlState } from "../../../lib/url-state.ts";
import { useInviteTree, useTopInviters, type InviteTree } from "../api/invite-tree.ts";
import { InviterRevokeDialog } from "./revoke-panel.tsx";
import { AccountLink } from "../../../components/account-link.tsx";

function AccountName({ handle, id, status }: { handle: string | null; id: string; status: string | null }) {
  return (
    <span>
      <AccountLink id={id} handle={handle} />
      {handle ? <span className="muted"> {id}</span> : null}
      {status && status !== "active" ? <span className={`status status-closed tag`}>{humanize(status)}</span> : null}
    </span>
  );
}

export function InviteTreePanel({ waveId }: { waveId: string }) {
  const [params, update] = useUrlState();
  const accountId = params.get("account") ?? "";
  const [typed, setTyped] = useState(accountId);
  // Another panel (abuse signals) may open an account here through the URL.
  useEffect(() => setTyped(accountId), [accountId]);
  const show = (id: string) => {
    setTyped(id);
    update({ account: id || null });
  };

  return (
    <section className="panel" aria-labelledby="tree-heading">
      <h2 id="tree-heading">Invite tree</h2>
      <form
        className="inline-form"
        role="search"
        aria-label="Find an account in the invite tree"
        onSubmit={(event) => {
          event.preventDefault();
          show(typed.trim());
        }}
      >
        <TextField
          label="Account"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          hint="The platform's account id, or the @handle."
        />
        <div className="form-actions">
          <Button type="submit">Show tree</Button>
        </div>
      </form>
      {accountId ? <TreeView accountId={accountId} onShow={show} /> : <TopInviters waveId={waveId} onShow={show} />}
    </section>
  );
}

function TreeView({ accountId, onShow }: { accountId: string; onShow: (id: string) => void }) {
  const tree = useInviteTree(accountId);
  if (tree.isPending) return <LoadingState label="Loading the invite tree…" />;
  if (tree.isError)
    return (
      <ErrorState
        error={tree.error}
        title={`Could not load the invite tree of ${accountId}`}
        onRetry={() => void tree.refetch()}
      />
    );
  return <TreeDetails tree={tree.data} onShow={onShow} />;
}

function TreeDetails({ tree, onShow }: { tree: InviteTree; onShow: (id: string) => void }) {
  const [isRevoking, setRevoking] = useState(false);
  const live = tree.codes.issued - tree.codes.revoked;
  return (
    <div className="stack" aria-label={`Invite tree of ${tree.account.id}`} role="group">
      <p>
        <AccountName handle={tree.account.handle} id={tree.account.id} status={tree.account.status} />{" "}
        <Button size="sm" variant="ghost" onClick={() => onShow("")}>
          Back to top inviters
        </Button>
      </p>
      <dl className="facts" aria-label="Tree counts">
        <div>
          <dt>Depth</dt>
          <dd>{tree.depth === 0 ? "0 (joined with an admin-issued code)" : tree.depth}</dd>
        </div>
        <div>
          <dt>Joined with</dt>
          <dd>
            {tree.joinedWith
              ? `${tree.joinedWith.code} (${tree.joinedWith.wave.name}) on ${formatDateTime(tree.joinedWith.redeemedAt)}`
              : "No recorded code"}
          </dd>
        </div>
        <div>
          <dt>Invited directly</dt>
          <dd>{formatCount(tree.counts.directInvitees)}</dd>
        </div>
        <div>
          <dt>All descendants</dt>
          <dd>
            {formatCount(tree.counts.allDescendants)} over {tree.counts.generationsBelow} generations
          </dd>
        </div>
        <div>
          <dt>Suspended invitees</dt>
          <dd className={tree.counts.suspendedInvitees > 0 ? "flag" : undefined}>
            {formatCount(tree.counts.suspendedInvitees)}
          </dd>
        </div>
        <div>
          <dt>Codes to share</dt>
          <dd>
            {formatCount(tree.codes.issued)} issued, {formatCount(tree.codes.used)} used,{" "}
            {formatCount(tree.codes.revoked)} revoked
          </dd>
        </div>
      </dl>
      {live > 0 ? (
        <Button size="sm" variant="danger" onClick={() => setRevoking(true)}>
          Revoke codes shared by this account…
        </Button>
      ) : null}
      <h3 className="subheading">Invited by</h3>
      {tree.inviters.length === 0 ? (
        <p className="muted">Nobody: an admin-issued code, or joined before the console kept records.</p>
      ) : (
        <ol className="plain-list small" aria-label="Inviter chain">
          {tree.inviters.map((i) => (
            <li key={i.accountId}>
              <span className="muted">{i.depth === 1 ? "Direct inviter" : `${i.depth} levels up`}: </span>
              <button type="button" className="link-button" onClick={() => onShow(i.accountId)}>
                <AccountName handle={i.handle} id={i.accountId} status={i.status} />
              </button>
            </li>
          ))}
        </ol>
      )}
      <h3 className="subheading">Invited</h3>
      {tree.invitees.length === 0 ? (
        <p className="muted">Nobody yet.</p>
      ) : (
        <ul className="plain-list small" aria-label="Invitees">
          {tree.invitees.map((i) => (
            <li key={i.accountId}>
              <button type="button" className="link-button" onClick={() => onShow(i.accountId)}>
                <AccountName handle={i.handle} id={i.accountId} status={i.status} />
              </button>{" "}
              <span className="muted">
                with {i.code} on {formatDateTime(i.redeemedAt)}
                {i.region ? ` from ${i.region}` : ""}; invited {formatCount(i.invitees)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {isRevoking ? (
        <InviterRevokeDialog accountId={tree.account.id} knownCount={live} onClose={() => setRevoking(false)} />
      ) : null}
    </div>
  );
}

function TopInviters({ waveId, onShow }: { waveId: string; onShow: (id: string) => void }) {
  const top = useTopInviters(waveId);
  if (top.isPending) return <LoadingState label="Loading top inviters…" />;
  if (top.isError)
    return <ErrorState error={top.error} title="Could not load top inviters" onRetry={() => void top.refetch()} />;
  if (top.data.length === 0) return <EmptyState title="No member of this wave has invited anyone yet" />;
  return (
    <>
      <h3 className="subheading">Top inviters in this wave</h3>
      <ol className="plain-list small" aria-label="Top inviters">
        {top.data.map((t) => (
          <li key={t.accountId}>
            <button type="button" className="link-button" onClick={() => onShow(t.accountId)}>
              <AccountName handle={t.handle} id={t.accountId} status={t.status} />
            </button>{" "}
            <span className="muted">
              invited {formatCount(t.invitees)} with {formatCount(t.codes)} codes
              {t.suspendedInvitees > 0 ? `; ${formatCount(t.suspendedInvitees)} suspended` : ""}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
