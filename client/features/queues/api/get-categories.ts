import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Case categories use the policy codes, so the policy catalogue names them. */
export function useCategoryOptions() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.policy.list.queryOptions(),
    staleTime: 10 * 60_000,
    select: (policies) => policies.map((p) => ({ value: p.code, label: p.name })),
  });
}
