// How much of a removed video turns up in the case's post, where in both videos, and — on request — the matching
// frames side by side. The frames are evidence of removed content: masked until the reviewer reveals them here.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { Disclosure } from "../../../components/disclosure.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { useMediaMatch, type MediaMatch, type MediaMatchStrip } from "../api/get-media-match.ts";
import { formatClock, maskClass, nearestTile, stripTileStyle, type MediaMask } from "./case-player.tsx";

/** "92.8 %", "100 %": at most one decimal, as the matcher rounds. */
export function formatPct(pct: number): string {
  return `${Number(pct.toFixed(1))} %`;
}

function rangesText(ranges: MediaMatch["ranges"]): string {
  return ranges.map((r) => `${formatClock(r.startMs)}–${formatClock(r.endMs)}`).join(", ");
}

/** The two vPDQ percentages of a perceptual match, in words. */
export function MatchShares({ queryPct, comparisonPct }: { queryPct: number | null; comparisonPct: number | null }) {
  const parts: string[] = [];
  if (comparisonPct !== null) parts.push(`${formatPct(comparisonPct)} of the removed video found in this post`);
  if (queryPct !== null) parts.push(`${formatPct(queryPct)} of this post's frames match`);
  if (parts.length === 0) return null;
  return <span className="match-shares">{parts.join(" · ")}</span>;
}

/** A lazily loaded comparison: nothing is fetched until the disclosure opens. */
export function CompareFrames({ caseId, matchedPostId }: { caseId: string; matchedPostId: string }) {
  return (
    <Disclosure className="compare-frames" label="Compare frames">
      {() => <MediaMatchDetail caseId={caseId} matchedPostId={matchedPostId} />}
    </Disclosure>
  );
}

function MediaMatchDetail({ caseId, matchedPostId }: { caseId: string; matchedPostId: string }) {
  const match = useMediaMatch(caseId, matchedPostId, true);
  const [isRevealed, setIsRevealed] = useState(false);
  if (match.isPending) return <LoadingState label="Loading matching frames…" />;
  if (match.isError)
    return (
      <ErrorState error={match.error} title="Could not load the matching frames" onRetry={() => void match.refetch()} />
    );
  const data = match.data;
  const mask: MediaMask = { isBlurred: !isRevealed, isGrayscale: !isRevealed };
  return (
    <div className="media-match">
      {data.ranges.length > 0 ? (
        <p className="match-ranges">
          {rangesText(data.ranges)} here ↔ {rangesText(data.matchedRanges)} in the removed post
        </p>
      ) : null}
      {data.pairs.length === 0 ? (
        <EmptyState title="No frame pairs">
          <p>No frame of this post is close enough to a banked frame of the removed post.</p>
        </EmptyState>
      ) : (
        <>
          <div className="section-heading">
            <span className="muted">Frames of both videos, closest banked frame for each</span>
            <Button size="sm" aria-pressed={isRevealed} onClick={() => setIsRevealed((r) => !r)}>
              Reveal frames
            </Button>
          </div>
          <ol className="frame-pairs" aria-label="Frame pairs">
            {data.pairs.map((pair) => (
              <li key={pair.atMs} className="frame-pair">
                <PairTile strip={data.post} atMs={pair.atMs} mask={mask} label="this post" />
                <span className="frame-pair-distance">
                  {pair.distance} {pair.distance === 1 ? "bit differs" : "bits differ"}
                </span>
                <PairTile strip={data.matched} atMs={pair.matchedAtMs} mask={mask} label="the removed post" />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function PairTile({
  strip,
  atMs,
  mask,
  label,
}: {
  strip: MediaMatchStrip | null;
  atMs: number;
  mask: MediaMask;
  label: string;
}) {
  const time = formatClock(atMs);
  return (
    <figure className="frame-pair-side">
      {strip && strip.strip.tiles > 0 ? (
        <span
          role="img"
          aria-label={`Frame of ${label} at ${time}`}
          className={maskClass(mask, "strip-tile")}
          style={stripTileStyle(strip.stripUrl, strip.strip, nearestTile(strip.strip, atMs))}
        />
      ) : (
        <span className="strip-tile strip-tile-missing">no picture</span>
      )}
      <figcaption>
        {time} <span className="muted">{label}</span>
      </figcaption>
    </figure>
  );
}
