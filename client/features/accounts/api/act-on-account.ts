import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type AccountActionOutcome = Wire<RouterOutputs["account"]["act"]>;

/**
 * Suspends, bans or reinstates an account. Afterwards the profile (status, restriction), the decision history,
 * search results showing the status and the audit log are read again from the server.
 */
export function useActOnAccount() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.account.act.mutationOptions(),
    onSuccess: () =>
      Promise.all(
        [
          trpc.account.get.pathKey(),
          trpc.account.decisions.pathKey(),
          trpc.account.search.pathKey(),
          trpc.audit.list.pathKey(),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}
