import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type InviteCodeFilter = Omit<RouterInputs["inviteWave"]["codes"], "cursor" | "limit">;
export type InviteCodeRow = Wire<RouterOutputs["inviteWave"]["codes"]["items"][number]>;

const NO_ROWS: InviteCodeRow[] = [];
/** The server's largest page: fewer round trips while someone drags the scrollbar far down. */
export const CODES_PAGE_SIZE = 500;

/** Codes in creation order, one keyset page at a time; the total arrives with the first page. */
export function useInviteCodes(filter: InviteCodeFilter) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.inviteWave.codes.infiniteQueryOptions(
      { ...filter, limit: CODES_PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? NO_ROWS, [query.data]);
  const total = query.data?.pages[0]?.total ?? null;
  return { ...query, rows, total };
}

/** How many codes match a filter, without fetching them (one row and the count). */
export function useInviteCodeCount(filter: InviteCodeFilter, enabled = true) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.codes.queryOptions({ ...filter, limit: 1 }),
    enabled,
    staleTime: 0,
    select: (page) => page.total,
  });
}
