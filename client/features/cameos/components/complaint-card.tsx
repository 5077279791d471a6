// One likeness complaint: who complains, about whom, by what authority, what they say, how much evidence they
// sent, and where verification stands; with the tools to see the evidence, verify and link it.
import { useState } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { formatDateTime, humanize, pluralize } from "../../../lib/format.ts";
import type { LikenessComplaint } from "../api/list-complaints.ts";
import { AUTHORITY_LABELS, labelOf, VERIFICATION_LABELS } from "../lib/labels.ts";
import { ComplaintEvidence } from "./complaint-evidence.tsx";
import { LinkComplaintForm } from "./link-complaint-form.tsx";
import { VerifyComplaintForm } from "./verify-complaint-form.tsx";

export function ComplaintCard({
  complaint,
  showCameoLink = false,
}: {
  complaint: LikenessComplaint;
  showCameoLink?: boolean;
}) {
  const [isVerifying, setIsVerifying] = useState(false);
  const [isLinking, setIsLinking] = useState(false);
  const name = complaint.complainantName ?? "Unnamed complainant";
  const cameoId = complaint.linkedCameoId ?? complaint.claimedCameoId;

  return (
    <article className="complaint" aria-label={`Complaint from ${name}`}>
      <div className="section-heading">
        <h3>Complaint from {name}</h3>
        <span className={`status status-${complaint.verification}`}>
          {labelOf(VERIFICATION_LABELS, complaint.verification)}
        </span>
      </div>
      <dl className="facts facts-inline">
        <div>
          <dt>Depicted person</dt>
          <dd>{complaint.depictedPerson ?? <span className="muted">Not given</span>}</dd>
        </div>
        <div>
          <dt>Authority</dt>
          <dd>
            {complaint.authority ? (
              labelOf(AUTHORITY_LABELS, complaint.authority)
            ) : (
              <span className="muted">Not given</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{formatDateTime(complaint.occurredAt)}</dd>
        </div>
        <div>
          <dt>Evidence</dt>
          <dd>{pluralize(complaint.evidenceCount, "item")}</dd>
        </div>
        <div>
          <dt>Case</dt>
          <dd>
            <Link href={`/cases/${complaint.caseId}`}>{humanize(complaint.caseStatus)}</Link>
          </dd>
        </div>
        <div>
          <dt>About</dt>
          <dd>
            {cameoId ? (
              showCameoLink ? (
                <Link href={`/cameos/${encodeURIComponent(cameoId)}`}>Cameo {cameoId}</Link>
              ) : (
                <>Cameo {cameoId}</>
              )
            ) : complaint.linkedProtectedLikeness ? null : (
              <span className="muted">Not linked</span>
            )}
            {complaint.linkedProtectedLikeness ? (
              <> Protected likeness: {complaint.linkedProtectedLikeness.name}</>
            ) : null}
            {complaint.postIds.length ? (
              <span className="muted"> · {pluralize(complaint.postIds.length, "post")} named</span>
            ) : null}
          </dd>
        </div>
      </dl>
      {complaint.text ? <p className="quote">{complaint.text}</p> : null}
      {complaint.verification !== "pending" ? (
        <p className="muted">
          {labelOf(VERIFICATION_LABELS, complaint.verification)} by {complaint.reviewedBy ?? "staff"}
          {complaint.reviewedAt ? `, ${formatDateTime(complaint.reviewedAt)}` : ""}: {complaint.verificationNote}
        </p>
      ) : null}
      <ComplaintEvidence signalId={complaint.signalId} />
      <div className="row-actions">
        <Button size="sm" aria-expanded={isVerifying} onClick={() => setIsVerifying((open) => !open)}>
          {complaint.verification === "pending" ? "Verify…" : "Change verification…"}
        </Button>
        <Button size="sm" aria-expanded={isLinking} onClick={() => setIsLinking((open) => !open)}>
          Link…
        </Button>
      </div>
      {isVerifying ? <VerifyComplaintForm signalId={complaint.signalId} onDone={() => setIsVerifying(false)} /> : null}
      {isLinking ? (
        <LinkComplaintForm signalId={complaint.signalId} cameoId={cameoId} onDone={() => setIsLinking(false)} />
      ) : null}
    </article>
  );
}
