// What GET /api/v1/hash-bank answers: the contract the OpenAPI document publishes.
import { z } from "zod";

export const HASH_FEED_MAX_PAGE = 10_000;

export const HashBankFeedQuery = z.object({
  after: z.uuid({ message: "after: not an entry id from an earlier page" }).optional(),
  limit: z.coerce.number().int().min(1).max(HASH_FEED_MAX_PAGE).default(5_000),
});

export const HashBankFeed = z.object({
  version: z
    .string()
    .describe(
      "changes whenever the set of active hashes changes; also sent as the ETag. If it changes between pages, start again",
    ),
  entries: z.array(
    z.object({
      id: z.uuid(),
      kind: z
        .enum(["exact", "perceptual"])
        .describe(
          "exact: the media file's SHA-256 (or the hash the platform sent); perceptual: the PDQ hash of one sampled frame of a removed video",
        ),
      hash: z.string().describe("64 lowercase hex characters"),
      postId: z
        .string()
        .nullable()
        .describe(
          "the removed post: its perceptual entries together are the video's vPDQ hash. An upload matches it when at least 80% of them each have a frame of the upload within 31 bits",
        ),
      atMs: z.number().int().nullable().describe("perceptual: the frame's time in the removed video"),
      quality: z
        .number()
        .int()
        .nullable()
        .describe("perceptual: the frame's PDQ quality (0–100); below 50 never matches"),
      policyCode: z.string().nullable().describe("the policy the content was removed under"),
      since: z.iso.datetime(),
    }),
  ),
  next: z.uuid().nullable().describe("pass as `after` for the next page; null on the last page"),
});
export type HashBankFeed = z.infer<typeof HashBankFeed>;
