// The platform API as an OpenAPI 3.1 document. The schemas are generated from the zod schemas the server
// validates with, so the published contract cannot drift from the check; only the prose is written here.
import { z } from "zod";
import {
  EventBatch,
  EventBatchError,
  EventBatchResponse,
  MAX_EVENTS_BODY_BYTES,
  MAX_EVENTS_PER_BATCH,
  PlatformEvent,
  type PlatformEventType,
} from "../contracts/platform-events.ts";
import { WebhookEvent, type WebhookEventType } from "../contracts/platform-webhooks.ts";
import { DEFAULT_BACKOFF } from "../domain/outbox/outbox.ts";
import { MAX_CLOCK_SKEW_SECONDS, signatureFor } from "./signature.ts";

const EVENTS_MAX_BODY_BYTES = MAX_EVENTS_BODY_BYTES;

type JsonObject = { [key: string]: unknown };

const EVENT_DESCRIPTIONS: Record<PlatformEventType, string> = {
  "account.upserted": "An account was created or changed. Send it before anything the account created, reported or appealed.",
  "post.published": "A video was published. `creatorId`, `remixOfId` and `cameoIds` must name accounts, posts and cameos already sent.",
  "post.updated": "Counters or the transcript of a published post changed. Only the fields sent are changed.",
  "post.deleted": "The creator or the platform deleted a post.",
  "cameo.upserted": "A cameo (a person's likeness others may use) was created or its permission changed.",
  "cameo.grant.changed": "The owner of a cameo gave or revoked one account's permission to use it.",
  "cameo.appearance.added": "A post uses a cameo. Both must have been sent already.",
  "flag.raised": "A classifier scored a post for a category; Vigil turns high scores into cases for review.",
  "report.filed": "A user reported a post, an account or a cameo.",
  "likeness.complaint.filed": "Someone says a post or cameo depicts them (or a person they act for) without consent.",
  "takedown.requested": "A legal request arrived through the platform. Its clock starts once it has every element its type requires.",
  "appeal.filed": "A user appealed a decision Vigil sent in a webhook; `decisionId` is the one from that webhook's data.",
};

const WEBHOOK_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "post.taken_down": "Remove the post for everyone. `data` carries the decision and its statement of reasons.",
  "post.held": "Hide the post while it is reviewed; a later post.restored or post.taken_down settles it.",
  "post.restored": "Show the post again: a takedown or hold was reversed.",
  "cameo.grant.revoked": "One account may no longer use the cameo.",
  "cameo.disabled": "Nobody may use the cameo in new posts.",
  "cameo.reinstated": "The cameo may be used again under its owner's permission.",
  "account.warned": "Tell the account holder about a policy strike; nothing is restricted.",
  "account.suspended": "Suspend the account until `data.suspendedUntil` (absent: until reinstated).",
  "account.reinstated": "Lift a suspension.",
  "invite_codes.revoked": "Stop accepting the invite codes listed in `data.codes`.",
};

const SIGNATURE_HEADER_PARAMS = {
  VigilKeyId: {
    name: "X-Vigil-Key-Id",
    description: "Which shared secret signed the request. Several keys are active while one is rotated (VIGIL_PLATFORM_KEYS=keyId:secret,keyId:secret).",
    schema: { type: "string", pattern: "^[\\w.-]{1,64}$" },
  },
  VigilTimestamp: {
    name: "X-Vigil-Timestamp",
    description: `Unix seconds when the request was signed. Requests more than ${MAX_CLOCK_SKEW_SECONDS} s from the receiver's clock are refused, so a captured request cannot be replayed.`,
    schema: { type: "string", pattern: "^\\d{1,12}$" },
  },
  VigilSignature: {
    name: "X-Vigil-Signature",
    description:
      'v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>. While rotating, a sender may send several comma-separated signatures; one valid signature is enough.',
    schema: { type: "string", pattern: "^v1=[0-9a-f]{64}(,\\s*v1=[0-9a-f]{64})*$" },
  },
} as const;

/** "cameo.grant.changed" → "CameoGrantChanged": the component name of an event type's schema. */
export function eventSchemaName(type: string): string {
  return type
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** The message of each `.refine()` on a schema: rules JSON Schema cannot express, stated in words instead. */
function refinementMessages(schema: z.core.$ZodType): string[] {
  const checks = schema._zod.def.checks ?? [];
  return checks.flatMap((check) => {
    const def = check._zod.def as { check: string; error?: (issue: never) => unknown };
    if (def.check !== "custom" || !def.error) return [];
    const message = def.error({} as never);
    return typeof message === "string" ? [message] : [];
  });
}

function generateSchemas(): Record<string, JsonObject> {
  // Descriptions are added after generation: zod reads `.describe()` texts from its global registry, which a
  // registry passed as `metadata` would replace.
  const descriptions: Record<string, string> = {
    PlatformEvent: "One event; `type` says which.",
    EventBatch: `1 to ${MAX_EVENTS_PER_BATCH} events, applied in order, all or nothing.`,
    WebhookEvent: "One decision the platform must apply.",
  };
  const registry = z.registry<{ id: string }>();
  for (const option of PlatformEvent.options) {
    const type = option.shape.type.value;
    registry.add(option, { id: eventSchemaName(type) });
    descriptions[eventSchemaName(type)] = EVENT_DESCRIPTIONS[type];
  }
  registry.add(PlatformEvent, { id: "PlatformEvent" });
  registry.add(EventBatch, { id: "EventBatch" });
  registry.add(EventBatchResponse, { id: "EventBatchResponse" });
  registry.add(EventBatchError, { id: "EventBatchError" });
  registry.add(WebhookEvent, { id: "WebhookEvent" });

  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ zodSchema, jsonSchema }) => {
      const rules = refinementMessages(zodSchema);
      if (rules.length > 0) jsonSchema.description = [jsonSchema.description, ...rules.map((r) => `Also required: ${r}.`)].filter(Boolean).join(" ");
    },
  });

  const result: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    // The document's own dialect applies; a per-schema $id would make $refs resolve against the wrong base.
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
    const description = descriptions[name];
    result[name] = description ? { description, ...rest } : rest;
  }
  // OpenAPI tools pick the event's schema by its `type` instead of trying each one in turn.
  const platformEvent = result.PlatformEvent;
  if (platformEvent) {
    const mapping = Object.fromEntries(PlatformEvent.options.map((o) => [o.shape.type.value, `#/components/schemas/${eventSchemaName(o.shape.type.value)}`]));
    platformEvent.discriminator = { propertyName: "type", mapping };
  }
  const webhookType = (result.WebhookEvent?.properties as Record<string, JsonObject> | undefined)?.type;
  if (webhookType) webhookType["x-enumDescriptions"] = { ...WEBHOOK_DESCRIPTIONS };
  return result;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject) => ({ "application/json": { schema } });
const errorResponse = (description: string, extra: JsonObject = {}) => ({ description, content: json(ref("EventBatchError")), ...extra });

/** A signed request anyone can recompute, so an integration can check its signing code against it. */
function workedSignatureExample() {
  const secret = "example-secret-do-not-use-0001";
  const timestamp = 1_764_063_000;
  const body = JSON.stringify({
    events: [
      {
        id: "evt_0001",
        type: "account.upserted",
        occurredAt: "2025-11-25T09:30:00Z",
        data: { id: "acct_42", handle: "mira", displayName: "Mira", createdAt: "2025-11-25T09:29:58Z" },
      },
    ],
  });
  return {
    keyId: "k2025-11",
    secret,
    timestamp,
    body,
    signedString: `${timestamp}.${body}`,
    headers: {
      "X-Vigil-Key-Id": "k2025-11",
      "X-Vigil-Timestamp": String(timestamp),
      "X-Vigil-Signature": signatureFor(secret, timestamp, body),
    },
  };
}

const INFO_DESCRIPTION = [
  "The platform sends Vigil what happens on it (accounts, posts, cameos, classifier flags, reports, complaints, legal requests, appeals) " +
    "as signed batches of events to `POST /api/v1/events`. Vigil sends back the decisions its staff make, one signed webhook per decision, " +
    "which the platform applies.",
  "Order: an event may only reference accounts, posts, cameos and decisions that were already sent, earlier in the same batch or in an earlier batch. " +
    "Send an account before its posts and a post before its flags and reports.",
  "Idempotency: every event has an `id` chosen by the platform. An id that was already accepted is counted in `duplicates` and changes nothing, " +
    "so a batch whose answer was lost can simply be sent again.",
  "Batches are all or nothing: if any event is refused, none of the batch is stored and the answer lists every problem.",
].join("\n\n");

export function buildOpenApiDocument(opts: { serverUrl?: string } = {}): JsonObject {
  const example = workedSignatureExample();
  const backoff = DEFAULT_BACKOFF;
  const signatureParams = Object.keys(SIGNATURE_HEADER_PARAMS).map((name) => ({ $ref: `#/components/parameters/${name}` }));

  return {
    openapi: "3.1.0",
    info: { title: "Vigil platform API", version: "1", description: INFO_DESCRIPTION },
    ...(opts.serverUrl ? { servers: [{ url: opts.serverUrl }] } : {}),
    security: [{ VigilKeyId: [], VigilTimestamp: [], VigilSignature: [] }],
    paths: {
      "/api/v1/events": {
        post: {
          operationId: "sendEvents",
          summary: "Send a batch of platform events",
          description:
            `Up to ${MAX_EVENTS_PER_BATCH} events per request and at most ${EVENTS_MAX_BODY_BYTES / 1024 / 1024} MB of body. ` +
            "Events are applied in the order given. Sign the exact bytes sent: re-serialising the JSON after signing breaks the signature.",
          parameters: signatureParams,
          requestBody: { required: true, content: { "application/json": { schema: ref("EventBatch"), example: JSON.parse(example.body) } } },
          responses: {
            "200": { description: "Every event was stored or was a duplicate of one already stored.", content: json(ref("EventBatchResponse")) },
            "400": errorResponse(
              "The body is not JSON, or some event is invalid or references something not sent yet. Nothing was stored; `errors` lists each problem with the event's index and the field's path.",
            ),
            "401": errorResponse(
              `Missing, unknown-key or wrong signature, or a timestamp more than ${MAX_CLOCK_SKEW_SECONDS} s away from Vigil's clock. Check the clock and the secret, then send again.`,
            ),
            "413": errorResponse(`The body is larger than ${EVENTS_MAX_BODY_BYTES / 1024 / 1024} MB. Split the batch.`),
            "429": errorResponse("Too many requests. Wait as long as Retry-After says, then send the same batch again.", {
              headers: { "Retry-After": { description: "Seconds to wait before sending again.", schema: { type: "integer", minimum: 1 } } },
            }),
            "503": errorResponse("Vigil has no platform keys configured (VIGIL_PLATFORM_KEYS), so it cannot check signatures. Nothing was stored."),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: { "200": { description: "The OpenAPI 3.1 document of the platform API.", content: json({ type: "object" }) } },
        },
      },
    },
    webhooks: {
      decision: {
        post: {
          operationId: "receiveDecision",
          summary: "A decision for the platform to apply",
          description: [
            "Vigil POSTs each decision to the platform's webhook URL (VIGIL_PLATFORM_WEBHOOK_URL), signed exactly like requests to Vigil, " +
              "with the event's id repeated in X-Vigil-Event-Id.",
            "Answer 2xx once the decision is applied. Anything else, or no answer, is retried with exponential backoff: " +
              `first after about ${backoff.baseMs / 1000} s, doubling up to ${backoff.maxMs / 60_000} min, with up to half of each wait random. ` +
              `After ${backoff.maxAttempts} attempts the delivery is dead-lettered until an admin retries it from the Deliveries page.`,
            "Decisions about one subject arrive one at a time, in the order they were made: the next is sent only after the previous one was answered 2xx. " +
              "An id may arrive more than once (a lost answer is retried); apply each id once.",
          ].join("\n\n"),
          parameters: [
            ...signatureParams,
            {
              name: "X-Vigil-Event-Id",
              in: "header",
              required: true,
              description: "The event's `id`, stable across retries.",
              schema: { type: "string", format: "uuid" },
            },
          ],
          requestBody: { required: true, content: json(ref("WebhookEvent")) },
          responses: {
            "2XX": { description: "Applied, or already applied earlier under the same id." },
            default: { description: "Not applied; Vigil retries later." },
          },
        },
      },
    },
    components: {
      schemas: generateSchemas(),
      parameters: Object.fromEntries(
        Object.entries(SIGNATURE_HEADER_PARAMS).map(([key, p]) => [key, { name: p.name, in: "header", required: true, description: p.description, schema: p.schema }]),
      ),
      securitySchemes: Object.fromEntries(
        Object.entries(SIGNATURE_HEADER_PARAMS).map(([key, p]) => [
          key,
          {
            type: "apiKey",
            in: "header",
            name: p.name,
            description: p.description,
            ...(key === "VigilSignature" ? { "x-worked-example": example } : {}),
          },
        ]),
      ),
    },
  };
}
