import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CameoRow = Wire<RouterOutputs["cameo"]["list"]["items"][number]>;
export type CameoStatus = NonNullable<RouterInputs["cameo"]["list"]["status"]>;

const NO_ROWS: CameoRow[] = [];

/** The cameo registry, optionally narrowed to an owner's handle prefix or one cameo id, and to one status. */
export function useCameoList(filters: { query: string; status: CameoStatus | undefined }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.cameo.list.infiniteQueryOptions(
      { query: filters.query || undefined, status: filters.status, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}
