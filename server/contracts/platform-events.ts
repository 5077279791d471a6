// The events the platform pushes to POST /api/v1/events. The server validates with these schemas and the
// OpenAPI document is generated from them, so the contract and the check cannot disagree.
import { z } from "zod";
import { httpsUrl } from "./links.ts";

export const MAX_EVENTS_PER_BATCH = 1_000;
/** Larger bodies are refused with 413 before anything is parsed. */
export const MAX_EVENTS_BODY_BYTES = 5 * 1024 * 1024;

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: "Use letters, digits and _ . : - only" });

/**
 * How far from Vigil's clock each date of an event may lie. The check needs the clock of the request that brings
 * the event, so it runs after parsing (server/domain/ingest/validate-batch.ts) on every date registered here.
 */
export const DATE_WINDOWS = z.registry<{ window: DateWindow }>();
export type DateWindow = "happened" | "deadline";
export const EARLIEST_EVENT_DATE = new Date("2000-01-01T00:00:00Z");
const DAY_MS = 86_400_000;
export const DATE_WINDOW_AHEAD_MS: Record<DateWindow, number> = { happened: DAY_MS, deadline: 3_660 * DAY_MS };
const WINDOW_WORDS: Record<DateWindow, string> = {
  happened: "one day past Vigil's clock",
  deadline: "ten years past Vigil's clock",
};
export const describeDateWindow = (window: DateWindow) =>
  `from ${EARLIEST_EVENT_DATE.toISOString().slice(0, 10)} to ${WINDOW_WORDS[window]}`;

const isoDateTime = () =>
  z.iso.datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2026-11-25T09:30:00Z" });
/** When something happened on the platform. */
const timestamp = isoDateTime()
  .describe(`ISO 8601 date-time, ${describeDateWindow("happened")}`)
  .register(DATE_WINDOWS, { window: "happened" });
/** A date set for the future, such as an order's deadline. */
const deadline = isoDateTime()
  .describe(`ISO 8601 date-time, ${describeDateWindow("deadline")}`)
  .register(DATE_WINDOWS, { window: "deadline" });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: "Must be 64 lowercase hex characters" });
const text = (max: number) => z.string().max(max);
const country = z.string().regex(/^[A-Z]{2}$/, { message: "Use an ISO 3166-1 alpha-2 code, e.g. DE" });

export const SubjectRef = z.object({
  type: z.enum(["post", "account", "cameo"]),
  id,
});

export const REPORT_REASONS = [
  "deepfake",
  "likeness",
  "nudity",
  "sexual_minor",
  "violence",
  "hate",
  "harassment",
  "self_harm",
  "scam",
  "spam",
  "copyright",
  "impersonation",
  "other",
] as const;

const AccountUpserted = z.object({
  type: z.literal("account.upserted"),
  data: z.object({
    id,
    handle: z.string().min(1).max(64),
    displayName: text(120),
    /** lets Vigil send the uploader its statements of reasons (EU DSA Art. 17) */
    email: z.email().optional(),
    country: country.optional(),
    status: z.enum(["active", "suspended", "banned", "deleted"]).optional(),
    createdAt: timestamp,
    invitedByCode: z.string().max(64).optional(),
  }),
});

const Keyframe = z.object({ index: z.number().int().min(0).max(63), atMs: z.number().int().min(0), phash: hex64 });

/**
 * The post's original file as the platform serves it: a short-lived URL Vigil fetches once (from an allowed media
 * origin) to store, play, hash and check for Content Credentials. The rest is what the platform claims about it.
 */
const Media = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "must be an http or https URL" })
    .max(2_048, { error: "must be at most 2,048 characters" }),
  mimeType: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, { error: "must be a media type such as video/mp4" })
    .max(100)
    .optional(),
  sha256: hex64.optional(),
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

const PostPublished = z.object({
  type: z.literal("post.published"),
  data: z.object({
    id,
    creatorId: id,
    prompt: text(4_000),
    transcript: text(20_000).optional(),
    durationMs: z.number().int().min(0).max(600_000),
    remixOfId: id.optional(),
    contentHash: hex64,
    media: Media.optional(),
    /** the platform's own keyframe hashes: kept for the record, not trusted for matching */
    keyframes: z.array(Keyframe).max(64).default([]),
    cameoIds: z.array(id).max(16).default([]),
    hasC2pa: z.boolean().default(false),
    hasWatermark: z.boolean().default(false),
    viewCount: z.number().int().min(0).default(0),
    remixCount: z.number().int().min(0).default(0),
    createdAt: timestamp,
  }),
});

const PostUpdated = z.object({
  type: z.literal("post.updated"),
  data: z.object({
    id,
    viewCount: z.number().int().min(0).optional(),
    remixCount: z.number().int().min(0).optional(),
    transcript: text(20_000).optional(),
    /** a new URL for the post's file (the old one expired, or the file changed): fetched again */
    media: Media.optional(),
  }),
});

const PostDeleted = z.object({ type: z.literal("post.deleted"), data: z.object({ id }) });

const CameoUpserted = z.object({
  type: z.literal("cameo.upserted"),
  data: z.object({
    id,
    ownerId: id,
    permission: z.enum(["only_me", "approved", "mutuals", "everyone"]),
    restrictions: text(2_000).optional(),
    verifiedAt: timestamp.optional(),
    createdAt: timestamp,
  }),
});

const CameoGrantChanged = z.object({
  type: z.literal("cameo.grant.changed"),
  data: z.object({ id, cameoId: id, granteeId: id, status: z.enum(["active", "revoked"]), changedAt: timestamp }),
});

const CameoAppearanceAdded = z.object({
  type: z.literal("cameo.appearance.added"),
  data: z.object({ postId: id, cameoId: id }),
});

const FlagRaised = z.object({
  type: z.literal("flag.raised"),
  data: z.object({
    postId: id,
    model: z.string().min(1).max(64),
    category: z.string().min(1).max(64),
    score: z.number().min(0).max(1),
    frames: z
      .array(z.object({ atMs: z.number().int().min(0), score: z.number().min(0).max(1) }))
      .max(64)
      .default([]),
  }),
});

const ReportFiled = z.object({
  type: z.literal("report.filed"),
  data: z.object({
    subject: SubjectRef,
    reporterId: id,
    reason: z.enum(REPORT_REASONS),
    text: text(4_000).optional(),
  }),
});

const LikenessComplaintFiled = z.object({
  type: z.literal("likeness.complaint.filed"),
  data: z
    .object({
      complainantId: id.optional(),
      complainantName: z.string().min(1).max(200),
      complainantEmail: z.email().optional(),
      depictedPerson: z.string().min(1).max(200),
      authority: z.enum(["self", "agent", "estate"]),
      cameoId: id.optional(),
      postIds: z.array(id).max(100).default([]),
      text: text(4_000),
      /** identity and authority evidence: shown to staff and admins only, every view audited */
      evidence: z
        .array(
          z.object({
            kind: z.enum(["id_document", "selfie_video", "letter_of_authority", "death_certificate", "other"]),
            url: httpsUrl("Use an https:// link"),
            note: text(500).optional(),
          }),
        )
        .max(10)
        .default([]),
    })
    .refine((d) => d.cameoId || d.postIds.length > 0, {
      message: "Name a cameoId or at least one post in postIds",
      path: ["postIds"],
    }),
});

const TakedownRequested = z.object({
  type: z.literal("takedown.requested"),
  data: z.object({
    requestId: id,
    legalType: z.enum(["take_it_down", "dmca", "dsa_notice", "likeness", "court_order"]),
    requesterName: z.string().max(200).optional(),
    requesterEmail: z.email().optional(),
    authority: z.enum(["self", "agent", "estate", "rightsholder", "authority"]),
    postIds: z.array(id).min(1, { message: "Name at least one post" }).max(500),
    contentUrls: z.array(httpsUrl("Use an https:// link")).max(500).default([]),
    signature: z.string().max(200).optional(),
    description: text(10_000).optional(),
    goodFaith: z.boolean().default(false),
    perjuryStatement: z.boolean().default(false),
    depictedPerson: z.string().max(200).optional(),
    issuingAuthority: z.string().max(200).optional(),
    orderReference: z.string().max(200).optional(),
    orderDeadline: deadline.optional(),
    isTrustedFlagger: z.boolean().default(false),
  }),
});

const AppealFiled = z.object({
  type: z.literal("appeal.filed"),
  data: z.object({ decisionId: z.uuid(), appellantId: id, text: text(4_000) }),
});

const envelope = { id, occurredAt: timestamp };

export const PlatformEvent = z.discriminatedUnion("type", [
  AccountUpserted.extend(envelope),
  PostPublished.extend(envelope),
  PostUpdated.extend(envelope),
  PostDeleted.extend(envelope),
  CameoUpserted.extend(envelope),
  CameoGrantChanged.extend(envelope),
  CameoAppearanceAdded.extend(envelope),
  FlagRaised.extend(envelope),
  ReportFiled.extend(envelope),
  LikenessComplaintFiled.extend(envelope),
  TakedownRequested.extend(envelope),
  AppealFiled.extend(envelope),
]);
export type PlatformEvent = z.infer<typeof PlatformEvent>;
export type PlatformEventType = PlatformEvent["type"];
export const PLATFORM_EVENT_TYPES = PlatformEvent.options.map((o) => o.shape.type.value) as PlatformEventType[];

export const EventBatch = z.object({
  events: z
    .array(PlatformEvent)
    .min(1, { message: "Send at least one event" })
    .max(MAX_EVENTS_PER_BATCH, {
      message: `Send at most ${MAX_EVENTS_PER_BATCH} events per request`,
    }),
});
export type EventBatch = z.infer<typeof EventBatch>;

export const EventBatchResponse = z.object({
  accepted: z.number().int().describe("events stored by this request"),
  duplicates: z.number().int().describe("events whose id was already accepted; nothing was changed for them"),
});

export const EventBatchError = z.object({
  error: z.string(),
  errors: z
    .array(z.object({ index: z.number().int().nullable(), path: z.string(), message: z.string() }))
    .optional()
    .describe("one entry per problem: the event's index in `events`, the field path inside it, and why"),
});

export type EventOf<T extends PlatformEventType> = Extract<PlatformEvent, { type: T }>;
