import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AuditStatus = Wire<RouterOutputs["audit"]["status"]>;
export type AuditCheck = NonNullable<AuditStatus["lastCheck"]>;

/** The chain's last checks and checkpoint; each server's loop checks every half minute, so refresh about as often. */
export function useAuditStatus() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.audit.status.queryOptions(), select: asWire, refetchInterval: 30_000 });
}
