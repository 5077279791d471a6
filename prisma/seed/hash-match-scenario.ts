// A re-upload of removed content, left for the media worker and the hash bank matcher: its file is a re-encoded,
// rescaled copy of the removed post's (demo-media.ts), so its file hash differs, and on the first start the
// matcher flags it in the flagged-generations queue by vPDQ — every demo shows what a hash bank match looks like.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";

export const HASH_MATCH_SCENARIO = {
  account: { id: "acc_demo_reuploader", handle: "reupload_rex", displayName: "Rex Reuploads" },
  postId: "post_demo_reupload",
} as const;

export async function seedHashMatchScenario(db: Database, now: Date): Promise<void> {
  const s = HASH_MATCH_SCENARIO;
  const banked = await db.prisma.hashBankEntry.findFirst({
    where: { kind: "exact", active: true, post: { isNot: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { post: { select: { prompt: true, durationMs: true } } },
  });
  if (!banked?.post) return;
  const at = new Date(now.getTime() - 20 * 60_000);
  await db.prisma.$transaction(async (tx) => {
    await tx.account.create({
      data: { ...s.account, country: "US", createdAt: new Date(now.getTime() - 3 * 86_400_000) },
    });
    await tx.post.create({
      data: {
        id: s.postId,
        creatorId: s.account.id,
        prompt: banked.post!.prompt,
        durationMs: banked.post!.durationMs,
        posterUrl: `/media/posts/${s.postId}/poster.svg`,
        contentHash: crypto.createHash("sha256").update(s.postId).digest("hex"),
        viewCount: 340,
        createdAt: at,
        // hashScannedAt stays empty: the matcher's work.
      },
    });
  });
}
