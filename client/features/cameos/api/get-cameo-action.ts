// One cameo action, polled every second while its cascade runs; when it ends, the views it changed are read again.
import { useEffect, useEffectEvent, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";
import { useRefreshCameoViews } from "./refresh-cameo-views.ts";

export type CameoAction = Wire<RouterOutputs["cameo"]["action"]>;

const POLL_MS = 1_000;

export function isRunning(status: string): boolean {
  return status === "approved" || status === "executing";
}

/** The freshest known state of the action: polled while running, otherwise what the caller already has. */
export function useCameoActionProgress(known: CameoAction): CameoAction {
  const trpc = useTRPC();
  const refresh = useRefreshCameoViews();
  const running = isRunning(known.status);
  const query = useQuery({
    ...trpc.cameo.action.queryOptions({ actionId: known.id }),
    select: asWire,
    enabled: running,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data.status) ? false : POLL_MS),
  });
  const action = running ? (query.data ?? known) : known;

  const watching = useRef(running);
  const onFinished = useEffectEvent(() => void refresh());
  useEffect(() => {
    if (isRunning(action.status)) watching.current = true;
    else if (watching.current) {
      watching.current = false;
      onFinished();
    }
  }, [action.status]);
  return action;
}
