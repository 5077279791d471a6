import { adminProcedure, router, staffActorOf } from "../trpc.ts";
import { OutboxListInput, RetryDeliveriesInput } from "../contracts/outbox.ts";
import { listOutbox, retryDeadDeliveries } from "../domain/outbox/outbox-admin.ts";

export const outboxRouter = router({
  /** Deliveries to the platform by state, oldest first, with how many are in each state. */
  list: adminProcedure.input(OutboxListInput).query(({ ctx, input }) => listOutbox(ctx.db, input)),

  /** Puts dead-lettered deliveries back in line for an immediate attempt; pending ones are left alone. */
  retry: adminProcedure
    .input(RetryDeliveriesInput)
    .mutation(({ ctx, input }) => retryDeadDeliveries(ctx.db, input, staffActorOf(ctx), ctx.now())),
});
