import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Ending this very session signs out here: the cookie is gone, so the app asks who is signed in again. */
export function useEndSession() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.session.end.mutationOptions(),
    onSuccess: ({ endedCurrent }) => {
      if (endedCurrent) {
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        return;
      }
      return queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() });
    },
  });
}

export function useEndOtherSessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.session.endOthers.mutationOptions(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.session.list.queryKey() }),
  });
}
