import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
export { SecondFactorCodeInput as secondFactorCodeSchema } from "@contracts/account-security.ts";

/** The new codes are shown once; the status (codes left) is refetched when they are put away. */
export function useReplaceRecoveryCodes() {
  const trpc = useTRPC();
  return useMutation(trpc.secondFactor.replaceRecoveryCodes.mutationOptions());
}
