import { router, staffActorOf, staffProcedure } from "../trpc.ts";
import { DeactivateEntriesInput, HashBankListInput } from "../contracts/hash-bank.ts";
import { accessOf } from "../domain/access/queue-access.ts";
import { deactivateEntries, listHashBank } from "../domain/hashbank/entries.ts";

export const hashBankRouter = router({
  /** Entries newest first, by kind and state, with totals per kind and state. */
  list: staffProcedure
    .input(HashBankListInput)
    .query(async ({ ctx, input }) => listHashBank(ctx.db, input, await accessOf(ctx))),

  /** Takes entries out of matching with a reason; audited, one batch id for several. */
  deactivate: staffProcedure
    .input(DeactivateEntriesInput)
    .mutation(async ({ ctx, input }) =>
      deactivateEntries(ctx.db, input, staffActorOf(ctx), ctx.now(), await accessOf(ctx)),
    ),
});
