import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useAuditList } from "../api/list-audit.ts";
import { auditColumns } from "./audit-columns.tsx";
import { ChainStatus } from "./chain-status.tsx";

export function AuditPage() {
  const [params, update] = useUrlState();
  const action = (params.get("action") ?? "").trim();
  const list = useAuditList(action);
  const table = useTable({
    features: dataTableFeatures,
    columns: auditColumns,
    data: list.rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every staff action and every view of sensitive evidence, newest first. The log is append-only."
      />
      <ChainStatus />
      <form
        role="search"
        aria-label="Filter the audit log"
        className="filter-bar"
        onSubmit={(event) => event.preventDefault()}
      >
        <DebouncedSearchField
          label="Action starts with"
          placeholder="e.g. auth. or staff_user."
          value={action}
          onCommit={(next) => update({ action: next.trim() }, { replace: true })}
        />
      </form>
      {list.isPending ? (
        <LoadingState label="Loading the audit log…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the audit log" onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          table={table}
          label="Audit log"
          empty={action ? `No entries with an action starting “${action}”` : "The audit log is empty"}
          isBusy={list.isPlaceholderData || list.isFetchingNextPage}
          footer={
            <LoadMore
              count={list.rows.length}
              noun="entry"
              plural="entries"
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
