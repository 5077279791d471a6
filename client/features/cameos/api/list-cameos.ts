import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CameoRow = Wire<RouterOutputs["cameo"]["list"]["items"][number]>;

const NO_ROWS: CameoRow[] = [];

/** The cameo registry, optionally narrowed to owners whose handle starts with the given text. */
export function useCameoList(ownerHandle: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.cameo.list.infiniteQueryOptions(
      { ownerHandle: ownerHandle || undefined, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}
