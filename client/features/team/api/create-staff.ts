import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as z from "zod/mini";
import { STAFF_ROLES } from "../../../lib/roles.ts";
import { useTRPC } from "../../../lib/trpc.ts";

/** The server's rule for staff passwords; it checks again. */
export const PASSWORD_MIN_LENGTH = 12;

export const newStaffSchema = z.object({
  email: z.email("Enter a valid email address").check(z.maxLength(254)),
  displayName: z.string().check(z.trim(), z.minLength(1, "Enter a display name"), z.maxLength(80)),
  role: z.enum(STAFF_ROLES, "Choose a role"),
  password: z.string().check(z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`), z.maxLength(1024)),
});
export type NewStaffValues = z.infer<typeof newStaffSchema>;

export function useCreateStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.staffUser.create.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.staffUser.list.queryKey() }),
  });
}
