import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type MediaMatch = Wire<RouterOutputs["case"]["mediaMatch"]>;
export type MediaMatchStrip = NonNullable<MediaMatch["post"]>;

/** Which frames of the case's post match a removed post's video; fetched only once the reviewer asks. */
export function useMediaMatch(caseId: string, matchedPostId: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.case.mediaMatch.queryOptions({ caseId, matchedPostId }),
    select: asWire,
    enabled,
    staleTime: 60_000,
  });
}
