import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type SimilarRemoved = Wire<RouterOutputs["case"]["similarRemoved"][number]>;

/** Removed posts the case's post looks like, from the hash bank; loaded beside the case, not before it. */
export function useSimilarRemoved(caseId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.case.similarRemoved.queryOptions({ caseId }), select: asWire, staleTime: 60_000 });
}
