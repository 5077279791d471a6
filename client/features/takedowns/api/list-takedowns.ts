import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type TakedownRow = Wire<RouterOutputs["takedown"]["list"]["items"][number]>;

const NO_ROWS: TakedownRow[] = [];

/** Open requests, soonest legal deadline first. */
export function useTakedownList() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.takedown.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}
