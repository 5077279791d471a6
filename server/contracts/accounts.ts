// Inputs of the account procedures, the actions shared with the console's form. zod/mini only (client bundle).
import * as z from "zod/mini";

export const ACCOUNT_ACTIONS = ["suspend", "ban", "reinstate"] as const;
export type AccountActionName = (typeof ACCOUNT_ACTIONS)[number];

const common = {
  accountId: z.string().check(z.trim(), z.minLength(1, "Name an account"), z.maxLength(200)),
  policyId: z.string().check(z.uuid("Choose a policy")),
  reason: z.string().check(z.trim(), z.minLength(3, "Write the reason (at least 3 characters)"), z.maxLength(2_000)),
  /** a repeated submit with the same key changes nothing the second time */
  idempotencyKey: z.optional(z.string().check(z.uuid("idempotencyKey: not a UUID"))),
};

export const AccountActionInput = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("suspend"),
    suspendDays: z.int().check(z.minimum(1, "At least 1 day"), z.maximum(365, "At most 365 days")),
    ...common,
  }),
  z.object({ action: z.literal("ban"), ...common }),
  z.object({ action: z.literal("reinstate"), ...common }),
]);
export type AccountActionValues = z.infer<typeof AccountActionInput>;

const accountId = z.string().check(z.trim(), z.minLength(1, "Name an account"), z.maxLength(200));

/** Accounts by exact id or handle prefix (with or without @). */
export const AccountSearchInput = z.object({
  query: z.string().check(z.trim(), z.minLength(1, "Type a handle or an account id"), z.maxLength(100)),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
});
export type AccountSearchInput = z.input<typeof AccountSearchInput>;

export const AccountRef = z.object({ accountId });

/** One page of an account's posts or decisions, newest first. */
export const AccountPageInput = z.object({
  accountId,
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
});
export type AccountPageInput = z.output<typeof AccountPageInput>;
