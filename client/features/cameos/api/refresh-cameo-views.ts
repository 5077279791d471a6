// What a cameo action can change: the cameo and its grants, its posts' visibility, the registry list, the
// approvals waiting, the actions themselves, and the complaint whose case it resolves. Each mutation hook calls
// this after success, so every open view reads the new state from the server.
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export function useRefreshCameoViews() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [
        trpc.cameo.detail.pathKey(),
        trpc.cameo.posts.pathKey(),
        trpc.cameo.list.pathKey(),
        trpc.cameo.pendingApprovals.pathKey(),
        trpc.cameo.action.pathKey(),
        trpc.likeness.complaints.pathKey(),
        trpc.audit.list.pathKey(),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}
