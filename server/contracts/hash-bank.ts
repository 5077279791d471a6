// Inputs of the hash bank procedures, deactivation shared with the console's dialog. zod/mini only (client bundle).
import * as z from "zod/mini";

export const DeactivateEntriesInput = z.object({
  entryIds: z
    .array(z.string().check(z.uuid("not a hash bank entry id")))
    .check(z.minLength(1, "Choose at least one entry"), z.maxLength(500)),
  reason: z.string().check(z.trim(), z.minLength(3, "Write the reason (at least 3 characters)"), z.maxLength(2_000)),
});
export type DeactivateEntriesValues = z.infer<typeof DeactivateEntriesInput>;

/** Entries newest first, by kind and state. */
export const HashBankListInput = z.object({
  kind: z.optional(z.enum(["exact", "perceptual"])),
  active: z._default(z.boolean(), true),
  /** entries from the removal of this post */
  postId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});

export const HASH_BANK_KINDS = [
  "removed_content",
  "ncii",
  "child_safety",
  "copyright",
  "likeness",
  "violent_extremism",
  "spam",
  "safe",
] as const;
export const HASH_BANK_ACTIONS = ["review", "hold", "take_down"] as const;

const bankName = z
  .string()
  .check(
    z.trim(),
    z.minLength(2, "Name the bank (at least 2 characters)"),
    z.maxLength(80, "At most 80 characters"),
    z.regex(/^[^,]+$/, "A bank name cannot contain a comma (the match API separates names with commas)"),
  );
const reason = z
  .string()
  .check(z.trim(), z.minLength(3, "Write the reason (at least 3 characters)"), z.maxLength(2_000));

/** A new bank. Automatic take-down is never set here: it is requested and approved by a second admin. */
export const CreateBankInput = z.object({
  name: bankName,
  kind: z.enum(HASH_BANK_KINDS),
  description: z._default(z.string().check(z.trim(), z.maxLength(1_000)), ""),
  action: z._default(z.enum(["review", "hold"]), "review"),
  retroScanDays: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(365)), 30),
});
export type CreateBankValues = z.infer<typeof CreateBankInput>;

export const UpdateBankInput = z.object({
  bankId: z.string().check(z.uuid("not a bank id")),
  name: z.optional(bankName),
  description: z.optional(z.string().check(z.trim(), z.maxLength(1_000))),
  enabled: z.optional(z.boolean()),
  /** review or hold take effect at once; take_down waits for a second admin */
  action: z.optional(z.enum(HASH_BANK_ACTIONS)),
  retroScanDays: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(365))),
  reason,
});
export type UpdateBankValues = z.infer<typeof UpdateBankInput>;

export const DecideBankActionInput = z.object({
  bankId: z.string().check(z.uuid("not a bank id")),
  approve: z.boolean(),
  reason,
});
export type DecideBankActionValues = z.infer<typeof DecideBankActionInput>;

export const SetPolicyBankInput = z.object({
  policyId: z.string().check(z.uuid("not a policy id")),
  /** null: the removed-content bank */
  bankId: z.nullable(z.string().check(z.uuid("not a bank id"))),
  reason,
});
export type SetPolicyBankValues = z.infer<typeof SetPolicyBankInput>;

export const BankImportsInput = z.object({ bankId: z.string().check(z.uuid("not a bank id")) });
