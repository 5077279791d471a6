import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Records whether the complainant's identity checked out, and how it was checked. */
export function useVerifyComplaint() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.likeness.verify.mutationOptions(),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.likeness.complaints.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.likeness.complaint.pathKey() }),
      ]),
  });
}
