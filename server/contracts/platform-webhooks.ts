// What Vigil POSTs to the platform's webhook (VIGIL_PLATFORM_WEBHOOK_URL): one decision the platform must apply.
// Signed like every platform request; the platform answers 2xx once it has applied it. Events of one subject
// arrive in the order they were decided; `id` is stable across retries, so the platform can drop repeats.
import { z } from "zod";

export const WEBHOOK_EVENT_TYPES = [
  "post.taken_down",
  "post.held",
  "post.restored",
  "cameo.grant.revoked",
  "cameo.disabled",
  "cameo.reinstated",
  "account.warned",
  "account.suspended",
  "account.reinstated",
  "invite_codes.revoked",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WebhookEvent = z.object({
  id: z.uuid().describe("stable across retries: apply each id once"),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  occurredAt: z.iso.datetime().describe("when the decision was made"),
  subject: z.object({ type: z.enum(["post", "account", "cameo", "cameo_grant", "invite_code"]), id: z.string() }),
  data: z
    .record(z.string(), z.unknown())
    .describe("decision details: decisionId, policy code, statement-of-reasons fields, suspendedUntil, codes, …"),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;
