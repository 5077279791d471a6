// One invite wave: its settings and totals, state changes, issuing and exporting codes, the redemption curve,
// the codes table, revocation, the invite tree and abuse signals.
import { Link, useParams } from "wouter";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useInviteWave, type InviteWave } from "../api/get-invite-wave.ts";
import { AbuseSignalsPanel } from "./abuse-signals-panel.tsx";
import { BatchesList } from "./batches-list.tsx";
import { CodesPanel } from "./codes-panel.tsx";
import { ExportCodesLink } from "./export-codes-link.tsx";
import { InviteTreePanel } from "./invite-tree-panel.tsx";
import { IssueBatchForm } from "./issue-batch-form.tsx";
import { RedemptionPanel } from "./redemption-panel.tsx";
import { RevokePanel } from "./revoke-panel.tsx";
import { WaveStatusActions } from "./wave-status-actions.tsx";
import { WaveSummary } from "./wave-summary.tsx";

export function WavePage() {
  const { waveId = "" } = useParams<{ waveId: string }>();
  const wave = useInviteWave(waveId);

  if (wave.isPending) return <LoadingState label="Loading the wave…" />;
  if (wave.isError) {
    return (
      <>
        <p>
          <Link href="/invites">← All waves</Link>
        </p>
        <ErrorState error={wave.error} title="Could not load this invite wave" onRetry={() => void wave.refetch()} />
      </>
    );
  }
  // Keyed by wave, so forms holding the wave id start afresh when another wave opens.
  return <WaveView key={wave.data.id} wave={wave.data} />;
}

function WaveView({ wave }: { wave: InviteWave }) {
  const [, update] = useUrlState();
  const showAccount = (accountId: string) => {
    update({ account: accountId });
    document.getElementById("tree-heading")?.scrollIntoView?.({ block: "start" });
  };

  return (
    <>
      <p className="breadcrumb">
        <Link href="/invites">← All waves</Link>
      </p>
      <PageHeader
        title={`Wave: ${wave.name}`}
        description={wave.purpose ?? undefined}
        actions={<ExportCodesLink waveId={wave.id} label="Export CSV" />}
      />
      <section className="panel" aria-labelledby="wave-heading">
        <div className="section-heading">
          <h2 id="wave-heading">Details</h2>
          <WaveStatusActions wave={wave} />
        </div>
        <WaveSummary wave={wave} />
      </section>
      <RedemptionPanel wave={wave} />
      <div className="invite-columns">
        <IssueBatchForm waveId={wave.id} isClosed={wave.status === "closed"} />
        <BatchesList waveId={wave.id} batches={wave.batches} />
      </div>
      <CodesPanel wave={wave} />
      <div className="invite-columns">
        <InviteTreePanel waveId={wave.id} />
        <AbuseSignalsPanel waveId={wave.id} onShowAccount={showAccount} />
      </div>
      <RevokePanel wave={wave} />
    </>
  );
}
