import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Adds a person to the register; the platform's next fetch of the feed blocks their likeness. */
export function useAddProtectedLikeness() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.likeness.protectedAdd.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.likeness.protectedList.pathKey() }),
  });
}
