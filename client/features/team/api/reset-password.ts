import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
export { ResetStaffPasswordInput as resetPasswordSchema } from "@contracts/staff.ts";

/** A one-time password for someone else; the server signs them out everywhere and asks for a new one at sign-in. */
export function useResetStaffPassword() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.staffUser.resetPassword.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staffUser.list.queryKey() }),
  });
}
