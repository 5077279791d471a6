import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

/** Approves another staff member's pending action (four-eyes rule); the server refuses one's own. */
export function useApproveAction() {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  return useMutation({ ...trpc.cameo.approveAction.mutationOptions(), onSuccess: () => refresh() });
}
