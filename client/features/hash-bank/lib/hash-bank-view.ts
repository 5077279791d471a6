// The bank page's view as the address bar holds it (`kind`, `state=out`, `post`), and how its values read.
import { applyUrlChanges, type UrlChanges } from "../../../lib/url-state.ts";
import type { HashBankCounts, HashBankFilters, HashKind } from "../api/list-hash-bank-entries.ts";

export const HASH_KIND_OPTIONS: readonly { value: HashKind | ""; label: string }[] = [
  { value: "", label: "All" },
  { value: "exact", label: "Exact file hash" },
  { value: "perceptual", label: "Video frame hash (PDQ)" },
];

export const HASH_STATE_OPTIONS = [
  { value: "", label: "In matching" },
  { value: "out", label: "Out of matching" },
] as const;

export const HASH_KIND_LABELS: Record<HashKind, string> = { exact: "Exact file", perceptual: "Video frame (PDQ)" };

export function parseHashBankFilters(params: URLSearchParams): HashBankFilters {
  const kind = params.get("kind");
  const post = params.get("post")?.trim();
  return {
    kind: kind === "exact" || kind === "perceptual" ? kind : null,
    active: params.get("state") !== "out",
    postId: post ? post : null,
  };
}

export interface HashBankFilterChanges {
  kind?: HashKind | null;
  active?: boolean;
  postId?: string | null;
}

/** Filter changes as URL parameter changes; a key left out stays as it is. */
export function urlChangesFor(changes: HashBankFilterChanges): UrlChanges {
  return {
    ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
    ...(changes.active !== undefined ? { state: changes.active ? null : "out" } : {}),
    ...(changes.postId !== undefined ? { post: changes.postId } : {}),
  };
}

/** The page's address for a view, keeping any other parameters of `current`. */
export function hashBankPath(current: URLSearchParams, changes: HashBankFilterChanges): string {
  const next = applyUrlChanges(current, urlChangesFor(changes));
  const query = next.toString();
  return query ? `/hash-bank?${query}` : "/hash-bank";
}

/** "3f9a1c0e…b7d2": enough to tell entries apart at a glance; the full value goes in a title. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

export interface HashBankTotals {
  activeExact: number;
  activePerceptual: number;
  inactive: number;
}

export function totalsOf(counts: HashBankCounts): HashBankTotals {
  const sum = (match: (c: HashBankCounts[number]) => boolean) => counts.filter(match).reduce((n, c) => n + c.count, 0);
  return {
    activeExact: sum((c) => c.active && c.kind === "exact"),
    activePerceptual: sum((c) => c.active && c.kind === "perceptual"),
    inactive: sum((c) => !c.active),
  };
}

/** What an empty table means in this view. */
export function emptyMessage(filters: HashBankFilters, totals: HashBankTotals | null): string {
  if (filters.postId)
    return filters.active
      ? "No hashes from this post are in matching."
      : "No hashes from this post have been taken out of matching.";
  if (!filters.active)
    return filters.kind
      ? "No hashes of this kind have been taken out of matching."
      : "Nothing has been taken out of matching.";
  if (filters.kind) return "No hashes of this kind are in matching.";
  if (totals && totals.inactive > 0) return "No hashes are in matching: every entry has been taken out.";
  return "The bank is empty: hashes are added when posts are taken down.";
}
