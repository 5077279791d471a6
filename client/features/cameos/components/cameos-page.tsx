// /cameos — the cameo registry (by owner handle or cameo id, and status), and the actions waiting for approval.
import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { SelectField } from "../../../components/field.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useCameoList, type CameoStatus } from "../api/list-cameos.ts";
import { CameoAreaTabs } from "./cameo-area-tabs.tsx";
import { cameoColumns } from "./cameo-columns.tsx";
import { PendingApprovals } from "./pending-approvals.tsx";

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "disabled", label: "Disabled" },
] as const;

function statusOf(value: string | null): CameoStatus | undefined {
  return value === "active" || value === "disabled" ? value : undefined;
}

export function CameosPage() {
  const [params, update] = useUrlState();
  // "owner" for history's sake: it holds an owner's handle or a cameo id.
  const search = params.get("owner") ?? "";
  const status = statusOf(params.get("status"));
  const list = useCameoList({ query: search.trim().replace(/^@/, ""), status });
  const table = useTable({
    features: dataTableFeatures,
    columns: cameoColumns,
    data: list.rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader title="Cameos" description="Registered likenesses and who may use them." />
      <CameoAreaTabs current="/cameos" />
      <PendingApprovals />
      <form role="search" aria-label="Find cameos" className="filter-bar" onSubmit={(event) => event.preventDefault()}>
        <DebouncedSearchField
          label="Owner handle"
          placeholder="@handle or cameo id"
          value={search}
          onCommit={(next) => update({ owner: next.trim() }, { replace: true })}
        />
        <SelectField
          label="Status"
          options={STATUS_OPTIONS}
          value={status ?? ""}
          onChange={(event) => update({ status: event.target.value }, { replace: true })}
        />
      </form>
      {list.isPending ? (
        <LoadingState label="Loading cameos…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load cameos" onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          table={table}
          label="Cameos"
          empty={
            search ? (
              <>
                No cameo owner's handle starts with “{search}”
                <span className="muted">, and no cameo has that id{status ? ` with this status` : ""}.</span>
              </>
            ) : status ? (
              `No ${status} cameo`
            ) : (
              "No cameos registered yet"
            )
          }
          isBusy={list.isPlaceholderData || list.isFetchingNextPage}
          footer={
            <LoadMore
              count={list.rows.length}
              noun="cameo"
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          }
        />
      )}
    </>
  );
}
