// Inputs of the deliveries page: the outbox by state, and retrying dead-lettered deliveries. Server-only (full zod).
import { z } from "zod";

export const OUTBOX_STATUSES = ["pending", "dead", "delivered"] as const;
export type OutboxStatusName = (typeof OUTBOX_STATUSES)[number];

export const OutboxListInput = z.object({
  status: z.enum(OUTBOX_STATUSES).default("pending"),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type OutboxListInput = z.output<typeof OutboxListInput>;

export const RetryDeliveriesInput = z.object({
  ids: z.array(z.uuid()).min(1, { message: "Select at least one delivery" }).max(500),
});
export type RetryDeliveriesInput = z.output<typeof RetryDeliveriesInput>;
