// Inputs of the takedown procedures after intake: the queue, one request, locating posts, validity, the takedown
// decision and counter-notices. zod/mini, like the intake form's contract.
import * as z from "zod/mini";
import { TakedownStatus, TakedownType } from "../db/generated/enums.ts";

export const TakedownListInput = z.object({
  type: z.optional(z.enum(TakedownType)),
  status: z.optional(z.array(z.enum(TakedownStatus)).check(z.minLength(1))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const TakedownRef = z.object({ requestId: z.uuid() });

export const LocatePostsInput = z.object({
  requestId: z.string().check(z.uuid()),
  /** links or post ids, as pasted */
  references: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(500)))
    .check(z.minLength(1, "Paste at least one link or id"), z.maxLength(500)),
  matchedBy: z.optional(z.enum(["url", "id", "exact_hash"])),
});

export const SetValidityInput = z.object({
  requestId: z.string().check(z.uuid()),
  status: z.enum(["valid", "needs_info", "invalid"]),
  /** what is missing, when asking for more information */
  missingElements: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(20))),
  isTrustedFlagger: z.optional(z.boolean()),
});

export const TakedownDecisionInput = z.object({
  requestId: z.string().check(z.uuid()),
  postIds: z
    .array(z.string().check(z.minLength(1)))
    .check(z.minLength(1, "Select at least one post"), z.maxLength(500)),
  policyId: z.string().check(z.uuid("Choose a policy")),
  reason: z.string().check(z.trim(), z.minLength(3, "Write the reason the uploader will read"), z.maxLength(2_000)),
  territorialScope: z.array(z.string().check(z.regex(/^([A-Z]{2}|EEA|WORLD)$/))).check(z.minLength(1)),
});

export const CounterNoticeInput = z.object({
  requestId: z.string().check(z.uuid()),
  postId: z.string().check(z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1, "Enter the sender's full name"), z.maxLength(200)),
  address: z.string().check(z.trim(), z.minLength(5, "Enter the sender's address"), z.maxLength(500)),
  phone: z.string().check(z.trim(), z.minLength(5, "Enter a telephone number"), z.maxLength(50)),
  email: z.optional(z.email()),
  signature: z
    .string()
    .check(z.trim(), z.minLength(2, "A physical or electronic signature is required"), z.maxLength(200)),
  statement: z
    .string()
    .check(
      z.trim(),
      z.minLength(
        20,
        "State, under penalty of perjury, the good-faith belief that the material was removed by mistake",
      ),
      z.maxLength(10_000),
    ),
  consentToJurisdiction: z.literal(true, "The sender must consent to the jurisdiction of a federal district court"),
  receivedAt: z.optional(z.string().check(z.iso.datetime())),
});
export type CounterNoticeInput = z.infer<typeof CounterNoticeInput>;

export const CourtActionInput = z.object({ counterNoticeId: z.uuid() });
