import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CameoPost = Wire<RouterOutputs["cameo"]["posts"]["items"][number]>;

const NO_POSTS: CameoPost[] = [];

/** Every post the cameo appears in, newest first, optionally one creator's; keyset pages of 50. */
export function useCameoPosts(cameoId: string, creatorId: string | undefined) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.cameo.posts.infiniteQueryOptions(
      { cameoId, creatorId, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const posts = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NO_POSTS, [query.data]);
  return { ...query, posts };
}
