// Who is in the post and where it came from: cameo owners and their permission, and the remix lineage.
import { Link } from "wouter";
import { AccountLink } from "../../../components/account-link.tsx";
import { formatDateTime, humanize, truncate } from "../../../lib/format.ts";
import { useCurrentUser } from "../../../lib/auth.ts";
import { roleAtLeast } from "../../../lib/roles.ts";
import type { CasePost } from "../api/get-case.ts";

type Appearance = CasePost["appearances"][number];
type RelatedPost = NonNullable<CasePost["remixOf"]>;

/** Using someone else's cameo without a grant is the first thing a likeness review looks for. */
function GrantStatus({ appearance }: { appearance: Appearance }) {
  if (appearance.isOwnCameo) return <span className="muted">creator's own cameo</span>;
  if (appearance.permission === "everyone") return <span>open to everyone</span>;
  if (!appearance.grant) return <span className="flag">no grant</span>;
  if (appearance.grant.status === "revoked") {
    return (
      <span className="flag">
        grant revoked{appearance.grant.revokedAt ? ` ${formatDateTime(appearance.grant.revokedAt)}` : ""}
      </span>
    );
  }
  return <span>grant active since {formatDateTime(appearance.grant.createdAt)}</span>;
}

export function CameoAppearances({ post }: { post: CasePost }) {
  // Staff act on cameos (revoke, disable); moderators see the facts and escalate.
  const canActOnCameos = roleAtLeast(useCurrentUser().role, "staff");
  if (post.appearances.length === 0) return null;
  return (
    <section className="panel case-section" aria-labelledby="case-cameos-heading">
      <h2 id="case-cameos-heading">Cameos in this post</h2>
      <ul className="plain-list">
        {post.appearances.map((a) => (
          <li key={a.id}>
            <strong>
              <AccountLink id={a.owner.id} handle={a.owner.handle} />
            </strong>{" "}
            · {humanize(a.permission)} · <GrantStatus appearance={a} />
            {a.status === "disabled" ? <span className="flag"> · cameo disabled</span> : null}
            {a.verifiedAt ? null : <span className="muted"> · unverified</span>}
            {canActOnCameos ? (
              <>
                {" "}
                · <Link href={`/cameos/${encodeURIComponent(a.id)}`}>open cameo</Link>
              </>
            ) : null}
            {a.restrictions ? <p className="muted">Owner's restrictions: {a.restrictions}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PostLink({ post }: { post: RelatedPost }) {
  // Posts have no page of their own; the creator's account page (standing, open cases, posts) is where a reviewer goes next.
  return (
    <>
      <AccountLink id={post.creator.id} handle={post.creator.handle} />{" "}
      <span title={post.prompt}>{truncate(post.prompt, 60)}</span>
      {post.visibility !== "public" ? <span className="tag">{humanize(post.visibility)}</span> : null}
    </>
  );
}

export function RemixLineage({ post }: { post: CasePost }) {
  if (!post.remixOf && post.remixes.length === 0 && post.siblings.length === 0) return null;
  return (
    <section className="panel case-section" aria-labelledby="case-lineage-heading">
      <h2 id="case-lineage-heading">Remix lineage</h2>
      {post.remixOf ? (
        <p>
          Remix of <PostLink post={post.remixOf} />
        </p>
      ) : null}
      <RelatedList title={`Remixes of this post (${post.remixCount})`} posts={post.remixes} />
      <RelatedList title="Other remixes of the same parent" posts={post.siblings} />
    </section>
  );
}

function RelatedList({ title, posts }: { title: string; posts: readonly RelatedPost[] }) {
  if (posts.length === 0) return null;
  return (
    <>
      <h3 className="subheading">{title}</h3>
      <ul className="plain-list small">
        {posts.map((p) => (
          <li key={p.id}>
            <PostLink post={p} />
          </li>
        ))}
      </ul>
    </>
  );
}
