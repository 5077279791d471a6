import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

/** The server caps a search at 50; a full page means there may be more. */
export const SEARCH_LIMIT = 50;

export type AccountSearchRow = Wire<RouterOutputs["account"]["search"][number]>;

/** Accounts whose id is the query or whose handle starts with it; nothing is asked before something is typed. */
export function useAccountSearch(query: string) {
  const trpc = useTRPC();
  const text = query.trim();
  return useQuery({
    ...trpc.account.search.queryOptions({ query: text, limit: SEARCH_LIMIT }),
    enabled: text.length > 0,
    // The old results stay while the next keystroke's answer loads, so the table does not blink.
    placeholderData: keepPreviousData,
    select: asWire,
  });
}
