import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Takes a person off the register, with the reason; the entry stays listed among the removed ones. */
export function useRemoveProtectedLikeness() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.likeness.protectedRemove.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.likeness.protectedList.pathKey() }),
  });
}
