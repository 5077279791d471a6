import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** Where the browser downloads a wave's (or one batch's) codes; the download itself is a plain link. */
export function useInviteExportUrl(waveId: string, batchId?: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.inviteWave.exportUrl.queryOptions({ waveId, ...(batchId ? { batchId } : {}) }),
    staleTime: Infinity,
  });
}
