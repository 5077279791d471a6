// The platform API as an OpenAPI 3.1 document. The schemas are generated from the zod schemas the server
// validates with, so the published contract cannot drift from the check; only the prose is written here.
import { z } from "zod";
import {
  describeDateWindow,
  EventBatch,
  EventBatchError,
  EventBatchResponse,
  MAX_EVENTS_BODY_BYTES,
  MAX_EVENTS_PER_BATCH,
  PlatformEvent,
  type PlatformEventType,
} from "../contracts/platform-events.ts";
import { WebhookEvent, type WebhookEventType } from "../contracts/platform-webhooks.ts";
import { ProtectedLikenessFeed } from "../contracts/protected-likenesses.ts";
import { HASH_FEED_MAX_PAGE, HashBankFeed } from "../contracts/hash-bank-feed.ts";
import { REDEEM_REFUSALS, RedeemRequest } from "../contracts/invites.ts";
import { MATCH_MAX_BODY_BYTES, MATCH_MAX_FRAMES, MatchRequest, MatchResponse } from "../contracts/hash-match.ts";
import { DEFAULT_BACKOFF } from "../domain/outbox/outbox.ts";
import { MAX_CLOCK_SKEW_SECONDS, signatureV2, signedStringV2 } from "./signature.ts";

const EVENTS_MAX_BODY_BYTES = MAX_EVENTS_BODY_BYTES;

type JsonObject = { [key: string]: unknown };

const EVENT_DESCRIPTIONS: Record<PlatformEventType, string> = {
  "account.upserted":
    "An account was created or changed. Send it before anything the account created, reported or appealed.",
  "post.published":
    "A video was published. `creatorId`, `remixOfId` and `cameoIds` must name accounts, posts and cameos already sent. " +
    "`media.url` is a short-lived URL of the original file on one of the media origins Vigil is configured to fetch from " +
    "(VIGIL_MEDIA_ORIGINS): Vigil fetches it once, stores it, hashes it (PDQ per frame, vPDQ) and reads its Content Credentials. " +
    "`media.sha256`, when sent, is checked against the file. `keyframes` are kept for the record but no " +
    "longer used for matching. A fetch that fails is retried with backoff; the post is reviewable meanwhile.",
  "post.updated":
    "Counters or the transcript of a published post changed, or its file has a new URL (`media`: the old one expired or the " +
    "file changed; Vigil fetches it again unless it already holds a file with the same `media.sha256`). Only the fields sent are changed.",
  "post.deleted": "The creator or the platform deleted a post.",
  "cameo.upserted": "A cameo (a person's likeness others may use) was created or its permission changed.",
  "cameo.grant.changed": "The owner of a cameo gave or revoked one account's permission to use it.",
  "cameo.appearance.added": "A post uses a cameo. Both must have been sent already.",
  "flag.raised": "A classifier scored a post for a category; Vigil turns high scores into cases for review.",
  "report.filed": "A user reported a post, an account or a cameo.",
  "likeness.complaint.filed": "Someone says a post or cameo depicts them (or a person they act for) without consent.",
  "takedown.requested":
    "A legal request arrived through the platform. Its clock starts once it has every element its type requires.",
  "appeal.filed":
    "A user appealed a decision Vigil sent in a webhook; `decisionId` is the one from that webhook's data.",
};

const WEBHOOK_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "post.taken_down": "Remove the post for everyone. `data` carries the decision and its statement of reasons.",
  "post.held": "Hide the post while it is reviewed; a later post.restored or post.taken_down settles it.",
  "post.restored": "Show the post again: a takedown or hold was reversed.",
  "cameo.grant.revoked":
    "One account (`data.granteeId`) may no longer use the cameo. Its posts with the cameo follow as post.taken_down or post.held events of the same `data.batchId`.",
  "cameo.disabled": "Nobody may use the cameo in new posts.",
  "cameo.reinstated":
    "The cameo may be used again under its owner's permission. With subject `cameo_grant`: one revoked grant is active again (`data.cameoGrantId`, `data.granteeId`).",
  "account.warned": "Tell the account holder about a policy strike; nothing is restricted.",
  "account.suspended": "Suspend the account until `data.suspendedUntil` (absent: until reinstated).",
  "account.reinstated": "Lift a suspension.",
  "invite_codes.revoked":
    "Stop accepting invite codes. `data.scope` says which: `code` — the codes listed in `data.codes`; `batch` — every code of batch " +
    "`data.batchId` (of wave `data.waveId`); `wave` — every code of wave `data.waveId`; `inviter` — every code shared by account " +
    "`data.inviterAccountId` (subject type `account`). `data.count` is how many codes stopped working, `data.revocationId` names the revocation " +
    "and `data.reason` is the admin's reason. Whole scopes are not listed code by code. The subject is `invite_code` with the code's id (one code), " +
    "the revocation id (several codes), the batch id or the wave id. Vigil itself refuses revoked codes at redemption.",
};

const SIGNATURE_HEADER_PARAMS = {
  VigilKeyId: {
    name: "X-Vigil-Key-Id",
    description:
      "Which shared secret signed the request. Several keys are active while one is rotated (VIGIL_PLATFORM_KEYS=keyId:secret,keyId:secret).",
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
      'v2=<hex HMAC-SHA256(secret, "v2\\n" + timestamp + "\\n" + METHOD + "\\n" + path + "\\n" + raw body)>, where METHOD is the upper-case HTTP method and ' +
      "path the request target exactly as sent, query string included (`/api/v1/hash-bank?after=…&limit=100`; for a webhook, the path of the webhook URL). " +
      "A signature therefore opens one request only: the same body sent to another path, or with another method, does not verify. " +
      'The retiring scheme v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)> covers the body alone; Vigil still accepts it while ' +
      "VIGIL_PLATFORM_SIGNATURE_V1=accept (the default during the transition) and counts each use in GET /healthz (`platformSignatures.v1Requests`, `lastV1At`), " +
      "and signs its webhooks with both (`v2=…,v1=…`) until it is set to refuse. Several comma-separated signatures may be sent; when a v2 is among them, the v2 decides.",
    schema: { type: "string", pattern: "^v[12]=[0-9a-f]{64}(,\\s*v[12]=[0-9a-f]{64})*$" },
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
  registry.add(ProtectedLikenessFeed, { id: "ProtectedLikenessFeed" });
  registry.add(HashBankFeed, { id: "HashBankFeed" });
  descriptions.HashBankFeed = "One page of the active hash bank, its version and where the next page starts.";
  registry.add(MatchRequest, { id: "MatchRequest" });
  descriptions.MatchRequest =
    "One hash to look up: HMA's signal type names; `signal` as HMA writes it, or `frames` for vpdq; `banks` to limit the lookup.";
  registry.add(MatchResponse, { id: "MatchResponse" });
  descriptions.MatchResponse =
    "Matches keyed by bank name (HMA's lookup answer), each with the banked item, its closest entry and distance, and what Vigil does with such a post. Empty when nothing matches.";
  registry.add(RedeemRequest, { id: "InviteRedeemRequest" });
  descriptions.InviteRedeemRequest = "One sign-up redeeming one invite code.";
  descriptions.ProtectedLikenessFeed = "The active protected-likeness register and its version.";

  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ zodSchema, jsonSchema }) => {
      const rules = refinementMessages(zodSchema);
      if (rules.length > 0)
        jsonSchema.description = [jsonSchema.description, ...rules.map((r) => `Also required: ${r}.`)]
          .filter(Boolean)
          .join(" ");
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
    const mapping = Object.fromEntries(
      PlatformEvent.options.map((o) => [
        o.shape.type.value,
        `#/components/schemas/${eventSchemaName(o.shape.type.value)}`,
      ]),
    );
    platformEvent.discriminator = { propertyName: "type", mapping };
  }
  Object.assign(result, INVITE_REDEEM_SCHEMAS);
  const webhookType = (result.WebhookEvent?.properties as Record<string, JsonObject> | undefined)?.type;
  if (webhookType) webhookType["x-enumDescriptions"] = { ...WEBHOOK_DESCRIPTIONS };
  return result;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject) => ({ "application/json": { schema } });
const errorResponse = (description: string, extra: JsonObject = {}) => ({
  description,
  content: json(ref("EventBatchError")),
  ...extra,
});

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
  const request = { method: "POST", path: "/api/v1/events", body };
  return {
    keyId: "k2025-11",
    secret,
    timestamp,
    method: request.method,
    path: request.path,
    body,
    signedString: signedStringV2(timestamp, request).toString("utf8"),
    headers: {
      "X-Vigil-Key-Id": "k2025-11",
      "X-Vigil-Timestamp": String(timestamp),
      "X-Vigil-Signature": signatureV2(secret, timestamp, request),
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
  "Text: no string or field name anywhere in a request may hold a NUL character (U+0000) or an unpaired UTF-16 surrogate; " +
    "each one is refused with 400 naming where it is (in an event batch, its `index` and `path`). Links (`evidence[].url`, `contentUrls`) must start with `https://`. " +
    `Dates: ${describeDateWindow("happened")} for things that happened, ${describeDateWindow("deadline")} for deadlines (\`orderDeadline\`), ` +
    "measured on Vigil's clock when the batch arrives.",
].join("\n\n");

const INVITE_REDEEM_DESCRIPTION = [
  "Call this when someone signs up with an invite code. The use is taken atomically: however many sign-ups race for a code, it is never " +
    "redeemed more often than its uses allow, and an account redeems at most one code.",
  "The account must already be known to Vigil: send its `account.upserted` event (to `POST /api/v1/events`) first, then redeem. " +
    "Redemptions are tied to mirrored accounts so the invite tree, the allotment of codes the new member may share, and inviter " +
    "suspensions work; an account Vigil has not seen is refused with `unknown_account` (this refusal does not count as a guess).",
  "Codes are 12 characters in groups of four (e.g. `K7MX-Q2PH-9TRB`) over 23456789ABCDEFGHJKMNPQRSTUVWXYZ; case, spaces and dashes are ignored. " +
    "The last character is a check character: a single mistyped character or two swapped neighbours are recognised, and when exactly one " +
    'existing code explains the typo the refusal carries it as `suggestion` ("did you mean …"). Nothing is redeemed until the user confirms it.',
  "Retry-safe: repeating a request for the same account and code answers 200 with `replayed: true` and the same redemption.",
  "Against guessing, refused redemptions are counted per account and per signing key in a sliding window; over the limit Vigil answers 429 " +
    "with Retry-After. Successful redemptions do not count.",
].join("\n\n");

const INVITE_REDEEM_SCHEMAS: Record<string, JsonObject> = {
  InviteRedeemed: {
    description: "A redeemed invite code.",
    type: "object",
    required: [
      "redemptionId",
      "code",
      "codeId",
      "waveId",
      "accountId",
      "inviterAccountId",
      "usesLeft",
      "allotment",
      "replayed",
    ],
    properties: {
      redemptionId: { type: "string", format: "uuid" },
      code: { type: "string", description: "The code as stored (uppercase, with dashes)." },
      codeId: { type: "string", format: "uuid" },
      waveId: { type: "string", format: "uuid" },
      accountId: { type: "string" },
      inviterAccountId: {
        type: ["string", "null"],
        description: "The member who shared the code, when it was one of their allotment.",
      },
      usesLeft: { type: "integer", minimum: 0 },
      allotment: {
        type: "array",
        items: { type: "string" },
        description: "Codes the new member may now share with friends (the wave's allotment); show them in the app.",
      },
      replayed: { type: "boolean", description: "True when this repeats an earlier successful request." },
    },
  },
  FieldError: {
    description: "A request refused for one field: the message names it, and so does `field`.",
    type: "object",
    required: ["error", "field"],
    properties: {
      error: { type: "string", description: 'What is wrong, e.g. "signal: a pdq hash is 64 hexadecimal characters."' },
      field: { type: "string", description: "The field's path, e.g. `signal`, `frames.0.pdq` or `body`." },
    },
  },
  InviteRedeemRefusal: {
    description: "Why a redemption was refused.",
    type: "object",
    required: ["error", "reason"],
    properties: {
      error: {
        type: "string",
        description:
          'What happened, in words the platform may show (e.g. "Invites from this wave are on hold (wave paused); try again later.").',
      },
      reason: { type: "string", enum: [...REDEEM_REFUSALS, "rate_limited", "invalid_request", "unavailable"] },
      suggestion: { type: "string", description: "For `unknown`: the one existing code a single typo or swap away." },
      retryAfterSeconds: {
        type: "integer",
        minimum: 1,
        description: "For `rate_limited`: the same as the Retry-After header.",
      },
      errors: {
        type: "array",
        items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
        description: "For `invalid_request`: each invalid field.",
      },
    },
    "x-enumDescriptions": {
      unknown: "No such code (or a typo: see `suggestion`).",
      expired: "The code or its wave has expired.",
      exhausted: "The code has no uses left.",
      revoked: "The code was revoked.",
      wave_not_open: "The code's wave is still a draft.",
      wave_paused: 'The code\'s wave is paused; the message contains "wave paused". Try again later.',
      wave_closed: "The code's wave is closed.",
      region_not_allowed: "The wave is limited to other regions (send `region`).",
      platform_not_allowed: "The wave is limited to other platforms (send `platform`).",
      inviter_suspended: "The member who shared the code is suspended or banned; their codes no longer work.",
      already_redeemed: "This account already redeemed another code.",
      unknown_account: "Vigil has not received this account's account.upserted event yet.",
      rate_limited: "Too many refused attempts; wait for Retry-After.",
      invalid_request: "The body is not valid.",
      unavailable: "Vigil could not answer now; retry the same request.",
    },
  },
};

export function buildOpenApiDocument(opts: { serverUrl?: string } = {}): JsonObject {
  const example = workedSignatureExample();
  const backoff = DEFAULT_BACKOFF;
  const signatureParams = Object.keys(SIGNATURE_HEADER_PARAMS).map((name) => ({
    $ref: `#/components/parameters/${name}`,
  }));

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
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("EventBatch"), example: JSON.parse(example.body) } },
          },
          responses: {
            "200": {
              description: "Every event was stored or was a duplicate of one already stored.",
              content: json(ref("EventBatchResponse")),
            },
            "400": errorResponse(
              "The body is not JSON, or some event is invalid or references something not sent yet. Nothing was stored; `errors` lists each problem with the event's index and the field's path.",
            ),
            "401": errorResponse(
              `Missing, unknown-key or wrong signature (v2 covers the method, the path and the body), v1 after it was switched off, or a timestamp more than ${MAX_CLOCK_SKEW_SECONDS} s away from Vigil's clock. Check the clock and the secret, then send again.`,
            ),
            "413": errorResponse(`The body is larger than ${EVENTS_MAX_BODY_BYTES / 1024 / 1024} MB. Split the batch.`),
            "429": errorResponse(
              "Too many requests. Wait as long as Retry-After says, then send the same batch again.",
              {
                headers: {
                  "Retry-After": {
                    description: "Seconds to wait before sending again.",
                    schema: { type: "integer", minimum: 1 },
                  },
                },
              },
            ),
            "503": errorResponse(
              "Vigil has no platform keys configured (VIGIL_PLATFORM_KEYS), so it cannot check signatures. Nothing was stored.",
            ),
          },
        },
      },
      "/api/v1/protected-likenesses": {
        get: {
          operationId: "getProtectedLikenesses",
          summary: "The protected-likeness register",
          description:
            "Public figures and deceased people whose estates opted out: refuse prompts, cameos and uploads that depict them. " +
            "The answer is the whole active register; an entry that disappears was removed. Sign GET, the path with its query string and an empty body. " +
            "Send the last `ETag` in `If-None-Match` to get 304 when nothing changed; poll every few minutes.",
          parameters: [
            ...signatureParams,
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              description: "The ETag of the copy you hold.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": { description: "The active register.", content: json(ref("ProtectedLikenessFeed")) },
            "304": { description: "Unchanged since the ETag sent." },
            "401": errorResponse(
              "Missing, unknown-key or wrong signature (signed for another method or path), or a stale timestamp.",
            ),
            "429": errorResponse("Too many requests. Wait as long as Retry-After says."),
            "503": errorResponse(
              "The register could not be read right now, or no platform keys are configured. Keep using the last copy.",
            ),
          },
        },
      },
      "/api/v1/hash-bank": {
        get: {
          operationId: "getHashBank",
          summary: "Hashes of removed content",
          description:
            "The exact file hashes and the PDQ frame hashes (vPDQ) of videos Vigil removed: refuse an upload whose file hash matches, " +
            "or whose sampled frames (1 per second, quality 50 or more) cover at least 80% of one removed post's frames within 31 bits of 256. " +
            "Pages in id order: pass `next` as `after` until it is null; if `version` changes between pages, start again. " +
            "An entry that disappears was taken out (the post was restored, or it was a false positive). Sign GET, the path with its query string and an empty body. " +
            "Send the last `ETag` in `If-None-Match` to get 304 when nothing changed.",
          parameters: [
            ...signatureParams,
            {
              name: "after",
              in: "query",
              required: false,
              description: "The `next` of the previous page.",
              schema: { type: "string", format: "uuid" },
            },
            {
              name: "limit",
              in: "query",
              required: false,
              description: "Entries per page.",
              schema: { type: "integer", minimum: 1, maximum: HASH_FEED_MAX_PAGE, default: 5000 },
            },
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              description: "The ETag of the copy you hold.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": { description: "One page of the active hash bank.", content: json(ref("HashBankFeed")) },
            "304": { description: "Unchanged since the ETag sent." },
            "400": errorResponse("`after` or `limit` is invalid; the message names which."),
            "401": errorResponse(
              "Missing, unknown-key or wrong signature (signed for another method or path), or a stale timestamp.",
            ),
            "429": errorResponse("Too many requests. Wait as long as Retry-After says."),
            "503": errorResponse(
              "The bank could not be read right now, or no platform keys are configured. Keep using the last copy.",
            ),
          },
        },
      },
      "/api/v1/match": {
        post: {
          operationId: "matchHash",
          summary: "Look a hash up in the banks before posting",
          description:
            "One PDQ hash, a vPDQ frame list or an exact file hash (sha256, video_md5, photo_md5) against every enabled bank, " +
            "so an upload can be refused before it is posted. Follows HMA's lookup: signal type names as python-threatexchange gives them, " +
            "results keyed by bank name with `bank_content_id` and `distance`, and an optional `banks` filter (names, an array or comma-separated). " +
            "A PDQ hash matches within 31 of 256 bits; a vPDQ list matches a banked video when 80% of its frames (quality 50 or more) are found. " +
            "A match with a safe bank (known false positives) is answered alone, with action `suppress`. " +
            "`action` says what Vigil does with a post that matches: `take_down` (posted anyway, it is taken down automatically when it is the same file " +
            "or a vPDQ match of 95% or more both ways) and `hold` (held pending review) are the answers to refuse an upload on; `review` opens a case. " +
            "The lookup is advisory: when it fails or is slow, post as usual, since Vigil scans every post it is sent. " +
            `The body is at most ${MATCH_MAX_BODY_BYTES / 1024} KB and a frame list at most ${MATCH_MAX_FRAMES} frames. ` +
            "The banks' changes are seen within a second or two on every server. Sign POST, the path and the body.",
          parameters: signatureParams,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("MatchRequest"),
                examples: {
                  sha256: {
                    summary: "An upload's file hash",
                    value: { signal_type: "sha256", signal: "9f2c".repeat(16) },
                  },
                  pdq: {
                    summary: "One PDQ hash, in two banks only",
                    value: { signal_type: "pdq", signal: "e1f0".repeat(16), banks: "Removed content,Known NCII" },
                  },
                  vpdq: {
                    summary: "A video's kept frames",
                    value: {
                      signal_type: "vpdq",
                      frames: [
                        { pdq: "e1f0".repeat(16), quality: 92, atMs: 0 },
                        { pdq: "c3d2".repeat(16), quality: 88, atMs: 1000 },
                      ],
                    },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Matches by bank; `{}` when none.",
              content: {
                "application/json": {
                  schema: ref("MatchResponse"),
                  example: {
                    "Known NCII": [
                      {
                        bank_content_id: "post_8812",
                        entry_id: "01936f3a-7c1e-7b2a-9c4d-5e6f7a8b9c0d",
                        distance: 0,
                        query_match_percent: null,
                        compared_match_percent: null,
                        bank_kind: "ncii",
                        action: "take_down",
                        source: null,
                        post_id: "post_8812",
                      },
                    ],
                  },
                },
              },
            },
            "400": {
              description: "The body is not valid, or names an unknown bank; `field` names what is wrong.",
              content: json(ref("FieldError")),
            },
            "401": errorResponse(
              "Missing, unknown-key or wrong signature (signed for another method or path), or a stale timestamp.",
            ),
            "413": errorResponse(`The body is larger than ${MATCH_MAX_BODY_BYTES / 1024} KB.`),
            "429": errorResponse("Too many requests. Wait as long as Retry-After says; post the upload meanwhile.", {
              headers: {
                "Retry-After": {
                  description: "Seconds to wait before looking up again.",
                  schema: { type: "integer", minimum: 1 },
                },
              },
            }),
            "503": errorResponse(
              "The lookup could not be done right now, or no platform keys are configured. Post as usual; retry later.",
            ),
          },
        },
      },
      "/api/v1/invites/redeem": {
        post: {
          operationId: "redeemInviteCode",
          summary: "Redeem an invite code for a signing-up account",
          description: INVITE_REDEEM_DESCRIPTION,
          parameters: signatureParams,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref("InviteRedeemRequest"),
                example: { code: "K7MX-Q2PH-9TRB", accountId: "acct_42", region: "US", platform: "ios" },
              },
            },
          },
          responses: {
            "200": {
              description:
                "Redeemed (or, for a repeat of the same account and code, redeemed earlier: `replayed` is true).",
              content: json(ref("InviteRedeemed")),
            },
            "400": {
              description: "The body is not JSON or a field is invalid; nothing was changed.",
              content: json(ref("InviteRedeemRefusal")),
            },
            "401": errorResponse(
              "Missing, unknown-key or wrong signature (signed for another method or path), or a stale timestamp.",
            ),
            "422": {
              description:
                "Refused: `reason` says why and `error` says it in words the platform may show. Nothing was changed.",
              content: json(ref("InviteRedeemRefusal")),
            },
            "429": {
              description:
                "Too many refused redemptions for this account or this key (or too many requests for the key). Wait as long as Retry-After says.",
              content: json(ref("InviteRedeemRefusal")),
              headers: {
                "Retry-After": {
                  description: "Seconds to wait before trying again.",
                  schema: { type: "integer", minimum: 1 },
                },
              },
            },
            "503": {
              description:
                "Vigil could not redeem right now (or has no platform keys configured); nothing was changed. Send the same request again.",
              content: json(ref("InviteRedeemRefusal")),
            },
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: {
            "200": { description: "The OpenAPI 3.1 document of the platform API.", content: json({ type: "object" }) },
          },
        },
      },
    },
    webhooks: {
      decision: {
        post: {
          operationId: "receiveDecision",
          summary: "A decision for the platform to apply",
          description: [
            "Vigil POSTs each decision to the platform's webhook URL (VIGIL_PLATFORM_WEBHOOK_URL), signed exactly like requests to Vigil " +
              "(v2 over POST, the webhook URL's path and query, and the body; v1 beside it until VIGIL_PLATFORM_SIGNATURE_V1=refuse), " +
              "with the event's id repeated in X-Vigil-Event-Id.",
            "Answer 2xx once the decision is applied. Anything else, or no answer, is retried with exponential backoff: " +
              `first after about ${backoff.baseMs / 1000} s, doubling up to ${backoff.maxMs / 60_000} min, with up to half of each wait random. ` +
              `After ${backoff.maxAttempts} attempts the delivery is dead-lettered until an admin retries it from the Deliveries page.`,
            "Decisions about one subject arrive one at a time, in the order they were made: the next is sent only after the previous one was answered 2xx. " +
              "An id may arrive more than once (a lost answer is retried); apply each id once.",
            "`data.automatedDetection` and `data.automatedDecision` are the statement of reasons' automated-means fields: a decision taken by " +
              "Vigil itself (a bank's automatic take-down or hold) has `automatedDecision: true`, and the platform tells the user so.",
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
        Object.entries(SIGNATURE_HEADER_PARAMS).map(([key, p]) => [
          key,
          { name: p.name, in: "header", required: true, description: p.description, schema: p.schema },
        ]),
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
