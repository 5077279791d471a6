import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CaseDetail = Wire<RouterOutputs["case"]["get"]>;
export type CasePost = NonNullable<CaseDetail["post"]>;
export type CaseSignal = CaseDetail["signals"][number];
export type CaseDecision = CaseDetail["decisions"][number];

/**
 * The whole case. Each load is audited as a view of evidence on the server, so it is not refetched in the
 * background while the reviewer looks at it; changes by others surface as a conflict when deciding.
 */
export function useCaseDetail(caseId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.case.get.queryOptions({ caseId }), select: asWire, staleTime: Infinity, gcTime: 60_000 });
}
