import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Ties a complaint to the cameo it is about, or to a protected-likeness register entry. */
export function useLinkComplaint() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.likeness.link.mutationOptions(),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.likeness.complaints.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.likeness.complaint.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.likeness.protectedList.pathKey() }),
      ]),
  });
}
