import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AuditRow = Wire<RouterOutputs["audit"]["list"]["items"][number]>;

const NO_ROWS: AuditRow[] = [];

/** Newest first; `action` matches by prefix, so "case." finds every case action. */
export function useAuditList(action: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { action: action || undefined, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}
