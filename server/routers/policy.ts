import { moderatorProcedure, router } from "../trpc.ts";
import { listActivePolicies } from "../domain/policies/catalogue.ts";

export const policyRouter = router({
  /** The catalogue a decision cites. */
  list: moderatorProcedure.query(({ ctx }) => listActivePolicies(ctx.db)),
});
