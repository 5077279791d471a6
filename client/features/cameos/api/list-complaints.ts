import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterInputs, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type LikenessComplaint = Wire<RouterOutputs["likeness"]["complaints"]["items"][number]>;
export type VerificationFilter = NonNullable<RouterInputs["likeness"]["complaints"]["verification"]>;

const NONE: LikenessComplaint[] = [];

/** Likeness complaints, newest first: all of them, one verification state's, or those about one cameo. */
export function useLikenessComplaints(filters: { verification?: VerificationFilter; cameoId?: string }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.likeness.complaints.infiniteQueryOptions(
      { verification: filters.verification, cameoId: filters.cameoId, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData, select: asWire },
    ),
  );
  const complaints = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? NONE, [query.data]);
  return { ...query, complaints };
}
