import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type SecondFactorStatus = Wire<RouterOutputs["secondFactor"]["status"]>;

export function useSecondFactorStatus() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.secondFactor.status.queryOptions(), select: asWire });
}

/** After enrolling or new recovery codes: the status, and whether the session is still held to enrolment. */
export function useRefreshSecondFactor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.secondFactor.status.queryKey() }),
        queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() }),
      ]),
    [queryClient, trpc],
  );
}
