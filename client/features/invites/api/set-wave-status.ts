import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export function useSetWaveStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.inviteWave.setStatus.mutationOptions(),
    onSuccess: (_wave, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.inviteWave.get.queryKey({ waveId: input.waveId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.inviteWave.list.queryKey() }),
      ]),
  });
}
