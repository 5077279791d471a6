import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
export { ConfirmSecondFactorInput as confirmEnrolmentSchema } from "@contracts/account-security.ts";

/**
 * Turns the factor on; the answer carries the recovery codes. Nothing is refetched here: a fresh status (or a
 * session no longer held to enrolment) would replace the page before the codes were saved. The recovery code
 * panel refreshes both once they are (useRefreshSecondFactor).
 */
export function useConfirmEnrolment() {
  const trpc = useTRPC();
  return useMutation(trpc.secondFactor.confirmEnrolment.mutationOptions());
}
