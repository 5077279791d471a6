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
