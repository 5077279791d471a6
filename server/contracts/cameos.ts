// Inputs of the cameo and likeness procedures, shared with the console's forms. zod/mini only (client bundle).
import * as z from "zod/mini";

/** Disabling a cameo, or any cascade over this many posts, waits for a second staff member's approval. */
export const FOUR_EYES_POST_THRESHOLD = 100;

export const CASCADE_MODES = ["take_down", "hold"] as const;
export type CascadeModeName = (typeof CASCADE_MODES)[number];

const reason = z
  .string()
  .check(z.trim(), z.minLength(3, "Write the reason (at least 3 characters)"), z.maxLength(2_000));
const uuid = (message: string) => z.string().check(z.uuid(message));
const cameoId = z.string().check(z.trim(), z.minLength(1, "Name a cameo"), z.maxLength(200));

const cascade = {
  mode: z.enum(CASCADE_MODES, "Choose take down or hold"),
  policyId: uuid("Choose a policy"),
  reason,
  /** the likeness complaint that prompted the action, attached as its reason */
  complaintSignalId: z.optional(uuid("complaintSignalId: not a complaint id")),
};

export const RevokeGrantInput = z.object({
  grantId: z.string().check(z.minLength(1, "Choose a grant"), z.maxLength(200)),
  ...cascade,
});
export type RevokeGrantValues = z.infer<typeof RevokeGrantInput>;

export const DisableCameoInput = z.object({ cameoId, ...cascade });
export type DisableCameoValues = z.infer<typeof DisableCameoInput>;

export const ReinstateInput = z.object({ actionId: uuid("Choose the action to reverse"), reason });
export type ReinstateValues = z.infer<typeof ReinstateInput>;

export const ApproveActionInput = z.object({ actionId: uuid("actionId: not an action id") });
export const RejectActionInput = z.object({ actionId: uuid("actionId: not an action id"), reason });

export const VERIFICATION_OUTCOMES = ["verified", "rejected"] as const;

export const VerifyComplaintInput = z.object({
  signalId: uuid("signalId: not a complaint id"),
  verification: z.enum(VERIFICATION_OUTCOMES, "Choose verified or rejected"),
  note: z.string().check(z.trim(), z.minLength(3, "Say how the identity was checked"), z.maxLength(2_000)),
});
export type VerifyComplaintValues = z.infer<typeof VerifyComplaintInput>;

export const LinkComplaintInput = z.discriminatedUnion("target", [
  z.object({ signalId: uuid("signalId: not a complaint id"), target: z.literal("cameo"), cameoId }),
  z.object({
    signalId: uuid("signalId: not a complaint id"),
    target: z.literal("protected_likeness"),
    protectedLikenessId: uuid("Choose a register entry"),
  }),
]);

export const PROTECTED_KINDS = ["public_figure", "deceased"] as const;

export const NewProtectedLikenessInput = z.object({
  name: z.string().check(z.trim(), z.minLength(2, "Enter the person's name"), z.maxLength(200)),
  kind: z.enum(PROTECTED_KINDS, "Choose public figure or deceased"),
  aliases: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))
    .check(z.maxLength(20, "At most 20 aliases")),
  requestedBy: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2_000))),
});
export type NewProtectedLikenessValues = z.infer<typeof NewProtectedLikenessInput>;

export const RemoveProtectedLikenessInput = z.object({ id: uuid("id: not a register entry"), reason });

export const CameoListInput = z.object({
  /** an owner's handle (prefix, with or without @) or a cameo id */
  query: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
  status: z.optional(z.enum(["active", "disabled"])),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const CameoRef = z.object({ cameoId: z.string().check(z.minLength(1), z.maxLength(200)) });

export const CameoPostsInput = z.object({
  cameoId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** only the posts of one account (a grantee, or the owner) */
  creatorId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const CameoActionRef = z.object({ actionId: z.uuid() });

export const PendingApprovalsInput = z.object({});

export const ComplaintListInput = z.object({
  verification: z.optional(z.enum(["pending", "verified", "rejected"])),
  cameoId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const ComplaintRef = z.object({ signalId: z.uuid() });

export const ProtectedListInput = z.object({
  search: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  includeRemoved: z._default(z.boolean(), false),
});
