import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** An admin's check of every row; it is recorded and audited, so the status and the log both change. */
export function useVerifyAuditChain() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.audit.verify.mutationOptions(),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.audit.status.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() }),
      ]),
  });
}
