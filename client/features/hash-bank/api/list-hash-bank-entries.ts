import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type HashKind = NonNullable<RouterInputs["hashBank"]["list"]["kind"]>;
export type HashBankEntry = Wire<RouterOutputs["hashBank"]["list"]["items"][number]>;
export type HashBankCounts = RouterOutputs["hashBank"]["list"]["counts"];

export interface HashBankFilters {
  kind: HashKind | null;
  /** in matching (true) or taken out (false) */
  active: boolean;
  /** entries from the removal of this post */
  postId: string | null;
}

const NO_ROWS: HashBankEntry[] = [];
const PAGE_SIZE = 50;

function listInput(filters: HashBankFilters) {
  return {
    kind: filters.kind ?? undefined,
    active: filters.active,
    postId: filters.postId ?? undefined,
    limit: PAGE_SIZE,
  };
}

/** Bank entries for one view, newest first, a page at a time. */
export function useHashBankEntries(filters: HashBankFilters) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.hashBank.list.infiniteQueryOptions(listInput(filters), {
      getNextPageParam: (last) => last.nextCursor,
      select: asWire,
    }),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}

/**
 * How many entries the whole bank holds per kind and state. Reads the same cache entry as the list (every page
 * carries the totals; the latest page's are the freshest) and keeps the previous view's while a new one loads.
 */
export function useHashBankCounts(filters: HashBankFilters): HashBankCounts | undefined {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.hashBank.list.infiniteQueryOptions(listInput(filters), {
      getNextPageParam: (last) => last.nextCursor,
      placeholderData: keepPreviousData,
    }),
  );
  return query.data?.pages[query.data.pages.length - 1]?.counts;
}
