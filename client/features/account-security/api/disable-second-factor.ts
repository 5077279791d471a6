import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
export { DisableSecondFactorInput as disableSecondFactorSchema } from "@contracts/account-security.ts";

export function useDisableSecondFactor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.secondFactor.disable.mutationOptions(),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.secondFactor.status.queryKey() }),
        // Where the role requires a second factor, turning it off holds the session to enrolling a new one.
        queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() }),
      ]),
  });
}
