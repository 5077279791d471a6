// The bank table's columns. Which show depends on the view: only entries in matching can be selected and taken
// out; entries out of matching say when, by whom and why.
import { createColumnHelper } from "@tanstack/react-table";
import { Link } from "wouter";
import { AccountLink } from "../../../components/account-link.tsx";
import { Button } from "../../../components/button.tsx";
import { dataTableFeatures } from "../../../components/data-table.tsx";
import { formatDateTime, humanize, truncate } from "../../../lib/format.ts";
import type { HashBankEntry } from "../api/list-hash-bank-entries.ts";
import { HASH_KIND_LABELS, shortHash } from "../lib/hash-bank-view.ts";
import { SelectAllRows, SelectRow } from "../../../components/row-selection.tsx";

const helper = createColumnHelper<typeof dataTableFeatures, HashBankEntry>();

const IN_MATCHING = ["select", "kind", "hash", "post", "policy", "added", "decision", "actions"];
const OUT_OF_MATCHING = ["kind", "hash", "post", "policy", "added", "decision", "takenOut", "why"];

export function visibleColumnsFor(active: boolean): readonly string[] {
  return active ? IN_MATCHING : OUT_OF_MATCHING;
}

/** How a row is named to a screen reader: "exact file hash 3f9a1c0e…b7d2 of post_123". */
export function describeEntry(entry: HashBankEntry): string {
  const of = entry.post ? ` of ${entry.post.id}` : "";
  return `${HASH_KIND_LABELS[entry.kind].toLowerCase()} hash ${shortHash(entry.hash)}${of}`;
}

function When({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTime(at)}</time>;
}

const none = <span className="muted">—</span>;

export function buildHashBankColumns({
  onTakeOut,
  postPath,
}: {
  onTakeOut: (entries: HashBankEntry[]) => void;
  postPath: (postId: string) => string;
}) {
  return helper.columns([
    helper.display({
      id: "select",
      meta: { width: 40, label: "Select" },
      header: ({ table }) => <SelectAllRows table={table} label="Select all loaded entries" />,
      cell: ({ row }) => <SelectRow row={row} label={`Select ${describeEntry(row.original)}`} />,
    }),
    helper.accessor("kind", {
      header: "Kind",
      meta: { width: 150 },
      cell: (info) => {
        const entry = info.row.original;
        if (entry.kind === "perceptual" && entry.legacy)
          return (
            <span title="A keyframe hash the platform sent before Vigil hashed media itself: kept for the record, never matched">
              Platform keyframe <span className="muted">(legacy, not matched)</span>
            </span>
          );
        return entry.kind === "perceptual" && entry.atMs !== null ? (
          <>
            {HASH_KIND_LABELS.perceptual}{" "}
            <span className="muted">
              at {(entry.atMs / 1000).toFixed(0)} s{entry.quality !== null ? `, quality ${entry.quality}` : ""}
            </span>
          </>
        ) : (
          HASH_KIND_LABELS[entry.kind]
        );
      },
    }),
    helper.accessor("hash", {
      header: "Hash",
      meta: { width: 130 },
      cell: (info) => (
        <code className="hash-value" title={info.getValue()}>
          {shortHash(info.getValue())}
        </code>
      ),
    }),
    helper.accessor("post", {
      header: "Removed post",
      meta: { minWidth: 260 },
      cell: (info) => {
        const post = info.getValue();
        if (!post) return <span className="muted">No post on record</span>;
        return (
          <div className="hash-post">
            {/* Removed content: a small blurred poster, like every other view of taken-down posts. */}
            {post.posterUrl ? (
              <img className="takedown-poster" src={post.posterUrl} alt="" width={27} height={36} loading="lazy" />
            ) : null}
            <div className="hash-post-text">
              <span className="truncate" title={post.prompt}>
                {truncate(post.prompt, 80)}
              </span>
              <span className="muted">
                <AccountLink id={post.creator.id} handle={post.creator.handle} /> ·{" "}
                <Link href={postPath(post.id)} title="Show only this post's entries">
                  <code>{post.id}</code>
                </Link>
              </span>
            </div>
          </div>
        );
      },
    }),
    helper.accessor("policy", {
      header: "Policy",
      meta: { width: 150 },
      cell: (info) => {
        const policy = info.getValue();
        return policy ? (
          <span title={policy.name}>
            <code>{policy.code}</code>
          </span>
        ) : (
          none
        );
      },
    }),
    helper.accessor("createdAt", {
      id: "added",
      header: "Added",
      meta: { width: 160 },
      cell: (info) => <When at={info.getValue()} />,
    }),
    helper.accessor("decision", {
      header: "Decision",
      meta: { width: 140 },
      cell: (info) => {
        const decision = info.getValue();
        if (!decision) return none;
        return (
          <>
            {humanize(decision.type)}
            {decision.caseId ? (
              <div>
                <Link href={`/cases/${encodeURIComponent(decision.caseId)}`}>Open case</Link>
              </div>
            ) : null}
          </>
        );
      },
    }),
    helper.accessor("deactivatedAt", {
      id: "takenOut",
      header: "Taken out",
      meta: { width: 170 },
      cell: ({ row }) => {
        const { deactivatedAt, deactivatedBy } = row.original;
        return (
          <>
            {deactivatedAt ? <When at={deactivatedAt} /> : none}
            <div className="muted">by {deactivatedBy?.displayName ?? "the system"}</div>
          </>
        );
      },
    }),
    helper.accessor("deactivatedReason", {
      id: "why",
      header: "Why",
      meta: { minWidth: 200 },
      cell: (info) => <span className="hash-reason">{info.getValue() ?? "—"}</span>,
    }),
    helper.display({
      id: "actions",
      meta: { width: 100, label: "Actions" },
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => (
        <Button
          size="sm"
          aria-label={`Take ${describeEntry(row.original)} out of matching…`}
          onClick={() => onTakeOut([row.original])}
        >
          Take out…
        </Button>
      ),
    }),
  ]);
}
