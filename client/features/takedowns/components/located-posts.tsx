// The posts the request covers, selectable for the decision; identical copies (same content hash) offered for
// inclusion; and more posts added from pasted links or ids.
import { useState } from "react";
import { Button } from "../../../components/button.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { messageOf } from "../../../lib/api-errors.ts";
import { humanize, truncate } from "../../../lib/format.ts";
import { useLocatePosts, type TakedownDetail, type TakedownPost } from "../api/takedown-detail.ts";
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
  const ids = request.posts.map((p) => p.postId);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };

  return (
    <section className="panel takedown-posts" aria-labelledby="posts-heading">
      <h2 id="posts-heading">Located posts</h2>
      {request.posts.length === 0 ? (
        <EmptyState title="No posts located yet">Add posts from the requester's links or by id below.</EmptyState>
      ) : (
        <table className="data-table" aria-labelledby="posts-heading">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all posts"
                  checked={allSelected}
                  onChange={(event) => onSelectedChange(new Set(event.target.checked ? ids : []))}
                />
              </th>
              <th scope="col">Poster</th>
              <th scope="col">Prompt</th>
              <th scope="col">Creator</th>
              <th scope="col">Visibility</th>
              <th scope="col">Matched by</th>
            </tr>
          </thead>
          <tbody>
            {request.posts.map(({ postId, matchedBy, post }) => (
              <tr key={postId} className={selected.has(postId) ? "is-selected" : undefined}>
                <td>
                  <input type="checkbox" aria-label={`Select post ${postId}`} checked={selected.has(postId)} onChange={(event) => toggle(postId, event.target.checked)} />
                </td>
                <td>
                  <PostPoster post={post} />
                </td>
                <td title={post.prompt}>{truncate(post.prompt, 80)}</td>
                <td>@{post.creator.handle}</td>
                <td>
                  <span className={`status status-${post.visibility}`}>{humanize(post.visibility)}</span>
                </td>
                <td>{MATCHED_BY[matchedBy] ?? humanize(matchedBy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <IdenticalCopies request={request} />
      <AddPostsForm requestId={request.id} />
    </section>
  );
}

function PostPoster({ post }: { post: TakedownPost }) {
  return post.posterUrl ? <img className="takedown-poster" src={post.posterUrl} alt={`Poster of ${post.id}`} width={48} height={64} /> : <code>{post.id}</code>;
}

function IdenticalCopies({ request }: { request: TakedownDetail }) {
  const locate = useLocatePosts(request.id);
  const [adding, setAdding] = useState<string | null>(null);
  const add = (postId: string) => {
    setAdding(postId);
    locate.mutate({ requestId: request.id, references: [postId], matchedBy: "exact_hash" }, { onSettled: () => setAdding(null) });
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
              <Button size="sm" isPending={adding === copy.id} aria-label={`Add to request: ${copy.id}`} onClick={() => add(copy.id)}>
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
