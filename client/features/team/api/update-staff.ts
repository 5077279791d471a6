import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Role changes and disabling; either signs the person out everywhere (the server revokes their sessions). */
export function useUpdateStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.staffUser.update.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staffUser.list.queryKey() }),
  });
}
