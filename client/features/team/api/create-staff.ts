import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
// The procedure's own input schema: the form and the server check the same rules.
export {
  NewStaffUserInput as newStaffSchema,
  PASSWORD_MIN_LENGTH,
  type NewStaffUserValues as NewStaffValues,
} from "@contracts/staff.ts";

export function useCreateStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.staffUser.create.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staffUser.list.queryKey() }),
  });
}
