// The suspension or ban in force: until when, under which policy, why, and who decided it.
import { formatDateTime, toDate } from "../../../lib/format.ts";
import { useNow } from "../../../lib/use-now.ts";
import type { AccountProfile } from "../api/get-account.ts";

export function AccountRestriction({ account }: { account: AccountProfile }) {
  const now = useNow();
  if (account.status !== "suspended" && account.status !== "banned") return null;
  const restriction = account.restriction;
  const until = restriction?.suspendedUntil ?? account.suspendedUntil;
  // The platform reports the account active again on its own schedule; until then the status still says suspended.
  const hasEnded = account.status === "suspended" && until !== null && toDate(until) <= now;

  return (
    <section className="notice notice-warning account-restriction" aria-label="Restriction in force">
      <p>
        <strong>
          {account.status === "banned"
            ? "Banned"
            : until
              ? `${hasEnded ? "Suspension ended" : "Suspended until"} ${formatDateTime(until)}`
              : "Suspended with no end date"}
        </strong>
        {restriction?.policy ? <> under {restriction.policy.name}</> : null}
        {hasEnded ? <span> — the platform has not reported the account active again yet</span> : null}
      </p>
      {restriction ? (
        <>
          <p className="quote">{restriction.reason}</p>
          <p className="muted">
            Decided by {restriction.actor?.displayName ?? "the system"} on {formatDateTime(restriction.createdAt)}
          </p>
        </>
      ) : (
        <p className="muted">No suspension or ban decision is on record in Vigil; the platform set this status.</p>
      )}
    </section>
  );
}
