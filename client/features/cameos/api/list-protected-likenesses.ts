import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type ProtectedLikeness = Wire<RouterOutputs["likeness"]["protectedList"][number]>;

/** The protected-likeness register: active entries, or every entry including removed ones. */
export function useProtectedLikenesses(filters: { search: string; includeRemoved: boolean }) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.likeness.protectedList.queryOptions({
      search: filters.search || undefined,
      includeRemoved: filters.includeRemoved,
    }),
    placeholderData: keepPreviousData,
    select: asWire,
  });
}
