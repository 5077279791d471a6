import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

/** Disables a cameo and acts on every post it appears in; always waits for a second staff member. */
export function useDisableCameo() {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  return useMutation({ ...trpc.cameo.disable.mutationOptions(), onSuccess: () => refresh() });
}
