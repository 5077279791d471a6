import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

/** Reverses a completed revocation or disable: exactly the posts it changed come back. */
export function useReinstateAction() {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  return useMutation({ ...trpc.cameo.reinstate.mutationOptions(), onSuccess: () => refresh() });
}
