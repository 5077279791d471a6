// Putting removed content into the hash bank: the exact hashes of the file (the platform's and Vigil's SHA-256) and
// the video's vPDQ frames as Vigil hashed them (PDQ, quality, time), with the decision that removed it. Two
// statements for any number of posts. An exact hash already banked and active is not added twice; a frame is
// banked once per removed post, since a video match counts the share of that post's frames found.
//
// A post removed before its media was processed has only its exact hash banked; its frames follow when the
// media worker has hashed them (bankProcessedMedia).
import type { Tx } from "../../db/tx.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { enqueueRetroScan } from "./retro-scan.ts";
import { execRows, queryRows, sql } from "../../db/sql.ts";

export interface RemovedPost {
  postId: string;
  decisionId: string;
  policyId: string | null;
}

interface NewEntry {
  kind: "exact" | "perceptual";
  signalType: string;
  hash: string;
  bankId: string;
  postId: string;
  decisionId: string;
  policyId: string | null;
  quality: number | null;
  atMs: number | null;
}

/** Where take-downs go unless their policy names another bank (created by migration 0022). */
export const REMOVED_CONTENT_BANK_ID = "01900000-0000-7000-8000-000000000001";

/**
 * Banks each removed post in the bank its policy names (the removed-content bank by default): its file hashes
 * (the platform's, SHA-256, MD5) and its kept frames, each post one banked item.
 */
export async function addToHashBank(tx: Tx, removed: RemovedPost[], now: Date): Promise<number> {
  const entries = await queryRows<NewEntry>(
    tx,
    removed,
    (json) =>
      sql`WITH removed AS (
       SELECT x."postId", x."decisionId", x."policyId", coalesce(pol."hashBankId"::text, ${REMOVED_CONTENT_BANK_ID}) AS "bankId"
         FROM jsonb_to_recordset(${json}) AS x("postId" text, "decisionId" text, "policyId" text)
         LEFT JOIN "Policy" pol ON pol."id" = x."policyId"::uuid
     )
     SELECT DISTINCT ON (h."bankId", h."kind", h."hash", CASE WHEN h."kind" = 'perceptual' THEN h."postId" END) h.*
       FROM (
         SELECT 'exact' AS "kind", CASE WHEN p."contentHash" ~ '^[0-9a-f]{64}$' THEN 'sha256' ELSE 'platform' END AS "signalType",
                p."contentHash" AS "hash", r."bankId", r."postId", r."decisionId", r."policyId", NULL::int AS "quality", NULL::int AS "atMs"
           FROM removed r JOIN "Post" p ON p."id" = r."postId"
         UNION ALL
         SELECT 'exact', 'sha256', m."sha256", r."bankId", r."postId", r."decisionId", r."policyId", NULL, NULL
           FROM removed r JOIN "PostMedia" m ON m."postId" = r."postId" AND m."status" = 'ready'
         UNION ALL
         SELECT 'exact', CASE WHEN mf."kind" = 'image' THEN 'photo_md5' ELSE 'video_md5' END, mf."md5", r."bankId", r."postId", r."decisionId", r."policyId", NULL, NULL
           FROM removed r
           JOIN "PostMedia" m ON m."postId" = r."postId" AND m."status" = 'ready'
           JOIN "MediaFile" mf ON mf."sha256" = m."sha256"
         UNION ALL
         SELECT 'perceptual', 'vpdq', f."pdq", r."bankId", r."postId", r."decisionId", r."policyId", f."quality", f."atMs"
           FROM removed r
           JOIN "PostMedia" m ON m."postId" = r."postId" AND m."status" = 'ready'
           JOIN "MediaFrame" f ON f."sha256" = m."sha256" AND f."kept"
       ) h
      WHERE NOT EXISTS (
        SELECT 1 FROM "HashBankEntry" e
         WHERE e."bankId" = h."bankId"::uuid AND e."kind" = h."kind"::"HashKind" AND e."hash" = h."hash" AND e."active" AND NOT e."legacy"
           AND (h."kind" = 'exact' OR e."postId" = h."postId"))
      ORDER BY h."bankId", h."kind", h."hash", CASE WHEN h."kind" = 'perceptual' THEN h."postId" END, h."postId", h."atMs"`,
  );
  // the new items are looked for among recent posts too, in the background (retro-scan.ts)
  const itemsByBank = new Map<string, Set<string>>();
  for (const e of entries) {
    const items = itemsByBank.get(e.bankId) ?? new Set<string>();
    items.add(e.postId);
    itemsByBank.set(e.bankId, items);
  }
  for (const [bankId, items] of itemsByBank) await enqueueRetroScan(tx, { bankId, itemIds: [...items] }, now);
  return execRows(
    tx,
    entries.map((e) => ({ id: uuidv7(), ...e })),
    (
      json,
    ) => sql`INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "itemId", "postId", "decisionId", "policyId", "quality", "atMs", "active", "createdAt")
     SELECT x."id"::uuid, x."bankId"::uuid, x."kind"::"HashKind", x."signalType", x."hash", x."postId", x."postId", x."decisionId"::uuid, x."policyId"::uuid, x."quality", x."atMs", true, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "bankId" text, "kind" text, "signalType" text, "hash" text, "postId" text, "decisionId" text, "policyId" text, "quality" int, "atMs" int)`,
  );
}

/**
 * Banks the frames of posts whose media has just been processed and that are in the bank already (removed before
 * their media was ready, or banked before Vigil hashed media itself), under the decision that banked them.
 */
export async function bankProcessedMedia(tx: Tx, postIds: string[], now: Date): Promise<number> {
  if (postIds.length === 0) return 0;
  const removed = await tx.$queryRaw<RemovedPost[]>(
    sql`SELECT DISTINCT ON (e."postId") e."postId", e."decisionId"::text AS "decisionId", e."policyId"::text AS "policyId"
          FROM "HashBankEntry" e
         WHERE e."postId" = ANY(${postIds}::text[]) AND e."active" AND e."kind" = 'exact' AND e."decisionId" IS NOT NULL
         ORDER BY e."postId", e."createdAt" DESC`,
  );
  return removed.length ? addToHashBank(tx, removed, now) : 0;
}

/**
 * Restoring a post takes its hashes out of matching: content judged fine again must not keep flagging copies.
 * Entries stay in the bank, deactivated with the decision that restored the post.
 */
export async function retireFromHashBank(
  tx: Tx,
  postIds: string[],
  reason: string,
  now: Date,
  staffId: string | null = null,
): Promise<number> {
  if (postIds.length === 0) return 0;
  const result = await tx.hashBankEntry.updateMany({
    where: { postId: { in: postIds }, active: true },
    data: { active: false, deactivatedAt: now, deactivatedById: staffId, deactivatedReason: reason },
  });
  return result.count;
}
