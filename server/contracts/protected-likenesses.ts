// What GET /api/v1/protected-likenesses answers: the contract the OpenAPI document publishes.
import { z } from "zod";

export const ProtectedLikenessFeed = z.object({
  version: z.string().describe("changes whenever the active register changes; also sent as the ETag"),
  entries: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(["public_figure", "deceased"]),
      aliases: z.array(z.string()).describe("other names the person is known by; match prompts against these too"),
      since: z.iso.datetime(),
    }),
  ),
});
export type ProtectedLikenessFeed = z.infer<typeof ProtectedLikenessFeed>;
