// The policy catalogue a decision cites. Rarely changes, so it is kept for ten minutes.
import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "./trpc.ts";

export type Policy = RouterOutputs["policy"]["list"][number];

export function usePolicies() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.policy.list.queryOptions(), staleTime: 10 * 60_000 });
}
