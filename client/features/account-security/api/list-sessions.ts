import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type OwnSession = Wire<RouterOutputs["session"]["list"][number]>;

export function useOwnSessions(options: { enabled?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.session.list.queryOptions(), select: asWire, enabled: options.enabled ?? true });
}
