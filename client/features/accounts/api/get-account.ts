import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AccountProfile = Wire<RouterOutputs["account"]["get"]>;
export type AccountStatus = AccountProfile["status"];
export type AccountRestriction = NonNullable<AccountProfile["restriction"]>;
export type AccountOpenCase = AccountProfile["openCases"][number];

/** One account's standing, origin, posts by visibility, open cases and cameos. */
export function useAccount(accountId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.account.get.queryOptions({ accountId }), select: asWire });
}
