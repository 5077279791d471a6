import { moderatorProcedure, router, staffActorOf, staffProcedure } from "../trpc.ts";
import { AccountActionInput, AccountPageInput, AccountRef, AccountSearchInput } from "../contracts/accounts.ts";
import { searchAccounts } from "../domain/accounts/search.ts";
import { getAccountProfile } from "../domain/accounts/profile.ts";
import { listAccountDecisions, listAccountPosts } from "../domain/accounts/history.ts";
import { actOnAccount } from "../domain/accounts/act.ts";
import { accessOf } from "../domain/access/queue-access.ts";

export const accountRouter = router({
  /** Accounts by exact id or handle prefix (with or without @), exact id first. */
  search: moderatorProcedure.input(AccountSearchInput).query(({ ctx, input }) => searchAccounts(ctx.db, input)),

  /** Standing, origin, posts by visibility, open cases and cameos of one account, as far as the caller may see them. */
  get: moderatorProcedure
    .input(AccountRef)
    .query(async ({ ctx, input }) => getAccountProfile(ctx.db, input.accountId, await accessOf(ctx))),

  /** The account's posts the caller may see, newest first. */
  posts: moderatorProcedure
    .input(AccountPageInput)
    .query(async ({ ctx, input }) => listAccountPosts(ctx.db, input, await accessOf(ctx))),

  /** Decisions about the account or its posts that the caller may see, newest first. */
  decisions: moderatorProcedure
    .input(AccountPageInput)
    .query(async ({ ctx, input }) => listAccountDecisions(ctx.db, input, await accessOf(ctx))),

  /** Suspend, ban or reinstate the account: policy and reason required, audited, sent to the platform. */
  act: staffProcedure
    .input(AccountActionInput)
    .mutation(({ ctx, input }) => actOnAccount(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
