import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type StaffMember = Wire<RouterOutputs["staffUser"]["list"][number]>;

export function useStaffList() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.staffUser.list.queryOptions(), select: asWire });
}
