// /accounts — find an account by handle prefix or exact id. The query lives in the URL so a search can be shared
// and survives the back button from an account page.
import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { pluralize } from "../../../lib/format.ts";
import { useUrlState } from "../../../lib/url-state.ts";
import { SEARCH_LIMIT, useAccountSearch, type AccountSearchRow } from "../api/search-accounts.ts";
import { accountColumns } from "./account-columns.tsx";

const NO_ROWS: AccountSearchRow[] = [];

export function AccountsPage() {
  const [params, update] = useUrlState();
  const query = params.get("q") ?? "";
  const search = useAccountSearch(query);
  const rows = query.trim() ? (search.data ?? NO_ROWS) : NO_ROWS;
  const table = useTable({
    features: dataTableFeatures,
    columns: accountColumns,
    data: rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader title="Accounts" description="Find an account to see its standing, posts and decisions." />
      <form
        role="search"
        aria-label="Find accounts"
        className="filter-bar"
        onSubmit={(event) => event.preventDefault()}
      >
        <DebouncedSearchField
          label="Handle or account id"
          placeholder="@handle or account id"
          value={query}
          onCommit={(next) => update({ q: next.trim() }, { replace: true })}
        />
      </form>
      {!query.trim() ? (
        <EmptyState title="Type the start of a handle or a whole account id">
          Handles match from their first letter, with or without the @; ids must match exactly.
        </EmptyState>
      ) : search.isPending ? (
        <LoadingState label="Searching accounts…" />
      ) : search.isError && !search.data ? (
        <ErrorState error={search.error} title="Could not search accounts" onRetry={() => void search.refetch()} />
      ) : (
        <DataTable
          table={table}
          label="Accounts"
          empty={<>No account matches “{query.trim()}”</>}
          isBusy={search.isPlaceholderData || search.isFetching}
          footer={
            rows.length >= SEARCH_LIMIT ? (
              <div className="table-footer">
                <span className="muted">
                  The first {pluralize(rows.length, "account")}; type more of the handle to narrow the list.
                </span>
              </div>
            ) : null
          }
        />
      )}
    </>
  );
}
