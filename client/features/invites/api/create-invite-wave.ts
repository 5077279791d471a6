import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export function useCreateInviteWave() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.inviteWave.create.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inviteWave.list.queryKey() }),
  });
}
