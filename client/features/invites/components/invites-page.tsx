import { useState } from "react";
import { useLocation } from "wouter";
import { useTable } from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { Dialog } from "../../../components/dialog.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useInviteWaves, type InviteWaveRow } from "../api/list-invite-waves.ts";
import { inviteWaveColumns } from "./invite-wave-columns.tsx";
import { NewWaveForm } from "./new-wave-form.tsx";
import { RedemptionChart } from "./redemption-chart.tsx";

const NO_WAVES: InviteWaveRow[] = [];

export function InvitesPage() {
  const waves = useInviteWaves();
  const [, navigate] = useLocation();
  const [isCreating, setCreating] = useState(false);
  const data = waves.data ?? NO_WAVES;
  const table = useTable({
    features: dataTableFeatures,
    columns: inviteWaveColumns,
    data,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader
        title="Invites"
        description="Invite waves, the codes issued in them and how many have been redeemed."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New wave
          </Button>
        }
      />
      {isCreating ? (
        <Dialog title="New wave" onClose={() => setCreating(false)}>
          <NewWaveForm onCreated={(id) => navigate(`/invites/${id}`)} onCancel={() => setCreating(false)} />
        </Dialog>
      ) : null}
      {waves.isPending ? (
        <LoadingState label="Loading invite waves…" />
      ) : waves.isError ? (
        <ErrorState error={waves.error} title="Could not load invite waves" onRetry={() => void waves.refetch()} />
      ) : (
        <>
          <section aria-labelledby="redemption-heading" className="panel">
            <h2 id="redemption-heading">Redemption by wave</h2>
            {data.length > 0 ? (
              <RedemptionChart waves={data} />
            ) : (
              <p className="muted">No waves yet, so nothing has been redeemed.</p>
            )}
          </section>
          <DataTable table={table} label="Invite waves" empty="No invite waves yet. Start one with “New wave”." />
        </>
      )}
    </>
  );
}
