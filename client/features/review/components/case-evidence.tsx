// What was generated (prompt, transcript) and what was said about it: classifier scores and every signal.
import { Link, useParams } from "wouter";
import { useCurrentUser } from "../../../lib/auth.ts";
import { formatDateTime, formatScore, humanize } from "../../../lib/format.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import type { CaseDetail, CaseSignal } from "../api/get-case.ts";
import { describeReporterAccuracy } from "../lib/case-facts.ts";
import { CompareFrames, MatchShares } from "./media-match.tsx";

export function CaseContent({ detail }: { detail: CaseDetail }) {
  const post = detail.post;
  if (!post) return null;
  return (
    <section className="panel case-section" aria-labelledby="case-content-heading">
      <h2 id="case-content-heading">Prompt and transcript</h2>
      <h3 className="subheading">Prompt</h3>
      <blockquote className="quote">{post.prompt}</blockquote>
      <h3 className="subheading">Transcript</h3>
      {post.transcript ? (
        <blockquote className="quote">{post.transcript}</blockquote>
      ) : (
        <p className="muted">No speech in the audio.</p>
      )}
    </section>
  );
}

export function ClassifierScores({ signals }: { signals: readonly CaseSignal[] }) {
  const flags = signals.filter((s) => s.kind === "classifier_flag");
  if (flags.length === 0) return null;
  return (
    <section className="panel case-section" aria-labelledby="case-scores-heading">
      <h2 id="case-scores-heading">Classifier scores</h2>
      <ul className="score-list">
        {flags.map((flag) => (
          <li key={flag.id}>
            <span className="score-label">
              {humanize(flag.category ?? "unknown")} <span className="muted">{flag.model ?? "unknown model"}</span>
            </span>
            <span className="meter" aria-hidden="true">
              <span
                className={(flag.score ?? 0) >= 0.8 ? "meter-fill is-high" : "meter-fill"}
                style={{ width: `${Math.round((flag.score ?? 0) * 100)}%` }}
              />
            </span>
            <span className="score-value">{formatScore(flag.score)}</span>
            {flag.hashMatch ? <HashBankMatchLine match={flag.hashMatch} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function HashBankMatchLine({ match }: { match: NonNullable<CaseSignal["hashMatch"]> }) {
  // Rendered on the case page only; the signal itself does not carry its case.
  const { caseId } = useParams<{ caseId?: string }>();
  const canCompare = match.matchKind === "perceptual" && !!match.matchedPostId && !!caseId;
  return (
    <div className="hash-match">
      <HashBankMatchText match={match} />
      {canCompare ? <CompareFrames caseId={caseId!} matchedPostId={match.matchedPostId!} /> : null}
    </div>
  );
}

function HashBankMatchText({ match }: { match: NonNullable<CaseSignal["hashMatch"]> }) {
  const user = useCurrentUser();
  const post = match.matchedPostId ? `removed post ${match.matchedPostId}` : "a removed post";
  const bankPath = match.matchedPostId ? `/hash-bank?post=${encodeURIComponent(match.matchedPostId)}` : "/hash-bank";
  return (
    <p>
      {match.matchKind === "exact"
        ? `Exact copy of ${post}`
        : `Video copy of ${post}${match.distance !== null ? ` (closest frames ${match.distance} of 256 bits apart)` : ""}`}
      {match.policyCode ? (
        <>
          {" "}
          · policy <code>{match.policyCode}</code>
        </>
      ) : null}
      {/* Moderators cannot open the bank; the server would refuse them. */}
      {roleAtLeast(user.role, "staff") ? (
        <>
          {" "}
          · <Link href={bankPath}>See in the hash bank</Link>
        </>
      ) : null}
      {match.matchKind === "perceptual" && (match.queryPct !== null || match.comparisonPct !== null) ? (
        <>
          <br />
          <MatchShares queryPct={match.queryPct} comparisonPct={match.comparisonPct} />
        </>
      ) : null}
    </p>
  );
}

export function SignalList({ signals }: { signals: readonly CaseSignal[] }) {
  const reports = signals.filter((s) => s.kind !== "classifier_flag");
  return (
    <section className="panel case-section" aria-labelledby="case-signals-heading">
      <h2 id="case-signals-heading">Signals ({signals.length})</h2>
      {reports.length === 0 ? (
        <p className="muted">Only classifier flags; no one reported this.</p>
      ) : (
        <ul className="signal-list">
          {reports.map((signal) => (
            <li key={signal.id} className="signal">
              <p className="signal-head">
                <span className="tag">{humanize(signal.kind)}</span>{" "}
                {signal.reporter ? (
                  <>
                    <strong>@{signal.reporter.handle}</strong>{" "}
                    <span className="muted">({describeReporterAccuracy(signal.reporter)})</span>
                  </>
                ) : signal.takedownRequest ? (
                  <strong>
                    {humanize(signal.takedownRequest.type)} request {signal.takedownRequest.reference}
                  </strong>
                ) : (
                  <span className="muted">anonymous</span>
                )}{" "}
                <time className="muted" dateTime={signal.occurredAt}>
                  {formatDateTime(signal.occurredAt)}
                </time>
              </p>
              {signal.reason ? <p className="signal-reason">Reason: {humanize(signal.reason)}</p> : null}
              {signal.text ? <p className="signal-text">{signal.text}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
