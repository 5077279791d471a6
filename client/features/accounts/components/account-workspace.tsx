// The loaded account. The action dialog opens from the header; only staff and admins see its buttons, since the
// server refuses account actions to moderators anyway.
import { useState } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { useCurrentUser } from "../../../lib/auth.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import type { AccountActionName } from "@contracts/accounts.ts";
import { accountActionsAllowed } from "@contracts/rules/account-actions.ts";
import type { AccountProfile } from "../api/get-account.ts";
import { AccountActionDialog } from "./account-action-dialog.tsx";
import { AccountCameos } from "./account-cameos.tsx";
import { AccountDecisions } from "./account-decisions.tsx";
import { AccountFacts, PostsByVisibility } from "./account-facts.tsx";
import { AccountOpenCases } from "./account-open-cases.tsx";
import { AccountPosts } from "./account-posts.tsx";
import { AccountRestriction } from "./account-restriction.tsx";
import { AccountStatusBadge } from "./account-status-badge.tsx";

const ACTION_BUTTONS: Record<AccountActionName, { label: string; variant?: "danger" }> = {
  suspend: { label: "Suspend…", variant: "danger" },
  ban: { label: "Ban…", variant: "danger" },
  reinstate: { label: "Reinstate…" },
};

function AccountActions({
  account,
  onChoose,
}: {
  account: AccountProfile;
  onChoose: (action: AccountActionName) => void;
}) {
  return (
    <>
      {accountActionsAllowed(account, new Date()).map((action) => (
        <Button key={action} variant={ACTION_BUTTONS[action].variant} onClick={() => onChoose(action)}>
          {ACTION_BUTTONS[action].label}
        </Button>
      ))}
    </>
  );
}

export function AccountWorkspace({ account }: { account: AccountProfile }) {
  const { role } = useCurrentUser();
  const [action, setAction] = useState<AccountActionName | null>(null);
  const canAct = roleAtLeast(role, "staff");

  return (
    <>
      <p className="breadcrumb">
        <Link href="/accounts">← Accounts</Link>
      </p>
      <PageHeader
        title={`@${account.handle}`}
        description={
          <span className="account-identity">
            <span>{account.displayName}</span> <AccountStatusBadge status={account.status} />{" "}
            <code className="muted">{account.id}</code>
          </span>
        }
        actions={canAct ? <AccountActions account={account} onChoose={setAction} /> : null}
      />
      <AccountRestriction account={account} />
      <AccountFacts account={account} canOpenWaves={roleAtLeast(role, "admin")} />
      <div className="takedown-grid">
        <section className="panel" aria-labelledby="account-visibility-heading">
          <h2 id="account-visibility-heading">Posts by visibility</h2>
          <PostsByVisibility posts={account.posts} />
        </section>
        <AccountOpenCases account={account} />
        <AccountCameos cameos={account.cameos} canOpenCameos={canAct} />
        <AccountPosts accountId={account.id} />
        <AccountDecisions accountId={account.id} />
      </div>
      {action ? <AccountActionDialog account={account} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
