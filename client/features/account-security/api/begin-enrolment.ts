import { useMutation } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";

export type Enrolment = RouterOutputs["secondFactor"]["beginEnrolment"];

/** A new secret for the authenticator app; the server shows it this once. */
export function useBeginEnrolment() {
  const trpc = useTRPC();
  return useMutation(trpc.secondFactor.beginEnrolment.mutationOptions());
}
