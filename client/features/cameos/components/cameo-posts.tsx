// The posts the cameo appears in, newest first, with their visibility; narrowed to one creator (the owner or a
// grantee) to see exactly what a revocation touched.
import { useState } from "react";
import { SelectField } from "../../../components/field.tsx";
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatDateTime, truncate } from "../../../lib/format.ts";
import type { CameoDetail } from "../api/get-cameo.ts";
import { useCameoPosts } from "../api/list-cameo-posts.ts";
import { labelOf, VISIBILITY_LABELS } from "../lib/labels.ts";
import { AccountLink } from "../../../components/account-link.tsx";

export function CameoPosts({ cameo }: { cameo: CameoDetail }) {
  const [creatorId, setCreatorId] = useState("");
  const list = useCameoPosts(cameo.id, creatorId || undefined);
  const creators = [
    { value: "", label: "Everyone" },
    { value: cameo.owner.id, label: `@${cameo.owner.handle} (owner)` },
    ...cameo.grants.map((g) => ({ value: g.grantee.id, label: `@${g.grantee.handle}` })),
  ];

  return (
    <section className="panel cameo-wide" aria-labelledby="cameo-posts-heading">
      <div className="section-heading">
        <h2 id="cameo-posts-heading">Posts with this cameo</h2>
        <SelectField label="Creator" className="field-inline" options={creators} value={creatorId} onChange={(event) => setCreatorId(event.target.value)} />
      </div>
      {list.isPending ? (
        <LoadingState label="Loading the posts…" />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} title="Could not load the posts" onRetry={() => void list.refetch()} />
      ) : list.posts.length === 0 ? (
        <EmptyState title={creatorId ? "This account has no posts with the cameo" : "The cameo is in no post yet"} />
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="cameo-posts-heading" aria-busy={list.isPlaceholderData || list.isFetchingNextPage || undefined}>
            <thead>
              <tr>
                <th scope="col" style={{ width: 190 }}>
                  Post
                </th>
                <th scope="col">Prompt</th>
                <th scope="col" style={{ width: 170 }}>
                  Creator
                </th>
                <th scope="col" style={{ width: 160 }}>
                  Created
                </th>
                <th scope="col" style={{ width: 110 }}>
                  Visibility
                </th>
              </tr>
            </thead>
            <tbody>
              {list.posts.map((post) => (
                <tr key={post.id}>
                  <td>
                    <code>{post.id}</code>
                  </td>
                  <td title={post.prompt}>{truncate(post.prompt, 80)}</td>
                  <td>
                    <AccountLink id={post.creator.id} handle={post.creator.handle} />
                  </td>
                  <td>{formatDateTime(post.createdAt)}</td>
                  <td>
                    <span className={`status status-${post.visibility}`}>{labelOf(VISIBILITY_LABELS, post.visibility)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore
            count={list.posts.length}
            noun="post"
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </div>
      )}
    </section>
  );
}
