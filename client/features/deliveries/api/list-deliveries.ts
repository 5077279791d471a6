import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type DeliveryStatus = NonNullable<RouterInputs["outbox"]["list"]["status"]>;
export type DeliveryRow = Wire<RouterOutputs["outbox"]["list"]["items"][number]>;
export type DeliveryCounts = RouterOutputs["outbox"]["list"]["counts"];

const NO_ROWS: DeliveryRow[] = [];
const PAGE_SIZE = 50;

/** Deliveries in one state, oldest first (the order they go out in). */
export function useDeliveryList(status: DeliveryStatus) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.outbox.list.infiniteQueryOptions(
      { status, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}

/**
 * How many deliveries are in each state. Reads the same cache entry as the list (every page carries the counts,
 * the latest page's are the freshest) and keeps the previous tab's counts while a new tab loads.
 */
export function useDeliveryCounts(status: DeliveryStatus): DeliveryCounts | undefined {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.outbox.list.infiniteQueryOptions(
      { status, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  return query.data?.pages[query.data.pages.length - 1]?.counts;
}
