import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Staff enter a request received by post or email; the new request joins the list. */
export function useEnterTakedown() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.takedown.enter.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.takedown.list.pathKey() }),
  });
}
