import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

/** Revokes one grant and acts on the grantee's posts with the cameo; small cascades complete within the request. */
export function useRevokeGrant() {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  return useMutation({ ...trpc.cameo.revokeGrant.mutationOptions(), onSuccess: () => refresh() });
}
