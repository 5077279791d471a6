// The reviewer's claim on the open case: claimed on open, renewed while the view stays open, released on leaving
// without a decision. Leases expire on the server after five minutes, so a closed tab frees the case by itself.
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../lib/trpc.ts";

export const LEASE_RENEW_MS = 2 * 60_000;

export type LeaseState =
  | { kind: "claiming" }
  | { kind: "held"; leaseUntil: string }
  | { kind: "refused"; reason: string }
  | { kind: "failed"; error: unknown };

// A release waits one tick: remounting the same case (React's development double-mount, a quick back and
// forth) cancels it instead of racing a claim against a release.
const pendingReleases = new Map<string, number>();

export function useCaseLease(caseId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LeaseState>({ kind: "claiming" });
  const [attempt, setAttempt] = useState(0);
  const isDecided = useRef(false);

  useEffect(() => {
    const pending = pendingReleases.get(caseId);
    if (pending !== undefined) {
      window.clearTimeout(pending);
      pendingReleases.delete(caseId);
    }
    let isActive = true;
    let isHeld = false;
    let renewTimer: number | undefined;

    const claim = async () => {
      try {
        const result = await client.case.claim.mutate({ caseId });
        if (!isActive) return;
        if (result.claimed) {
          isHeld = true;
          setState({ kind: "held", leaseUntil: new Date(result.leaseUntil).toISOString() });
          renewTimer = window.setTimeout(() => void claim(), LEASE_RENEW_MS);
        } else {
          isHeld = false;
          setState({ kind: "refused", reason: result.reason });
        }
      } catch (error) {
        if (isActive) setState({ kind: "failed", error });
      }
    };
    void claim();

    return () => {
      isActive = false;
      window.clearTimeout(renewTimer);
      if (!isHeld || isDecided.current) return;
      const timer = window.setTimeout(() => {
        pendingReleases.delete(caseId);
        client.case.release
          .mutate({ caseId })
          .then(() => queryClient.invalidateQueries({ queryKey: trpc.case.list.pathKey() }))
          .catch(() => {
            // The lease runs out on its own.
          });
      }, 0);
      pendingReleases.set(caseId, timer);
    };
  }, [caseId, attempt, client, queryClient, trpc]);

  return {
    state,
    /** after a decision the server has already let go of the case */
    markDecided: () => {
      isDecided.current = true;
    },
    retry: () => {
      setState({ kind: "claiming" });
      setAttempt((n) => n + 1);
    },
  };
}
