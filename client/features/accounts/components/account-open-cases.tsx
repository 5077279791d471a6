// Cases still open about the account or its posts, the nearest deadline first.
import { Link } from "wouter";
import { Deadline } from "../../../components/deadline.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import type { AccountProfile } from "../api/get-account.ts";

export function AccountOpenCases({ account }: { account: AccountProfile }) {
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="account-cases-heading">
      <h2 id="account-cases-heading">
        Open cases ({account.openCases.length}
        {account.hasMoreOpenCases ? "+" : ""})
      </h2>
      {account.openCases.length === 0 ? (
        <p className="muted">No open case about this account or its posts.</p>
      ) : (
        <NowContext.Provider value={now}>
          <ul className="plain-list">
            {account.openCases.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${encodeURIComponent(c.id)}`}>
                  {c.subjectType === "post" ? "Post case" : `${humanize(c.subjectType)} case`}
                </Link>{" "}
                · {humanize(c.queue)} · <span className="muted">{humanize(c.status)}</span> ·{" "}
                {c.deadlineAt ? <Deadline at={c.deadlineAt} /> : <span className="muted">no deadline</span>}
                <span className="muted"> · opened {formatDateTime(c.createdAt)}</span>
              </li>
            ))}
          </ul>
          {account.hasMoreOpenCases ? (
            <p className="muted">More open cases exist; only the {account.openCases.length} due soonest are listed.</p>
          ) : null}
        </NowContext.Provider>
      )}
    </section>
  );
}
