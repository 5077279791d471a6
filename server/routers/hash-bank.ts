import { adminProcedure, router, staffActorOf, staffProcedure } from "../trpc.ts";
import {
  BankImportsInput,
  CreateBankInput,
  DeactivateEntriesInput,
  DecideBankActionInput,
  HashBankListInput,
  SetPolicyBankInput,
  UpdateBankInput,
} from "../contracts/hash-bank.ts";
import { accessOf } from "../domain/access/queue-access.ts";
import { deactivateEntries, listHashBank } from "../domain/hashbank/entries.ts";
import {
  createBank,
  decideBankAction,
  listBankImports,
  listBanks,
  setPolicyBank,
  updateBank,
} from "../domain/hashbank/banks.ts";

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

  /** The banks, what a match against each does, their sizes and the policies that feed them. */
  banks: staffProcedure.query(({ ctx }) => listBanks(ctx.db)),

  createBank: adminProcedure
    .input(CreateBankInput)
    .mutation(({ ctx, input }) => createBank(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /** Name, description, on/off, retro-scan window and action; automatic take-down waits for a second admin. */
  updateBank: adminProcedure
    .input(UpdateBankInput)
    .mutation(({ ctx, input }) => updateBank(ctx.db, input, staffActorOf(ctx), ctx.now())),

  decideBankAction: adminProcedure
    .input(DecideBankActionInput)
    .mutation(({ ctx, input }) => decideBankAction(ctx.db, input, staffActorOf(ctx), ctx.now())),

  /** A bank's hash-list imports, newest first, with their progress and refused lines. */
  imports: staffProcedure.input(BankImportsInput).query(({ ctx, input }) => listBankImports(ctx.db, input.bankId)),

  /** The bank a take-down under a policy adds its content to. */
  setPolicyBank: adminProcedure
    .input(SetPolicyBankInput)
    .mutation(({ ctx, input }) => setPolicyBank(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
