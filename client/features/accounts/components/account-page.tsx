// /accounts/:accountId — one account: standing, origin, posts, open cases, cameos and the decisions about it.
import { Link, useParams } from "wouter";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { errorCodeOf } from "../../../lib/api-errors.ts";
import { useAccount } from "../api/get-account.ts";
import { AccountWorkspace } from "./account-workspace.tsx";

export function AccountPage() {
  const { accountId = "" } = useParams<{ accountId: string }>();
  // Another account is another piece of work: its own dialog, idempotency key and loaded pages.
  return <AccountView key={accountId} accountId={accountId} />;
}

function AccountView({ accountId }: { accountId: string }) {
  const account = useAccount(accountId);
  if (account.data) return <AccountWorkspace account={account.data} />;
  if (account.error && errorCodeOf(account.error) === "NOT_FOUND") {
    return (
      <section className="state state-empty" aria-labelledby="account-missing-title">
        <h1 id="account-missing-title">Account not found</h1>
        <p role="alert">There is no account with the id “{accountId}”.</p>
        <p>
          <Link href="/accounts">Search the accounts</Link>
        </p>
      </section>
    );
  }
  if (account.error) {
    return (
      <>
        <p className="breadcrumb">
          <Link href="/accounts">← Accounts</Link>
        </p>
        <ErrorState error={account.error} title="Could not load the account" onRetry={() => void account.refetch()} />
      </>
    );
  }
  return <LoadingState label="Loading the account…" />;
}
