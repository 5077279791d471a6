// What the file's Content Credentials (C2PA) say, beside what the platform told us, with any disagreement flagged:
// a platform claiming credentials the file does not carry is itself evidence.
import type { ReactNode } from "react";
import { formatSignedDate, type PlatformProvenanceFlags, type ProvenanceView } from "@contracts/provenance-words.ts";
import { humanize } from "../../../lib/format.ts";

interface ProvenancePanelProps {
  /** null while Vigil has no processed file to read */
  provenance: ProvenanceView | null;
  summary: string | null;
  disagreement: string | null;
  platform: PlatformProvenanceFlags;
}

/** "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia" → "Trained algorithmic media". */
function sourceTypeWords(value: string): string {
  const last = value.split("/").pop() || value;
  return humanize(last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase());
}

export function ProvenancePanel({ provenance, summary, disagreement, platform }: ProvenancePanelProps) {
  const details: { term: string; value: ReactNode }[] = [];
  if (provenance) {
    if (provenance.generator) details.push({ term: "Generator", value: provenance.generator });
    if (provenance.signer) details.push({ term: "Signer", value: provenance.signer });
    if (provenance.signedAt) {
      details.push({
        term: "Signed",
        value: (
          <time dateTime={provenance.signedAt}>{formatSignedDate(provenance.signedAt) ?? provenance.signedAt}</time>
        ),
      });
    }
    if (provenance.digitalSourceType) {
      details.push({
        term: "Digital source type",
        value: <span title={provenance.digitalSourceType}>{sourceTypeWords(provenance.digitalSourceType)}</span>,
      });
    }
    if (provenance.aiGenerated !== undefined)
      details.push({ term: "AI-generated", value: provenance.aiGenerated ? "yes" : "no" });
    if (provenance.actions?.length) details.push({ term: "Actions", value: provenance.actions.join(", ") });
    if (provenance.ingredients?.length) {
      details.push({
        term: "Ingredients",
        value: provenance.ingredients
          .map((i) => (i.relationship ? `${i.title} (${humanize(i.relationship)})` : i.title))
          .join(", "),
      });
    }
  }

  return (
    <section className="provenance" aria-labelledby="case-provenance-heading">
      <h3 id="case-provenance-heading" className="subheading">
        Provenance
      </h3>
      <p className={`provenance-summary provenance-${provenance?.state ?? "unknown"}`}>
        {summary ?? "Not checked: Vigil has no file of this post to read"}
      </p>
      {provenance?.failures?.length ? (
        <ul className="provenance-failures" aria-label="Why the credentials fail">
          {provenance.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
      {disagreement ? (
        <p className="flag provenance-disagreement">
          <span aria-hidden="true">⚑ </span>
          {disagreement}
        </p>
      ) : null}
      <dl className="facts">
        {details.map((d) => (
          <div key={d.term}>
            <dt>{d.term}</dt>
            <dd>{d.value}</dd>
          </div>
        ))}
        <div>
          <dt>Platform says</dt>
          <dd>
            C2PA {platform.hasC2pa ? "present" : "absent"} · watermark {platform.hasWatermark ? "present" : "absent"}
          </dd>
        </div>
      </dl>
    </section>
  );
}
