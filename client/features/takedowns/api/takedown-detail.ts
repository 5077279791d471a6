import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type TakedownDetail = Wire<RouterOutputs["takedown"]["get"]>;
export type TakedownPost = TakedownDetail["identicalCopies"][number];

export function useTakedownDetail(requestId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.takedown.get.queryOptions({ requestId }), select: asWire });
}

/** After any change the request, its copies and the list's deadlines are read again from the server. */
export function useRefreshTakedown(requestId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.takedown.get.queryKey({ requestId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.takedown.list.pathKey() });
  };
}

export function useSetValidity(requestId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshTakedown(requestId);
  return useMutation({ ...trpc.takedown.setValidity.mutationOptions(), onSuccess: refresh });
}

export function useLocatePosts(requestId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshTakedown(requestId);
  return useMutation({ ...trpc.takedown.locate.mutationOptions(), onSuccess: refresh });
}

export function useTakeDown(requestId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshTakedown(requestId);
  return useMutation({ ...trpc.takedown.takeDown.mutationOptions(), onSuccess: refresh });
}
