import { Link } from "wouter";
import { useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { NowContext, useNow } from "../../../lib/use-now.ts";
import { useTakedownList } from "../api/list-takedowns.ts";
import { NoticeTemplates } from "./notice-templates.tsx";
import { SorExportPanel } from "./sor-export-panel.tsx";
import { takedownColumns } from "./takedown-columns.tsx";

export function TakedownsPage() {
  const list = useTakedownList();
  const now = useNow();
  const table = useTable({
    features: dataTableFeatures,
    columns: takedownColumns,
    data: list.rows,
    getRowId: (row) => row.id,
    enableSorting: false,
  });

  return (
    <>
      <PageHeader
        title="Takedowns"
        description="Open legal requests, soonest deadline first. The clock starts when a request is complete."
        actions={
          <Link className="btn btn-secondary" href="/takedowns/new">
            Enter a request
          </Link>
        }
      />
      {list.isPending ? (
        <LoadingState label="Loading takedown requests…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load takedown requests" onRetry={() => void list.refetch()} />
      ) : (
        <NowContext value={now}>
          <DataTable
            table={table}
            label="Takedown requests"
            empty="No open takedown requests"
            isBusy={list.isFetchingNextPage}
            rowClassName={(row) => deadlineRowClass(row.original.dueAt, now)}
            footer={
              <LoadMore
                count={list.rows.length}
                noun="request"
                hasNextPage={list.hasNextPage}
                isFetchingNextPage={list.isFetchingNextPage}
                onLoadMore={() => void list.fetchNextPage()}
              />
            }
          />
        </NowContext>
      )}
      <div className="takedowns-tools">
        <SorExportPanel />
        <NoticeTemplates />
      </div>
    </>
  );
}

// Under six hours left is worth a second look, as the countdown itself marks it.
function deadlineRowClass(dueAt: string | null, now: Date): string | undefined {
  if (!dueAt) return undefined;
  const left = new Date(dueAt).getTime() - now.getTime();
  return left < 0 ? "is-overdue-row" : left < 6 * 3_600_000 ? "is-due-soon-row" : undefined;
}
