// What POST /api/v1/match takes and answers: HMA's lookup conventions (its signal type names, results keyed by
// bank name with the content id and distance, an optional bank filter), so a platform integrated with HMA
// switches by changing the base URL and signing its requests.
import { z } from "zod";
import { SIGNAL_TYPES } from "../domain/hashbank/hash-list.ts";

export const MATCH_MAX_FRAMES = 2_000;
export const MATCH_MAX_BODY_BYTES = 512 * 1024;

const Frame = z.object({
  pdq: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: "must be 64 hexadecimal characters" }),
  quality: z.number().int().min(0).max(100),
  atMs: z.number().int().min(0).optional(),
});

export const MatchRequest = z
  .object({
    signal_type: z.enum(SIGNAL_TYPES, { message: `must be one of ${SIGNAL_TYPES.join(", ")}` }),
    signal: z
      .string()
      .max(MATCH_MAX_BODY_BYTES)
      .optional()
      .describe(
        "the hash as HMA writes it: 64 hex characters for pdq and sha256, 32 for video_md5 and photo_md5, the vPDQ serialisation for vpdq",
      ),
    frames: z
      .array(Frame)
      .min(1)
      .max(MATCH_MAX_FRAMES)
      .optional()
      .describe("for vpdq instead of `signal`: the video's kept frames with their PDQ quality"),
    banks: z
      .union([z.string(), z.array(z.string().min(1).max(200)).max(100)])
      .optional()
      .describe("only these banks (names; an array or HMA's comma-separated string)"),
  })
  .strict();

export type MatchRequestValues = z.output<typeof MatchRequest>;

export const MatchResult = z.object({
  bank_content_id: z
    .string()
    .describe("the banked item: a removed post's id, an imported video's id, or the entry of a single hash"),
  entry_id: z.uuid().describe("the closest bank entry"),
  distance: z.number().int().describe("bits apart of the closest frame pair (0 for an exact hash)"),
  query_match_percent: z.number().nullable().describe("vpdq: share of the query's unique frames found in the item"),
  compared_match_percent: z
    .number()
    .nullable()
    .describe("vpdq: share of the item's unique frames found in the query (it matches at the configured share)"),
  bank_kind: z.string(),
  action: z
    .enum(["review", "hold", "take_down", "suppress"])
    .describe("what Vigil does with a post matching this bank; suppress: a known false positive (a safe bank)"),
  source: z.string().nullable().describe("the hash list an imported entry came from"),
  post_id: z.string().nullable().describe("the removed post the entry was banked from"),
});

export const MatchResponse = z.record(z.string(), z.array(MatchResult));
export type MatchResponseValues = z.output<typeof MatchResponse>;
