import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useQueueSettings, type QueueSettingRow } from "../api/get-queue-settings.ts";
import { MediaPreferences } from "./media-preferences.tsx";
import { OrgMediaDefaults } from "./org-media-defaults.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, QueueSettingRow>();
const queueColumns = helper.columns([
  helper.accessor("label", { header: "Queue" }),
  helper.accessor("queue", { header: "Key", cell: (info) => <code>{info.getValue()}</code> }),
  helper.accessor("slaHours", {
    header: "Review target",
    meta: { align: "end", width: 120 },
    cell: (info) => `${info.getValue()} h`,
  }),
  helper.accessor("minRole", {
    header: "Who may work it",
    meta: { width: 180 },
    cell: (info) => `${info.getValue()} and above`,
  }),
  helper.accessor("updatedAt", {
    header: "Last changed",
    meta: { width: 170 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);

const NO_QUEUES: QueueSettingRow[] = [];

export function SettingsPage() {
  const queues = useQueueSettings();
  const table = useTable({
    features: dataTableFeatures,
    columns: queueColumns,
    data: queues.data ?? NO_QUEUES,
    getRowId: (row) => row.queue,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader
        title="Settings"
        description="Queue review targets and access, media defaults for everyone, and your own media preferences."
      />
      <section className="panel" aria-labelledby="queue-settings-heading">
        <h2 id="queue-settings-heading">Queues</h2>
        {queues.isPending ? (
          <LoadingState label="Loading queue settings…" />
        ) : queues.isError ? (
          <ErrorState
            error={queues.error}
            title="Could not load queue settings"
            onRetry={() => void queues.refetch()}
          />
        ) : (
          <DataTable table={table} label="Queue settings" empty="No queues are configured" />
        )}
      </section>
      <OrgMediaDefaults />
      <MediaPreferences />
    </>
  );
}
