// The case list: server-sorted and filtered, loaded page by page by keyset cursor, rendered virtualized.
import { useCallback, useMemo, type KeyboardEvent } from "react";
import {
  functionalUpdate,
  useTable,
  type RowSelectionState,
  type SortingState,
  type Updater,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { pluralize } from "../../../lib/format.ts";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import { useCaseList } from "../api/list-cases.ts";
import type { QueueKind } from "../api/get-queues.ts";
import { useCurrentUser } from "../../../lib/auth.ts";
import {
  hasActiveFilters,
  toCaseListInput,
  type CaseFilterChanges,
  type CaseListView,
} from "../hooks/use-case-list-view.ts";
import { BulkBar } from "./bulk-bar.tsx";
import { caseColumns, SORT_BY_COLUMN } from "./case-columns.tsx";
import { ColumnChooser } from "./column-chooser.tsx";

const ROW_HEIGHT = 34;

interface CaseTableProps {
  queue: QueueKind | undefined;
  view: CaseListView;
  onFiltersChange: (changes: CaseFilterChanges) => void;
  onClearFilters: () => void;
  onHiddenColumnsChange: (ids: string[]) => void;
  onSelectionChange: (ids: string[]) => void;
}

function openRowCase(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== "Enter" || event.ctrlKey || event.metaKey || event.altKey || !(event.target instanceof HTMLElement))
    return;
  if (event.target.closest("a, button")) return;
  const link = event.target.closest("tr")?.querySelector<HTMLAnchorElement>("a.case-link");
  if (!link) return;
  event.preventDefault();
  link.click();
}

export function CaseTable({
  queue,
  view,
  onFiltersChange,
  onClearFilters,
  onHiddenColumnsChange,
  onSelectionChange,
}: CaseTableProps) {
  const me = useCurrentUser();
  const input = toCaseListInput(queue, view, me.id);
  const list = useCaseList(input);
  const now = useNow();

  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(view.hiddenColumns.map((id) => [id, false])),
    [view.hiddenColumns],
  );
  const rowSelection = useMemo<RowSelectionState>(
    () => Object.fromEntries(view.selectedIds.map((id) => [id, true])),
    [view.selectedIds],
  );
  const sorting = useMemo<SortingState>(() => {
    const [id, mapping] = Object.entries(SORT_BY_COLUMN).find(([, m]) => m.sort === view.sort) ?? [];
    return id && mapping ? [{ id, desc: mapping.desc }] : [];
  }, [view.sort]);

  const table = useTable({
    features: dataTableFeatures,
    columns: caseColumns,
    data: list.rows,
    getRowId: (row) => row.id,
    state: { columnVisibility, rowSelection, sorting },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, columnVisibility);
      onHiddenColumnsChange(Object.keys(next).filter((id) => next[id] === false));
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const next = functionalUpdate(updater, rowSelection);
      onSelectionChange(Object.keys(next).filter((id) => next[id]));
    },
    // The server sorts; a header click only chooses which of its sorts to ask for.
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      const mapping = next ? SORT_BY_COLUMN[next.id] : undefined;
      if (mapping && mapping.sort !== view.sort) onFiltersChange({ sort: mapping.sort });
    },
    enableRowSelection: true,
  });

  const { hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage]);

  if (list.isPending) return <LoadingState label="Loading cases…" />;
  if (list.isError && !list.data)
    return <ErrorState error={list.error} title="Could not load the cases" onRetry={() => void list.refetch()} />;

  const isBusy = isPlaceholderData || isFetchingNextPage;
  const selectedCount = view.selectedIds.length;
  const selectedSet = new Set(view.selectedIds);
  const selectedRows = list.rows.filter((row) => selectedSet.has(row.id));
  const filtered = hasActiveFilters(view);
  const empty = filtered ? (
    <>
      No cases match these filters.{" "}
      <Button size="sm" variant="ghost" onClick={onClearFilters}>
        Clear filters
      </Button>
    </>
  ) : queue ? (
    "No open cases in this queue"
  ) : (
    "No open cases in your queues"
  );

  return (
    <NowContext value={now}>
      <div className="table-toolbar">
        <p className="muted" role="status">
          {isBusy
            ? "Updating…"
            : `${pluralize(list.rows.length, "case")} loaded${hasNextPage ? ", more available" : ""}`}
        </p>
        <ColumnChooser table={table} />
      </div>
      <BulkBar
        selectedCount={selectedCount}
        selectedRows={selectedRows}
        queueKey={queue ?? "all"}
        onClearSelection={() => onSelectionChange([])}
      />
      {list.isError ? (
        <ErrorState error={list.error} title="Could not update the cases" onRetry={() => void list.refetch()} />
      ) : null}
      {/* Enter anywhere in a row (its checkbox, say) opens that row's case, as its prompt link does. */}
      <div className="case-table" onKeyDown={openRowCase}>
        <DataTable
          table={table}
          label="Cases"
          empty={empty}
          isBusy={isBusy}
          scrollKey={JSON.stringify(input)}
          virtualize={{ rowHeight: ROW_HEIGHT, onNearEnd: loadMore }}
          rowClassName={(row) =>
            row.original.deadlineAt && new Date(row.original.deadlineAt) < now ? "is-overdue-row" : undefined
          }
          footer={
            hasNextPage ? (
              <div className="table-footer">
                <Button size="sm" onClick={loadMore} isPending={isFetchingNextPage}>
                  Load more
                </Button>
              </div>
            ) : null
          }
        />
      </div>
    </NowContext>
  );
}
