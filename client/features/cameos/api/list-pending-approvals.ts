import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC } from "../../../lib/trpc.ts";

/** Cameo actions waiting for a second staff member (four-eyes rule), oldest first. */
export function usePendingApprovals() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.cameo.pendingApprovals.queryOptions({}), select: asWire });
}
