// What is kept for how long. Media is evidence: a file is kept while any post showing it is up or held, and while
// anything about a removed post may still need it — an unresolved case, a takedown request still in progress
// (received, needs information, valid, counter-noticed), an open appeal. After that it is kept `retentionDays`
// more (from the post's last change), then the original and its poster and strip are deleted from the store. The
// hashes (frames, bank entries) stay: the bank must keep recognising removed content without keeping the content.
import type { Database } from "../../db/client.ts";
import { sql } from "../../db/sql.ts";
import { derivedKey, originalKey, type MediaStore } from "../../media/store.ts";
import { appendAudit } from "../audit/audit-log.ts";

const DAY_MS = 86_400_000;

/** Files no post, case, request or appeal needs any more, past the retention period; at most `limit`. */
export async function purgeableFiles(db: Database, now: Date, retentionDays: number, limit = 100): Promise<string[]> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const rows = await db.prisma.$queryRaw<{ sha256: string }[]>(
    sql`SELECT f."sha256" FROM "MediaFile" f
         WHERE f."purgedAt" IS NULL
           AND EXISTS (SELECT 1 FROM "PostMedia" m WHERE m."sha256" = f."sha256")
           AND NOT EXISTS (
             SELECT 1 FROM "PostMedia" m JOIN "Post" p ON p."id" = m."postId"
              WHERE m."sha256" = f."sha256"
                AND (p."visibility" IN ('public', 'held') OR p."updatedAt" > ${cutoff}::timestamptz
                     OR EXISTS (SELECT 1 FROM "Case" c WHERE c."postId" = p."id" AND c."status" <> 'resolved')
                     OR EXISTS (SELECT 1 FROM "TakedownRequestPost" tp JOIN "TakedownRequest" t ON t."id" = tp."requestId"
                                 WHERE tp."postId" = p."id" AND t."status" IN ('received', 'needs_info', 'valid', 'counter_noticed'))
                     OR EXISTS (SELECT 1 FROM "Appeal" a JOIN "Decision" d ON d."id" = a."decisionId"
                                 WHERE d."postId" = p."id" AND a."status" = 'open')))
         ORDER BY f."createdAt", f."sha256"
         LIMIT ${limit}`,
  );
  return rows.map((r) => r.sha256);
}

/** Deletes expired media from the store and records it; returns how many files were purged. */
export async function purgeExpiredMedia(
  db: Database,
  store: MediaStore,
  opts: { now: Date; retentionDays: number; limit?: number },
): Promise<number> {
  const files = await purgeableFiles(db, opts.now, opts.retentionDays, opts.limit);
  for (const sha256 of files) {
    // the database says "purged" only after the store has let go, so a failure part-way is simply retried
    await store.delete(derivedKey(sha256, "poster.jpg"));
    await store.delete(derivedKey(sha256, "strip.jpg"));
    await store.delete(originalKey(sha256));
    await db.prisma.$transaction(async (tx) => {
      await tx.mediaFile.update({ where: { sha256 }, data: { purgedAt: opts.now } });
      // back to the stand-in artwork drawn from the prompt
      await tx.$executeRaw(
        sql`UPDATE "Post" p SET "posterUrl" = '/media/posts/' || p."id" || '/poster.svg'
              FROM "PostMedia" m WHERE m."postId" = p."id" AND m."sha256" = ${sha256}`,
      );
      await appendAudit(
        tx,
        {
          actorType: "system",
          action: "media.purge",
          subjectType: "media_file",
          subjectId: sha256,
          details: { retentionDays: opts.retentionDays },
        },
        opts.now,
      );
    });
  }
  return files.length;
}
