import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
// The procedure's own input schema, so most mistakes are caught before a request is made.
export { SignInInput as signInSchema, type SignInValues } from "@contracts/staff.ts";
export { SecondFactorCodeInput as secondFactorCodeSchema } from "@contracts/account-security.ts";

export function useSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.auth.signIn.mutationOptions(),
    onSuccess: async (result) => {
      if (result.secondFactorRequired) return;
      // The session may be held to one task (a reset password, a required second factor): `me` says which, and
      // the router sends the user on as soon as it sees them.
      await queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() });
    },
  });
}
