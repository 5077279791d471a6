import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
// The procedure's own input schema, so most mistakes are caught before a request is made.
export { SignInInput as signInSchema, type SignInValues } from "../../../../server/contracts/staff.ts";

export function useSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.auth.signIn.mutationOptions(),
    onSuccess: ({ user }) => {
      // The router sends a signed-in user on to the page they wanted as soon as it sees the user.
      queryClient.setQueryData(trpc.auth.me.queryKey(), user);
    },
  });
}
