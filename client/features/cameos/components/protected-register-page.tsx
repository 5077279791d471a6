// /cameos/protected — people whose likeness the platform must not generate: public figures who opted out and
// deceased people whose estates did. The platform reads the active entries from the signed feed.
import { useMemo, useState } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { CheckboxField } from "../../../components/field.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useUrlState } from "../../../lib/url-state.ts";
import { RemoveProtectedLikenessInput } from "@contracts/cameos.ts";
import { useProtectedLikenesses, type ProtectedLikeness } from "../api/list-protected-likenesses.ts";
import { useRemoveProtectedLikeness } from "../api/remove-protected-likeness.ts";
import { labelOf, PROTECTED_KIND_LABELS } from "../lib/labels.ts";
import { CameoAreaTabs } from "./cameo-area-tabs.tsx";
import { ProtectedLikenessForm } from "./protected-likeness-form.tsx";
import { ReasonDialog } from "../../../components/reason-dialog.tsx";

const RemoveReason = z.pick(RemoveProtectedLikenessInput, { reason: true });

export function ProtectedRegisterPage() {
  const [params, update] = useUrlState();
  const search = params.get("search") ?? "";
  const includeRemoved = params.get("removed") === "1";
  const list = useProtectedLikenesses({ search: search.trim(), includeRemoved });
  const [removing, setRemoving] = useState<ProtectedLikeness | null>(null);
  const remove = useRemoveProtectedLikeness();

  return (
    <>
      <PageHeader
        title="Protected likenesses"
        description={
          <>
            The platform fetches the active entries through the signed <code>GET /api/v1/protected-likenesses</code> and
            blocks prompts and uploads naming them.
          </>
        }
      />
      <CameoAreaTabs current="/cameos/protected" />
      <form
        role="search"
        aria-label="Find register entries"
        className="filter-bar"
        onSubmit={(event) => event.preventDefault()}
      >
        <DebouncedSearchField
          label="Name or alias"
          value={search}
          onCommit={(next) => update({ search: next.trim() }, { replace: true })}
        />
        <CheckboxField
          label="Include removed entries"
          checked={includeRemoved}
          onChange={(event) => update({ removed: event.target.checked ? "1" : null }, { replace: true })}
        />
      </form>
      {list.isPending ? (
        <LoadingState label="Loading the register…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the register" onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={search ? `No entry matches “${search}”` : "The register is empty"} />
      ) : (
        <RegisterTable entries={list.data} isBusy={list.isPlaceholderData} onRemove={setRemoving} />
      )}
      <ProtectedLikenessForm />
      {removing ? (
        <ReasonDialog
          title={`Remove ${removing.name} from the register`}
          schema={RemoveReason}
          reasonHint="The platform stops blocking this likeness at its next fetch of the register."
          submitLabel="Remove"
          submitVariant="danger"
          onClose={() => setRemoving(null)}
          onSubmit={async (reason) => {
            await remove.mutateAsync({ id: removing.id, reason });
            setRemoving(null);
          }}
        />
      ) : null}
    </>
  );
}

const entryColumn = createColumnHelper<typeof dataTableFeatures, ProtectedLikeness>();

function entryColumns(onRemove: (entry: ProtectedLikeness) => void) {
  return entryColumn.columns([
    entryColumn.accessor("name", {
      header: "Name",
      cell: ({ row }) => {
        const entry = row.original;
        return (
          <div title={entry.note ?? undefined}>
            {entry.name}
            {entry.note ? <div className="muted truncate">{entry.note}</div> : null}
          </div>
        );
      },
    }),
    entryColumn.accessor("kind", {
      header: "Kind",
      meta: { width: 110 },
      cell: (info) => labelOf(PROTECTED_KIND_LABELS, info.getValue()),
    }),
    entryColumn.accessor("aliases", {
      header: "Aliases",
      cell: (info) => (info.getValue().length ? info.getValue().join(", ") : <span className="muted">—</span>),
    }),
    entryColumn.accessor("requestedBy", {
      header: "Requested by",
      meta: { width: 200 },
      cell: (info) => {
        const requestedBy = info.getValue();
        return requestedBy ? <span title={requestedBy}>{requestedBy}</span> : <span className="muted">—</span>;
      },
    }),
    entryColumn.accessor("createdAt", {
      header: "Added",
      meta: { width: 160 },
      cell: ({ row }) => (
        <>
          {formatDateTime(row.original.createdAt)}
          <div className="muted truncate">by {row.original.createdBy.displayName}</div>
        </>
      ),
    }),
    entryColumn.accessor((entry) => entry._count.complaints, {
      id: "complaints",
      header: "Complaints",
      meta: { width: 90, align: "end" },
    }),
    entryColumn.accessor("active", {
      header: "Status",
      meta: { width: 120 },
      cell: ({ row }) => {
        const entry = row.original;
        return entry.active ? (
          <span className="status status-active">Active</span>
        ) : (
          <>
            <span className="status status-disabled">Removed</span>
            {entry.removedReason ? <div className="muted">{entry.removedReason}</div> : null}
          </>
        );
      },
    }),
    entryColumn.display({
      id: "actions",
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { width: 100, label: "Actions" },
      cell: ({ row }) =>
        row.original.active ? (
          <Button size="sm" aria-label={`Remove ${row.original.name}…`} onClick={() => onRemove(row.original)}>
            Remove…
          </Button>
        ) : null,
    }),
  ]);
}

function RegisterTable({
  entries,
  isBusy,
  onRemove,
}: {
  entries: ProtectedLikeness[];
  isBusy: boolean;
  onRemove: (entry: ProtectedLikeness) => void;
}) {
  const columns = useMemo(() => entryColumns(onRemove), [onRemove]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: entries,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return (
    <DataTable
      table={table}
      label="Protected likenesses"
      isBusy={isBusy}
      rowClassName={(row) => (row.original.active ? undefined : "is-disabled-row")}
    />
  );
}
