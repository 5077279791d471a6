import type { ReactNode } from "react";
import { formatCount, formatDateTime, humanize } from "../../../lib/format.ts";
import type { InviteWave } from "../api/get-invite-wave.ts";

export function WaveSummary({ wave }: { wave: InviteWave }) {
  const { totals } = wave;
  const facts: [string, ReactNode][] = [
    ["Status", <span className={`status status-${wave.status}`}>{humanize(wave.status)}</span>],
    ["Target", formatCount(wave.targetSize)],
    [
      "Issued",
      `${formatCount(totals.codes)} codes (${formatCount(totals.activeCodes)} active, ${formatCount(totals.revokedCodes)} revoked)`,
    ],
    ["Redeemed", `${formatCount(totals.redeemed)} (${formatCount(totals.usedCodes)} codes used)`],
    ["Uses per code", formatCount(wave.usesPerCode)],
    ["Expires", wave.expiresAt ? formatDateTime(wave.expiresAt) : "Never"],
    ["Regions", wave.regions.length ? wave.regions.join(", ") : "Every region"],
    ["Platforms", wave.platforms.length ? wave.platforms.join(", ") : "Every platform"],
    ["Codes per new member", formatCount(wave.allotment)],
    ["Created", `${formatDateTime(wave.createdAt)} by ${wave.createdBy.displayName}`],
  ];
  return (
    <dl className="facts facts-inline wave-facts" aria-label="Wave details">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
