// The posts the cameo appears in, newest first, with their visibility; narrowed to one creator (the owner or a
// grantee) to see exactly what a revocation touched.
import { useState } from "react";
import { createColumnHelper, useTable } from "@tanstack/react-table";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { SelectField } from "../../../components/field.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime, truncate } from "../../../lib/format.ts";
import type { CameoDetail } from "../api/get-cameo.ts";
import { useCameoPosts, type CameoPost } from "../api/list-cameo-posts.ts";
import { labelOf, VISIBILITY_LABELS } from "../lib/labels.ts";
import { AccountLink } from "../../../components/account-link.tsx";

export function CameoPosts({ cameo }: { cameo: CameoDetail }) {
  const [creatorId, setCreatorId] = useState("");
  const list = useCameoPosts(cameo.id, creatorId || undefined);
  const table = useTable({
    features: dataTableFeatures,
    columns: postColumns,
    data: list.posts,
    getRowId: (row) => row.id,
    enableSorting: false,
  });
  const creators = [
    { value: "", label: "Everyone" },
    { value: cameo.owner.id, label: `@${cameo.owner.handle} (owner)` },
    ...cameo.grants.map((g) => ({ value: g.grantee.id, label: `@${g.grantee.handle}` })),
  ];

  return (
    <section className="panel cameo-wide" aria-labelledby="cameo-posts-heading">
      <div className="section-heading">
        <h2 id="cameo-posts-heading">Posts with this cameo</h2>
        <SelectField
          label="Creator"
          className="field-inline"
          options={creators}
          value={creatorId}
          onChange={(event) => setCreatorId(event.target.value)}
        />
      </div>
      {list.isPending ? (
        <LoadingState label="Loading the posts…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the posts" onRetry={() => void list.refetch()} />
      ) : list.posts.length === 0 ? (
        <EmptyState title={creatorId ? "This account has no posts with the cameo" : "The cameo is in no post yet"} />
      ) : (
        <DataTable
          table={table}
          labelledBy="cameo-posts-heading"
          isBusy={list.isPlaceholderData || list.isFetchingNextPage}
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

const postColumn = createColumnHelper<typeof dataTableFeatures, CameoPost>();
const postColumns = postColumn.columns([
  postColumn.accessor("id", { header: "Post", meta: { width: 190 }, cell: (info) => <code>{info.getValue()}</code> }),
  postColumn.accessor("prompt", {
    header: "Prompt",
    cell: (info) => <span title={info.getValue()}>{truncate(info.getValue(), 80)}</span>,
  }),
  postColumn.display({
    id: "creator",
    header: "Creator",
    meta: { width: 170 },
    cell: ({ row }) => <AccountLink id={row.original.creator.id} handle={row.original.creator.handle} />,
  }),
  postColumn.accessor("createdAt", {
    header: "Created",
    meta: { width: 160 },
    cell: (info) => formatDateTime(info.getValue()),
  }),
  postColumn.accessor("visibility", {
    header: "Visibility",
    meta: { width: 110 },
    cell: (info) => (
      <span className={`status status-${info.getValue()}`}>{labelOf(VISIBILITY_LABELS, info.getValue())}</span>
    ),
  }),
]);
