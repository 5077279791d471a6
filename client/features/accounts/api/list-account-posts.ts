import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AccountPost = Wire<RouterOutputs["account"]["posts"]["items"][number]>;

const NO_POSTS: AccountPost[] = [];

/** The account's posts, newest first, in keyset pages of 25. */
export function useAccountPosts(accountId: string) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.account.posts.infiniteQueryOptions(
      { accountId, limit: 25 },
      { getNextPageParam: (last) => last.nextCursor, select: asWire },
    ),
  );
  const posts = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_POSTS, [query.data]);
  return { ...query, posts };
}
