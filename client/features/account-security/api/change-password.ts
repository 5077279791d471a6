import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
export { ChangePasswordInput as changePasswordSchema, type ChangePasswordValues } from "@contracts/account-security.ts";
export { PASSWORD_MIN_LENGTH } from "@contracts/staff.ts";

/** The server ends every other session; a password an admin reset stops holding this one. */
export function useChangePassword() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.auth.changePassword.mutationOptions(),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() }),
        queryClient.refetchQueries({ queryKey: trpc.auth.me.queryKey() }),
      ]),
  });
}
