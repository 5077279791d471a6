// One decision for many selected cases: sent in chunks of BULK_CHUNK that share a batch id, one after another,
// so the reviewer sees progress and an interrupted run can resume where it stopped. The server decides each
// case on its own and skips those that changed meanwhile; resending a chunk never decides a case twice.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BULK_CHUNK } from "@contracts/decisions.ts";
import type { DecisionOutput } from "../../../lib/decision-values.ts";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";
import { newUuid } from "../../../lib/uuid.ts";

export type BulkOutcome = RouterOutputs["case"]["decideBulk"]["outcomes"][number];
export interface BulkItem {
  caseId: string;
  expectedVersion: number;
}

export interface BulkRun {
  batchId: string;
  fields: DecisionOutput;
  total: number;
  outcomes: BulkOutcome[];
  /** items not yet sent; non-empty after an interruption */
  remaining: BulkItem[];
  status: "running" | "interrupted" | "done";
  error: unknown;
}

export function useBulkDecision() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decideChunk = useMutation(trpc.case.decideBulk.mutationOptions());
  const [run, setRun] = useState<BulkRun | null>(null);

  const sendFrom = async (start: BulkRun): Promise<BulkRun> => {
    let current = { ...start, status: "running" as const, error: null };
    setRun(current);
    while (current.remaining.length > 0) {
      const chunk = current.remaining.slice(0, BULK_CHUNK);
      try {
        const answer = await decideChunk.mutateAsync({ ...current.fields, batchId: current.batchId, items: chunk });
        current = {
          ...current,
          outcomes: [...current.outcomes, ...answer.outcomes],
          remaining: current.remaining.slice(chunk.length),
        };
        setRun(current);
      } catch (error) {
        const interrupted: BulkRun = { ...current, status: "interrupted", error };
        setRun(interrupted);
        void refreshLists();
        throw error;
      }
    }
    const done: BulkRun = { ...current, status: "done" };
    setRun(done);
    await refreshLists();
    return done;
  };

  const refreshLists = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.case.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.case.queues.queryKey() }),
    ]);

  return {
    run,
    /** one new batch for these cases */
    start: (fields: DecisionOutput, items: BulkItem[]) =>
      sendFrom({
        batchId: newUuid(),
        fields,
        total: items.length,
        outcomes: [],
        remaining: items,
        status: "running",
        error: null,
      }),
    /** sends what an interruption left, under the same batch id */
    resume: () => (run ? sendFrom(run) : Promise.resolve(null)),
    reset: () => setRun(null),
  };
}
