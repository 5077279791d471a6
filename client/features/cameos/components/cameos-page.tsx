import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useCameoList } from "../api/list-cameos.ts";
import { cameoColumns } from "./cameo-columns.tsx";

export function CameosPage() {
  const [params, update] = useUrlState();
  const owner = params.get("owner") ?? "";
  const list = useCameoList(owner.trim().replace(/^@/, ""));
  const table = useTable({ features: dataTableFeatures, columns: cameoColumns, data: list.rows, getRowId: (row) => row.id, enableSorting: false });

  return (
    <>
      <PageHeader title="Cameos" description="Registered likenesses and who may use them." />
      <form role="search" aria-label="Find cameos" className="filter-bar" onSubmit={(event) => event.preventDefault()}>
        <DebouncedSearchField label="Owner handle" placeholder="@handle" value={owner} onCommit={(next) => update({ owner: next.trim() }, { replace: true })} />
      </form>
      {list.isPending ? (
        <LoadingState label="Loading cameos…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load cameos" onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          table={table}
          label="Cameos"
          empty={owner ? `No cameo owner's handle starts with “${owner}”` : "No cameos registered yet"}
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
