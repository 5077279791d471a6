import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CaseListInput = Omit<RouterInputs["case"]["list"], "cursor">;
export type CaseRow = Wire<RouterOutputs["case"]["list"]["items"][number]>;

const NO_ROWS: CaseRow[] = [];

/** One page at a time, by keyset cursor; the rows of earlier pages stay while the next one loads. */
export function useCaseList(input: CaseListInput) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.case.list.infiniteQueryOptions(input, {
      getNextPageParam: (lastPage) => lastPage.nextCursor,
      // A new filter keeps the old rows on screen (marked busy) instead of flashing an empty table.
      placeholderData: keepPreviousData,
      select: asWire,
    }),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? NO_ROWS, [query.data]);
  return { ...query, rows };
}
