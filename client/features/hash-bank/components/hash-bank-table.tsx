// The entries of one view. In matching, rows can be selected and taken out with a reason. Mounted once per view,
// so a view starts with nothing selected.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  functionalUpdate,
  useTable,
  type ColumnVisibilityState,
  type RowSelectionState,
  type Updater,
} from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useHashBankEntries, type HashBankEntry, type HashBankFilters } from "../api/list-hash-bank-entries.ts";
import { emptyMessage, hashBankPath, type HashBankTotals } from "../lib/hash-bank-view.ts";
import { buildHashBankColumns, visibleColumnsFor } from "./hash-bank-columns.tsx";
import { describeTakeOut, TakeOutDialog, type TakeOutResult } from "./take-out-dialog.tsx";

export function HashBankTable({ filters, totals }: { filters: HashBankFilters; totals: HashBankTotals | null }) {
  const list = useHashBankEntries(filters);
  const [params] = useUrlState();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [takingOut, setTakingOut] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<TakeOutResult | null>(null);

  const onTakeOut = useCallback((entries: HashBankEntry[]) => {
    setOutcome(null);
    setTakingOut(entries.map((e) => e.id));
  }, []);
  const postPath = useCallback((postId: string) => hashBankPath(params, { postId }), [params]);
  const columns = useMemo(() => buildHashBankColumns({ onTakeOut, postPath }), [onTakeOut, postPath]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => {
    const visible = visibleColumnsFor(filters.active);
    return Object.fromEntries(columns.map((c) => [c.id ?? "", visible.includes(c.id ?? "")]));
  }, [columns, filters.active]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: list.rows,
    getRowId: (row) => row.id,
    state: { columnVisibility, rowSelection },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      setRowSelection((current) => functionalUpdate(updater, current)),
    enableRowSelection: filters.active,
    enableSorting: false,
  });

  // After taking entries out, the toolbar button is disabled (nothing is selected): keyboard focus goes to the outcome.
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  // Only rows still listed count: after a refresh, entries taken out elsewhere drop out of the selection.
  const selectedIds = list.rows.filter((row) => rowSelection[row.id]).map((row) => row.id);

  if (list.isPending) return <LoadingState label="Loading the hash bank…" />;
  if (list.isError && !list.data)
    return <ErrorState error={list.error} title="Could not load the hash bank" onRetry={() => void list.refetch()} />;

  return (
    <>
      <div className="table-toolbar">
        <p className="muted" role="status" ref={outcomeRef} tabIndex={-1}>
          {outcome ? describeTakeOut(outcome) : ""}
        </p>
        {filters.active && selectedIds.length > 0 ? (
          <p className="selection-count">
            <strong>{selectedIds.length} selected</strong>{" "}
            <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
              Clear selection
            </Button>
          </p>
        ) : null}
        {filters.active ? (
          <Button
            variant="primary"
            size="sm"
            disabled={selectedIds.length === 0}
            onClick={() => onTakeOut(list.rows.filter((row) => rowSelection[row.id]))}
          >
            Take out of matching…
          </Button>
        ) : null}
      </div>
      <DataTable
        table={table}
        label="Hash bank entries"
        empty={emptyMessage(filters, totals)}
        isBusy={list.isFetchingNextPage || (list.isFetching && !list.isPending)}
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
      {takingOut ? (
        <TakeOutDialog
          entryIds={takingOut}
          onClose={() => setTakingOut(null)}
          onDone={(result) => {
            setOutcome(result);
            setRowSelection({});
            setTakingOut(null);
          }}
        />
      ) : null}
    </>
  );
}
