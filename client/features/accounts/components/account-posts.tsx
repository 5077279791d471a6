// The account's posts, newest first, a page at a time.
import { LoadMore } from "../../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../../components/states.tsx";
import { formatCount, formatDateTime, truncate } from "../../../lib/format.ts";
import { useAccountPosts } from "../api/list-account-posts.ts";
import { labelOf, VISIBILITY_LABELS } from "../lib/labels.ts";

export function AccountPosts({ accountId }: { accountId: string }) {
  const list = useAccountPosts(accountId);
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
        <div className="table-wrap">
          <table className="data-table" aria-labelledby="account-posts-heading" aria-busy={list.isFetchingNextPage || undefined}>
            <thead>
              <tr>
                <th scope="col" style={{ width: 60 }}>
                  <span className="visually-hidden">Poster</span>
                </th>
                <th scope="col">Prompt</th>
                <th scope="col" style={{ width: 110 }}>
                  Visibility
                </th>
                <th scope="col" className="align-end" style={{ width: 80 }}>
                  Views
                </th>
                <th scope="col" className="align-end" style={{ width: 70 }}>
                  Cases
                </th>
                <th scope="col" style={{ width: 160 }}>
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {list.posts.map((post) => (
                <tr key={post.id}>
                  <td>
                    <img className="account-poster" src={post.posterUrl} alt="" width={36} height={48} loading="lazy" />
                  </td>
                  <td title={post.prompt}>
                    {truncate(post.prompt, 100)} <code className="muted account-small">{post.id}</code>
                  </td>
                  <td>
                    <span className={`status status-${post.visibility}`}>{labelOf(VISIBILITY_LABELS, post.visibility)}</span>
                  </td>
                  <td className="align-end">{formatCount(post.viewCount)}</td>
                  <td className="align-end">{formatCount(post._count.cases)}</td>
                  <td>{formatDateTime(post.createdAt)}</td>
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
