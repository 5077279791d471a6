// Invite waves, batches and codes: the admin forms' inputs and the platform's redemption request, one schema
// each, shared by the console and the server. zod/mini only, so the client can import it.
import * as z from "zod/mini";

export const INVITE_PLATFORMS = ["ios", "android", "web"] as const;
export type InvitePlatform = (typeof INVITE_PLATFORMS)[number];

export const WAVE_STATUSES = ["draft", "active", "paused", "closed"] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

/** Which status each status may move to: draft → active ⇄ paused → closed (a draft may also be discarded). */
export const WAVE_TRANSITIONS: Record<WaveStatus, readonly WaveStatus[]> = {
  draft: ["active", "closed"],
  active: ["paused", "closed"],
  paused: ["active", "closed"],
  closed: [],
};

export const MAX_BATCH_SIZE = 1_000_000;
export const MAX_CODES_PAGE = 500;
export const MAX_REVOKE_CODES = 1_000;

const uuid = () => z.string().check(z.uuid());
const region = z.string().check(z.regex(/^[A-Z]{2}$/, "Use two-letter ISO country codes such as US or DE"));

export const WaveFields = z.object({
  name: z.string().check(z.trim(), z.minLength(1, "Name the wave"), z.maxLength(120)),
  purpose: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  targetSize: z
    .int("Enter a whole number")
    .check(z.minimum(1, "At least 1 member"), z.maximum(100_000_000, "At most 100,000,000 members")),
  usesPerCode: z
    .int("Enter a whole number")
    .check(z.minimum(1, "At least 1 use"), z.maximum(10_000, "At most 10,000 uses per code")),
  /** ISO 8601; must be in the future */
  expiresAt: z.optional(
    z.nullable(z.iso.datetime({ offset: true, error: "Use an ISO date and time, e.g. 2026-12-31T23:59:00Z" })),
  ),
  /** empty = every region */
  regions: z.optional(z.array(region).check(z.maxLength(250))),
  /** empty = every platform */
  platforms: z.optional(
    z.array(z.enum(INVITE_PLATFORMS, "Choose ios, android or web")).check(z.maxLength(INVITE_PLATFORMS.length)),
  ),
  /** codes each new member receives to share */
  allotment: z.optional(
    z.int("Enter a whole number").check(z.minimum(0, "0 or more"), z.maximum(50, "At most 50 codes per member")),
  ),
});
export type WaveFields = z.infer<typeof WaveFields>;

export const CreateWaveInput = WaveFields;
export type CreateWaveInput = z.infer<typeof CreateWaveInput>;

export const UpdateWaveInput = z.extend(z.partial(WaveFields), { waveId: uuid() });
export type UpdateWaveInput = z.infer<typeof UpdateWaveInput>;

export const SetWaveStatusInput = z.object({
  waveId: uuid(),
  status: z.enum(["active", "paused", "closed"], "Choose active, paused or closed"),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
export type SetWaveStatusInput = z.infer<typeof SetWaveStatusInput>;

export const IssueBatchInput = z.object({
  waveId: uuid(),
  count: z
    .int("Enter a whole number")
    .check(
      z.minimum(1, "Issue at least 1 code"),
      z.maximum(MAX_BATCH_SIZE, `Issue at most ${MAX_BATCH_SIZE.toLocaleString("en")} codes per batch`),
    ),
});
export type IssueBatchInput = z.infer<typeof IssueBatchInput>;

export const BatchInput = z.object({ batchId: uuid() });
export const WaveInput = z.object({ waveId: uuid() });

export const CodesListInput = z.object({
  waveId: z.optional(uuid()),
  batchId: z.optional(uuid()),
  status: z.optional(z.enum(["active", "revoked"])),
  usage: z.optional(z.enum(["used", "unused"])),
  /** the start of a code, with or without its dashes */
  codePrefix: z.optional(
    z.string().check(z.trim(), z.maxLength(14), z.regex(/^[0-9A-Za-z\s-]*$/, "Letters, digits and dashes only")),
  ),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_CODES_PAGE))),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type CodesListInput = z.infer<typeof CodesListInput>;

const reason = z.string().check(z.trim(), z.minLength(3, "Write why (at least 3 characters)"), z.maxLength(1_000));

/** The reason part alone, for the dialog that asks for it once the scope is chosen. */
export const RevokeReason = z.object({ reason });

/** Revocation by one scope; `type` says which. Every scope needs a reason, which the audit log keeps. */
export const RevokeInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("code"),
    codes: z
      .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20)))
      .check(z.minLength(1, "Name at least one code"), z.maxLength(MAX_REVOKE_CODES)),
    reason,
  }),
  z.object({ type: z.literal("batch"), batchId: uuid(), reason }),
  z.object({ type: z.literal("wave"), waveId: uuid(), reason }),
  z.object({
    type: z.literal("inviter"),
    inviterAccountId: z.string().check(z.minLength(1), z.maxLength(128)),
    reason,
  }),
]);
export type RevokeInput = z.infer<typeof RevokeInput>;

export const TreeInput = z.object({
  accountId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** how many invitees to list (the counts cover all of them) */
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
});

export const TopInvitersInput = z.object({
  waveId: uuid(),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
});

export const AbuseSignalsInput = z.object({
  waveId: z.optional(uuid()),
  /** codes redeemed from at least this many regions within `resaleWindowHours` look resold */
  resaleMinRegions: z.optional(z.int().check(z.minimum(2), z.maximum(50))),
  resaleWindowHours: z.optional(z.int().check(z.minimum(1), z.maximum(24 * 30))),
  /** inviters with at least this many suspended or banned invitees */
  minSuspendedInvitees: z.optional(z.int().check(z.minimum(1), z.maximum(1_000))),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
});

export const RedemptionSeriesInput = z.object({
  waveId: uuid(),
  bucket: z.optional(z.enum(["hour", "day"])),
  /** ISO 8601 bounds; default: the wave's creation until now */
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
});

export const ExportUrlInput = z.object({ waveId: uuid(), batchId: z.optional(uuid()) });

// ─── the platform's redemption (POST /api/v1/invites/redeem) ───

export const REDEEM_REFUSALS = [
  "unknown",
  "expired",
  "exhausted",
  "revoked",
  "wave_not_open",
  "wave_paused",
  "wave_closed",
  "region_not_allowed",
  "platform_not_allowed",
  "inviter_suspended",
  "already_redeemed",
  "unknown_account",
] as const;
export type RedeemRefusal = (typeof REDEEM_REFUSALS)[number];

export const RedeemRequest = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(40)),
  /** the platform's id of the account redeeming; sent to Vigil with account.upserted first */
  accountId: z.string().check(z.regex(/^[\w.:-]{1,128}$/, "Use the platform's account id")),
  /** ISO 3166-1 alpha-2 country the sign-up comes from */
  region: z.optional(region),
  platform: z.optional(z.enum(INVITE_PLATFORMS)),
});
export type RedeemRequest = z.infer<typeof RedeemRequest>;
