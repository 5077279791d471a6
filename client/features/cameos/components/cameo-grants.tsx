// Who the owner let use the cameo, and how many posts each made with it. Revoking starts from a grant's row.
import { Button } from "../../../components/button.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import type { CameoDetail, CameoGrant } from "../api/get-cameo.ts";
import { AccountLink } from "../../../components/account-link.tsx";

const OPEN = new Set(["pending_approval", "approved", "executing"]);

export function CameoGrants({ cameo, onRevoke }: { cameo: CameoDetail; onRevoke: (grant: CameoGrant) => void }) {
  const openRevocations = new Set(cameo.actions.filter((a) => a.kind === "revoke_grant" && OPEN.has(a.status)).map((a) => a.grantId));
  return (
    <section className="panel cameo-wide" aria-labelledby="grants-heading">
      <h2 id="grants-heading">Grants</h2>
      {cameo.grants.length === 0 ? (
        <EmptyState title="Nobody has been granted this cameo">Only the owner can use it.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="grants-heading">
            <thead>
              <tr>
                <th scope="col">Grantee</th>
                <th scope="col" style={{ width: 90 }}>
                  Status
                </th>
                <th scope="col" style={{ width: 160 }}>
                  Granted
                </th>
                <th scope="col" style={{ width: 160 }}>
                  Revoked
                </th>
                <th scope="col" className="align-end" style={{ width: 70 }}>
                  Posts
                </th>
                <th scope="col" className="align-end" style={{ width: 100 }}>
                  Public posts
                </th>
                <th scope="col" style={{ width: 100 }}>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cameo.grants.map((grant) => (
                <tr key={grant.id}>
                  <td>
                    <AccountLink id={grant.grantee.id} handle={grant.grantee.handle} /> <span className="muted">{grant.grantee.displayName}</span>
                  </td>
                  <td>
                    <span className={`status status-${grant.status}`}>{humanize(grant.status)}</span>
                  </td>
                  <td>{formatDateTime(grant.createdAt)}</td>
                  <td>{grant.revokedAt ? formatDateTime(grant.revokedAt) : <span className="muted">—</span>}</td>
                  <td className="align-end">{formatCount(grant.posts)}</td>
                  <td className="align-end">{formatCount(grant.publicPosts)}</td>
                  <td>
                    {grant.status === "active" ? (
                      openRevocations.has(grant.id) ? (
                        <span className="muted">Revocation open</span>
                      ) : (
                        <Button size="sm" variant="danger" aria-label={`Revoke @${grant.grantee.handle}'s grant…`} onClick={() => onRevoke(grant)}>
                          Revoke…
                        </Button>
                      )
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
