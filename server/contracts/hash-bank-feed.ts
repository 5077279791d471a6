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
        .describe("exact: the media file's hash; perceptual: one keyframe's 256-bit perceptual hash"),
      hash: z.string().describe("64 lowercase hex characters"),
      policyCode: z.string().nullable().describe("the policy the content was removed under"),
      since: z.iso.datetime(),
    }),
  ),
  next: z.uuid().nullable().describe("pass as `after` for the next page; null on the last page"),
});
export type HashBankFeed = z.infer<typeof HashBankFeed>;
