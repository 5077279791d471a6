import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

/** The public takedown form's one call; nothing is cached, so there is nothing to invalidate. */
export function useSubmitTakedown() {
  const trpc = useTRPC();
  return useMutation(trpc.takedown.submit.mutationOptions());
}
