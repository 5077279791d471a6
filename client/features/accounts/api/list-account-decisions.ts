import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AccountDecision = Wire<RouterOutputs["account"]["decisions"]["items"][number]>;

const NO_DECISIONS: AccountDecision[] = [];

/** Decisions about the account or its posts, newest first, in keyset pages of 25. */
export function useAccountDecisions(accountId: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.account.decisions.infiniteQueryOptions(
      { accountId, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor, select: asWire },
    ),
  );
  const decisions = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_DECISIONS, [query.data]);
  return { ...query, decisions };
}
