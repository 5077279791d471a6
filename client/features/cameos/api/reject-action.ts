import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

/** Rejects a pending action, or withdraws one's own request; nothing changes on the cameo or its posts. */
export function useRejectAction() {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  return useMutation({ ...trpc.cameo.rejectAction.mutationOptions(), onSuccess: () => refresh() });
}
