// "Next case": claims the highest-priority unclaimed case of a queue on the server and opens it. Shared by the
// queue list and the case view, which hand over what the reviewer should see next through the history state.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import { useTRPC, type RouterInputs } from "./trpc.ts";

export type QueueName = RouterInputs["case"]["next"]["queue"];

export function casePath(caseId: string): string {
  return `/cases/${caseId}`;
}

/** What the page after a decision should tell the reviewer. */
export interface ReviewHandoff {
  /** the queue had nothing left to claim */
  queueEmpty?: boolean;
  /** the last decision brought the creator to the policy's strike threshold */
  proposeSuspension?: { handle: string; strikes: number; threshold: number } | null;
}

export function useReviewHandoff(): ReviewHandoff {
  const state: unknown = useHistoryState();
  if (!state || typeof state !== "object") return {};
  const { queueEmpty, proposeSuspension } = state as ReviewHandoff;
  return { queueEmpty: queueEmpty === true, proposeSuspension: proposeSuspension ?? null };
}

export function useOpenNextCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const mutation = useMutation({
    ...trpc.case.next.mutationOptions(),
    // The claimed case changes the list's "Claimed by" column and the queue's open count.
    // Not awaited: the reviewer is leaving the list, which refetches when it is shown again.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: trpc.case.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.case.queues.queryKey() });
    },
  });

  const openNext = async (queue: QueueName, handoff: Omit<ReviewHandoff, "queueEmpty"> = {}) => {
    const { caseId } = await mutation.mutateAsync({ queue });
    if (caseId) navigate(casePath(caseId), { state: handoff });
    else navigate(`/queues/${queue}`, { state: { ...handoff, queueEmpty: true } satisfies ReviewHandoff });
    return caseId;
  };
  return { openNext, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
