// A re-upload of removed content, left for the hash bank matcher: on the first start the matcher flags it in the
// flagged-generations queue as an exact copy, so every demo shows what a hash bank match looks like.
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
    select: {
      hash: true,
      post: {
        select: { prompt: true, durationMs: true, keyframes: { select: { index: true, atMs: true, phash: true } } },
      },
    },
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
        contentHash: banked.hash,
        viewCount: 340,
        createdAt: at,
        // hashScannedAt stays empty: the matcher's work.
      },
    });
    await tx.postKeyframe.createMany({
      data: banked.post!.keyframes.map((k) => ({
        postId: s.postId,
        index: k.index,
        atMs: k.atMs,
        phash: k.phash,
        imageUrl: `/media/posts/${s.postId}/keyframes/${k.index}.svg`,
      })),
    });
  });
}
