// The account's posts, newest first, a page at a time.
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, truncate } from "../../../lib/format.ts";
import { useAccountPosts, type AccountPost } from "../api/list-account-posts.ts";
import { labelOf, VISIBILITY_LABELS } from "../lib/labels.ts";

export function AccountPosts({ accountId }: { accountId: string }) {
  const list = useAccountPosts(accountId);
  const table = useTable({
    features: dataTableFeatures,
    columns: postColumns,
    data: list.posts,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  return (
    <section className="panel account-wide" aria-labelledby="account-posts-heading">
      <h2 id="account-posts-heading">Posts</h2>
      {list.isPending ? (
        <LoadingState label="Loading the posts…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the posts" onRetry={() => void list.refetch()} />
      ) : list.posts.length === 0 ? (
        <EmptyState title="The account has not posted" />
      ) : (
        <DataTable
          table={table}
          labelledBy="account-posts-heading"
          isBusy={list.isFetchingNextPage}
          footer={
            <LoadMore
              count={list.posts.length}
              noun="post"
              hasNextPage={list.hasNextPage}
              isFetchingNextPage={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          }
        />
      )}
    </section>
  );
}

const postColumn = createColumnHelper<typeof dataTableFeatures, AccountPost>();
const postColumns = postColumn.columns([
  postColumn.accessor("posterUrl", {
    header: () => <span className="visually-hidden">Poster</span>,
    meta: { width: 60, label: "Poster" },
    cell: (info) => (
      <img className="account-poster" src={info.getValue()} alt="" width={36} height={48} loading="lazy" />
    ),
  }),
  postColumn.accessor("prompt", {
    header: "Prompt",
    cell: ({ row }) => (
      <span title={row.original.prompt}>
        {truncate(row.original.prompt, 100)} <code className="muted account-small">{row.original.id}</code>
      </span>
    ),
  }),
  postColumn.accessor("visibility", {
    header: "Visibility",
    meta: { width: 110 },
    cell: (info) => (
      <span className={`status status-${info.getValue()}`}>{labelOf(VISIBILITY_LABELS, info.getValue())}</span>
    ),
  }),
  postColumn.accessor("viewCount", {
    header: "Views",
    meta: { width: 80, align: "end" },
    cell: (info) => formatCount(info.getValue()),
  }),
  postColumn.accessor((post) => post._count.cases, {
    id: "cases",
    header: "Cases",
    meta: { width: 70, align: "end" },
    cell: (info) => formatCount(info.getValue()),
  }),
  postColumn.accessor("createdAt", {
    header: "Created",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
]);
