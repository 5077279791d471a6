import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { useTRPC } from "../../../lib/trpc.ts";

// The same rules as the server's sign-in input, so most mistakes are caught before a request is made.
export const signInSchema = z.object({
  email: z.email("Enter a valid email address").check(z.maxLength(254)),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024)),
});
export type SignInValues = z.infer<typeof signInSchema>;

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
