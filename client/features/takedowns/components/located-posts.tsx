// The posts the request covers, selectable for the decision; identical copies (same content hash) offered for
// inclusion; and more posts added from pasted links or ids.
import { useMemo, useState } from "react";
import {
  createColumnHelper,
  functionalUpdate,
  useTable,
  type RowSelectionState,
  type Updater,
} from "@tanstack/react-table";
import { Button } from "../../../components/button.tsx";
import { DataTable, dataTableFeatures } from "../../../components/data-table.tsx";
import { SelectAllRows, SelectRow } from "../../../components/row-selection.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { humanize, truncate } from "../../../lib/format.ts";
import { useLocatePosts, type TakedownDetail, type TakedownPost } from "../api/takedown-detail.ts";
import { MediaLookupPanel } from "../../../components/media-lookup/media-lookup-panel.tsx";
import { AddPostsForm } from "./add-posts-form.tsx";

const MATCHED_BY: Record<string, string> = { url: "Link", id: "Post id", exact_hash: "Identical copy" };

export function LocatedPosts({
  request,
  selected,
  onSelectedChange,
}: {
  request: TakedownDetail;
  selected: ReadonlySet<string>;
  onSelectedChange: (next: ReadonlySet<string>) => void;
}) {
  const rowSelection = useMemo<RowSelectionState>(
    () => Object.fromEntries([...selected].map((id) => [id, true as const])),
    [selected],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns: postColumns,
    data: request.posts,
    getRowId: (row) => row.postId,
    state: { rowSelection },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const next = functionalUpdate(updater, rowSelection);
      onSelectedChange(new Set(Object.keys(next).filter((id) => next[id])));
    },
    enableSorting: false,
  });

  return (
    <section className="panel takedown-posts" aria-labelledby="posts-heading">
      <h2 id="posts-heading">Located posts</h2>
      {request.posts.length === 0 ? (
        <EmptyState title="No posts located yet">Add posts from the requester's links or by id below.</EmptyState>
      ) : (
        <DataTable table={table} labelledBy="posts-heading" />
      )}
      <IdenticalCopies request={request} />
      <AddPostsForm requestId={request.id} />
      <LookupForRequest requestId={request.id} />
    </section>
  );
}

/** The requester's own copy, uploaded: the posts that show it, added to the request in one click. */
function LookupForRequest({ requestId }: { requestId: string }) {
  const locate = useLocatePosts(requestId);
  return (
    <MediaLookupPanel
      headingLevel={3}
      takedownRequestId={requestId}
      onAdd={(postIds) => locate.mutateAsync({ requestId, references: postIds, matchedBy: "id" })}
    />
  );
}

type LocatedPost = TakedownDetail["posts"][number];
const postColumn = createColumnHelper<typeof dataTableFeatures, LocatedPost>();
const postColumns = postColumn.columns([
  postColumn.display({
    id: "select",
    meta: { width: 40, label: "Select" },
    header: ({ table }) => <SelectAllRows table={table} label="Select all posts" />,
    cell: ({ row }) => <SelectRow row={row} label={`Select post ${row.original.postId}`} />,
  }),
  postColumn.accessor("post", {
    id: "poster",
    header: "Poster",
    meta: { width: 72 },
    cell: (info) => <PostPoster post={info.getValue()} />,
  }),
  postColumn.display({
    id: "prompt",
    header: "Prompt",
    cell: ({ row }) => <span title={row.original.post.prompt}>{truncate(row.original.post.prompt, 80)}</span>,
  }),
  postColumn.display({
    id: "creator",
    header: "Creator",
    meta: { minWidth: 140 },
    cell: ({ row }) => `@${row.original.post.creator.handle}`,
  }),
  postColumn.display({
    id: "visibility",
    header: "Visibility",
    meta: { width: 120 },
    cell: ({ row }) => (
      <span className={`status status-${row.original.post.visibility}`}>{humanize(row.original.post.visibility)}</span>
    ),
  }),
  postColumn.accessor("matchedBy", {
    header: "Matched by",
    meta: { width: 130 },
    cell: (info) => MATCHED_BY[info.getValue()] ?? humanize(info.getValue()),
  }),
]);

function PostPoster({ post }: { post: TakedownPost }) {
  return post.posterUrl ? (
    <img className="takedown-poster" src={post.posterUrl} alt={`Poster of ${post.id}`} width={48} height={64} />
  ) : (
    <code>{post.id}</code>
  );
}

function IdenticalCopies({ request }: { request: TakedownDetail }) {
  const locate = useLocatePosts(request.id);
  const [adding, setAdding] = useState<string | null>(null);
  const add = (postId: string) => {
    setAdding(postId);
    locate.mutate(
      { requestId: request.id, references: [postId], matchedBy: "exact_hash" },
      { onSettled: () => setAdding(null) },
    );
  };
  return (
    <section aria-labelledby="copies-heading">
      <h3 id="copies-heading">Identical copies</h3>
      {request.identicalCopies.length === 0 ? (
        <p className="muted">No other post has the same content as the located posts.</p>
      ) : (
        <ul className="copy-list" aria-labelledby="copies-heading">
          {request.identicalCopies.map((copy) => (
            <li key={copy.id}>
              <PostPoster post={copy} /> <code>{copy.id}</code> by @{copy.creator.handle} — {truncate(copy.prompt, 60)}{" "}
              <span className="muted">({humanize(copy.visibility)})</span>{" "}
              <Button
                size="sm"
                isPending={adding === copy.id}
                aria-label={`Add to request: ${copy.id}`}
                onClick={() => add(copy.id)}
              >
                Add to request
              </Button>
            </li>
          ))}
        </ul>
      )}
      {locate.error ? (
        <p role="alert" className="form-alert">
          {messageOf(locate.error)}
        </p>
      ) : null}
    </section>
  );
}
