// Deliveries in one state. On the dead-lettered tab rows can be selected and put back in line. Mounted once per
// tab, so a tab starts with nothing selected and no leftover retry message.
import { useCallback, useMemo, useState } from "react";
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
import { messageOf } from "../../../lib/api-errors.ts";
import { pluralize } from "../../../lib/format.ts";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import type { DeliveryStatus } from "../api/list-deliveries.ts";
import { useDeliveryList } from "../api/list-deliveries.ts";
import { useRetryDeliveries } from "../api/retry-deliveries.ts";
import { DELIVERY_STATUSES } from "../lib/delivery-status.ts";
import { buildDeliveryColumns, COLUMNS_BY_STATUS } from "./delivery-columns.tsx";

interface RetryOutcome {
  asked: number;
  retried: number;
}

function describeOutcome({ asked, retried }: RetryOutcome): string {
  if (retried === 0) return "Nothing was retried: those deliveries are no longer dead-lettered.";
  const done = `Retried ${pluralize(retried, "delivery", "deliveries")}; ${retried === 1 ? "it is" : "they are"} pending again and go out on the next round.`;
  return retried < asked
    ? `${done} The other ${asked - retried} ${asked - retried === 1 ? "was" : "were"} no longer dead-lettered.`
    : done;
}

export function DeliveryTable({ status }: { status: DeliveryStatus }) {
  const list = useDeliveryList(status);
  const retry = useRetryDeliveries();
  const now = useNow();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  const canRetry = status === "dead";

  const { mutate } = retry;
  const onRetry = useCallback(
    (ids: string[]) => {
      setOutcome(null);
      mutate(
        { ids },
        {
          onSuccess: (result) => {
            setOutcome({ asked: ids.length, retried: result.retried });
            setRowSelection({});
          },
        },
      );
    },
    [mutate],
  );
  const retryingIds = useMemo(
    () => new Set(retry.isPending ? (retry.variables?.ids ?? []) : []),
    [retry.isPending, retry.variables],
  );
  const columns = useMemo(() => buildDeliveryColumns({ onRetry, retryingIds }), [onRetry, retryingIds]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(columns.map((c) => [c.id ?? "", COLUMNS_BY_STATUS[status].includes(c.id ?? "")])),
    [columns, status],
  );

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: list.rows,
    getRowId: (row) => row.id,
    state: { columnVisibility, rowSelection },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      setRowSelection((current) => functionalUpdate(updater, current)),
    enableRowSelection: canRetry,
    enableSorting: false,
  });

  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const empty = DELIVERY_STATUSES.find((s) => s.status === status)?.empty;

  return (
    <>
      {list.isPending ? (
        <LoadingState label="Loading deliveries…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the deliveries" onRetry={() => void list.refetch()} />
      ) : (
        <NowContext value={now}>
          {canRetry ? (
            <div className="table-toolbar">
              <p className="muted" role="status">
                {outcome ? describeOutcome(outcome) : ""}
              </p>
              {selectedIds.length > 0 ? (
                <p className="selection-count">
                  <strong>{selectedIds.length} selected</strong>{" "}
                  <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
                    Clear selection
                  </Button>
                </p>
              ) : null}
              <Button
                variant="primary"
                size="sm"
                disabled={selectedIds.length === 0}
                isPending={retry.isPending}
                onClick={() => onRetry(selectedIds)}
              >
                Retry selected
              </Button>
            </div>
          ) : null}
          {retry.isError ? (
            <p className="form-alert" role="alert">
              Could not retry: {messageOf(retry.error)}
            </p>
          ) : null}
          <DataTable
            table={table}
            label="Deliveries"
            empty={empty}
            isBusy={list.isFetchingNextPage}
            footer={
              <LoadMore
                count={list.rows.length}
                noun="delivery"
                plural="deliveries"
                hasNextPage={list.hasNextPage}
                isFetchingNextPage={list.isFetchingNextPage}
                onLoadMore={() => void list.fetchNextPage()}
              />
            }
          />
        </NowContext>
      )}
    </>
  );
}
