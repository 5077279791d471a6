// The record: the creator's standing, what was decided before on this subject, appeals and legal requests.
import { useState } from "react";
import { CASE_ACTION_LABELS, type CaseAction } from "@contracts/decisions.ts";
import { AccountLink } from "../../../components/account-link.tsx";
import { Button } from "../../../components/button.tsx";
import { Deadline } from "../../../components/deadline.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { CaseDecision, CaseDetail } from "../api/get-case.ts";

function actionLabel(type: string): string {
  return CASE_ACTION_LABELS[type as CaseAction] ?? humanize(type);
}

function DecisionItem({ decision }: { decision: CaseDecision }) {
  return (
    <li>
      <strong>{actionLabel(decision.type)}</strong>
      {decision.policy ? ` under ${decision.policy.name}` : ""} by {decision.actor?.displayName ?? "the system"}{" "}
      <time className="muted" dateTime={decision.createdAt}>
        {formatDateTime(decision.createdAt)}
      </time>
      {decision.batchId ? <span className="tag">bulk</span> : null}
      {decision.reason ? <p className="muted">“{decision.reason}”</p> : null}
    </li>
  );
}

export function CreatorCard({ detail }: { detail: CaseDetail }) {
  const creator = detail.creator;
  if (!creator) return null;
  return (
    <section className="panel case-section" aria-labelledby="case-creator-heading">
      <h2 id="case-creator-heading">Creator</h2>
      <p>
        <strong>
          <AccountLink id={creator.id} handle={creator.handle} />
        </strong>{" "}
        {creator.displayName !== creator.handle ? <span className="muted">{creator.displayName}</span> : null}{" "}
        <span className={`status status-${creator.status}`}>{humanize(creator.status)}</span>
      </p>
      <dl className="facts facts-inline">
        <div>
          <dt>Strikes</dt>
          <dd className={creator.strikeCount > 0 ? "flag" : undefined}>{creator.strikeCount}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>{formatDateTime(creator.createdAt)}</dd>
        </div>
        {creator.country ? (
          <div>
            <dt>Country</dt>
            <dd>{creator.country}</dd>
          </div>
        ) : null}
        {creator.suspendedUntil ? (
          <div>
            <dt>Suspended until</dt>
            <dd>{formatDateTime(creator.suspendedUntil)}</dd>
          </div>
        ) : null}
      </dl>
      <h3 className="subheading">Prior decisions on this creator ({detail.creatorDecisions.length})</h3>
      {detail.creatorDecisions.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <PriorDecisions decisions={detail.creatorDecisions} />
      )}
    </section>
  );
}

const RECENT_DECISIONS = 4;

/** The most recent few, the rest one click away: a long record should not push the evidence off screen. */
function PriorDecisions({ decisions }: { decisions: readonly CaseDecision[] }) {
  const [isExpanded, setIsExpanded] = useState(false);
  const shown = isExpanded ? decisions : decisions.slice(0, RECENT_DECISIONS);
  return (
    <>
      <ul className="plain-list small">
        {shown.map((d) => (
          <DecisionItem key={d.id} decision={d} />
        ))}
      </ul>
      {decisions.length > RECENT_DECISIONS ? (
        <Button size="sm" variant="ghost" aria-expanded={isExpanded} onClick={() => setIsExpanded((e) => !e)}>
          {isExpanded ? "Show fewer" : `Show all ${decisions.length}`}
        </Button>
      ) : null}
    </>
  );
}

export function DecisionHistory({ detail }: { detail: CaseDetail }) {
  return (
    <section className="panel case-section" aria-labelledby="case-history-heading">
      <h2 id="case-history-heading">History of this subject</h2>
      {detail.decisions.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <ul className="plain-list" aria-label="Decisions">
          {detail.decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} />
          ))}
        </ul>
      )}
      {detail.appeals.length > 0 ? (
        <>
          <h3 className="subheading">Appeals</h3>
          <ul className="plain-list">
            {detail.appeals.map((a) => (
              <li key={a.id}>
                @{a.appellant?.handle ?? "unknown"} appealed <strong>{actionLabel(a.decision.type)}</strong> (
                {humanize(a.status)}): <span className="muted">“{a.text}”</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {detail.takedowns.length > 0 ? (
        <>
          <h3 className="subheading">Legal requests</h3>
          <ul className="plain-list">
            {detail.takedowns.map((t) => (
              <li key={t.id}>
                {t.reference} · {humanize(t.type)} · {humanize(t.status)}
                {t.dueAt ? (
                  <>
                    {" "}
                    · due <Deadline at={t.dueAt} />
                  </>
                ) : null}
                {t.missingElements.length > 0 ? (
                  <span className="flag"> · missing {t.missingElements.join(", ")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
