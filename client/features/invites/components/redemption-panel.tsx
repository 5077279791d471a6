import { useState } from "react";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount } from "../../../lib/format.ts";
import { useRedemptionSeries, type SeriesBucket } from "../api/redemption-series.ts";
import type { InviteWave } from "../api/get-invite-wave.ts";
import { RedemptionSeriesChart } from "./redemption-series-chart.tsx";

const HOURLY_UP_TO_DAYS = 7;

/** Hourly while a wave is young enough for hours to mean something, daily after. */
function defaultBucket(createdAt: string): SeriesBucket {
  return Date.now() - new Date(createdAt).getTime() < HOURLY_UP_TO_DAYS * 86_400_000 ? "hour" : "day";
}

export function RedemptionPanel({ wave }: { wave: InviteWave }) {
  const [bucket, setBucket] = useState<SeriesBucket>(() => defaultBucket(wave.createdAt));
  const series = useRedemptionSeries(wave.id, bucket);

  return (
    <section className="panel" aria-labelledby="series-heading">
      <div className="section-heading">
        <h2 id="series-heading">Redemptions over time</h2>
        <label className="inline-label">
          <span>Per</span>
          <select className="input input-sm" value={bucket} onChange={(e) => setBucket(e.target.value as SeriesBucket)}>
            <option value="hour">hour</option>
            <option value="day">day</option>
          </select>
        </label>
      </div>
      {series.data?.total === 0 ? (
        <EmptyState title="No redemptions yet">
          {wave.status === "active"
            ? "The chart fills in as the platform redeems this wave's codes."
            : "Codes can be redeemed once the wave is active."}
        </EmptyState>
      ) : series.data ? (
        <>
          <p className="muted">
            {formatCount(series.data.total)} redeemed of a target of {formatCount(series.data.targetSize)}.
          </p>
          <RedemptionSeriesChart series={series.data} waveName={wave.name} />
        </>
      ) : series.isError ? (
        <ErrorState error={series.error} title="Could not load redemptions" onRetry={() => void series.refetch()} />
      ) : (
        <LoadingState label="Loading redemptions…" />
      )}
    </section>
  );
}
