// Who the account is and where it came from: standing, reporter accuracy, the invite it joined with, and what
// it posted by visibility.
import { Link } from "wouter";
import { formatCount, formatDateTime } from "../../../lib/format.ts";
import type { AccountProfile } from "../api/get-account.ts";
import { labelOf, VISIBILITIES, VISIBILITY_LABELS } from "../lib/labels.ts";

function ReporterAccuracy({ filed, actioned }: { filed: number; actioned: number }) {
  if (filed === 0) return <span className="muted">No reports filed</span>;
  return (
    <>
      {formatCount(actioned)} of {formatCount(filed)} reports actioned{" "}
      <span className="muted">({Math.round((actioned / filed) * 100)}%)</span>
    </>
  );
}

function InvitedBy({ invite, canOpenWaves }: { invite: AccountProfile["invitedByCode"]; canOpenWaves: boolean }) {
  if (!invite) return <span className="muted">No invite code on record</span>;
  return (
    <>
      <code>{invite.code}</code>
      {invite.wave ? (
        <>
          {" "}
          in{" "}
          {canOpenWaves ? (
            <Link href={`/invites/${encodeURIComponent(invite.wave.id)}`}>{invite.wave.name}</Link>
          ) : (
            invite.wave.name
          )}
        </>
      ) : null}
      {invite.issuerAccount ? (
        <>
          {" "}
          from{" "}
          <Link href={`/accounts/${encodeURIComponent(invite.issuerAccount.id)}`}>@{invite.issuerAccount.handle}</Link>
        </>
      ) : null}
    </>
  );
}

export function AccountFacts({ account, canOpenWaves }: { account: AccountProfile; canOpenWaves: boolean }) {
  return (
    <dl className="takedown-facts" aria-label="Account facts">
      <div>
        <dt>Country</dt>
        <dd>{account.country ?? <span className="muted">Unknown</span>}</dd>
      </div>
      <div>
        <dt>Joined</dt>
        <dd>{formatDateTime(account.createdAt)}</dd>
      </div>
      <div>
        <dt>Strikes</dt>
        <dd className={account.strikeCount > 0 ? "flag" : undefined}>{account.strikeCount}</dd>
      </div>
      <div>
        <dt>Reporter accuracy</dt>
        <dd>
          <ReporterAccuracy filed={account.reportsFiled} actioned={account.reportsActioned} />
        </dd>
      </div>
      <div>
        <dt>Invited by</dt>
        <dd>
          <InvitedBy invite={account.invitedByCode} canOpenWaves={canOpenWaves} />
        </dd>
      </div>
      <div>
        <dt>Invitees</dt>
        <dd>{formatCount(account.invitees)}</dd>
      </div>
      <div>
        <dt>Active cameo grants</dt>
        <dd>{formatCount(account.activeGrants)}</dd>
      </div>
    </dl>
  );
}

export function PostsByVisibility({ posts }: { posts: AccountProfile["posts"] }) {
  return (
    <dl className="takedown-facts account-visibility">
      {VISIBILITIES.map((v) => (
        <div key={v}>
          <dt>{labelOf(VISIBILITY_LABELS, v)}</dt>
          <dd className={v === "taken_down" && (posts[v] ?? 0) > 0 ? "flag" : undefined}>
            {formatCount(posts[v] ?? 0)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
