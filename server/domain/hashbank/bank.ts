// Putting removed content into the hash bank: the exact hash of the file and the perceptual hash of each keyframe,
// with the decision that removed it. Two statements for any number of posts; a hash already banked and active is
// not added twice.
import type { Tx } from "../../db/tx.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { execRows, queryRows, sql } from "../../db/sql.ts";

export interface RemovedPost {
  postId: string;
  decisionId: string;
  policyId: string | null;
}

interface NewEntry {
  kind: "exact" | "perceptual";
  hash: string;
  postId: string;
  decisionId: string;
  policyId: string | null;
}

export async function addToHashBank(tx: Tx, removed: RemovedPost[], now: Date): Promise<number> {
  const entries = await queryRows<NewEntry>(
    tx,
    removed,
    (json) =>
      sql`WITH removed AS (
       SELECT x."postId", x."decisionId", x."policyId" FROM jsonb_to_recordset(${json}) AS x("postId" text, "decisionId" text, "policyId" text)
     )
     SELECT DISTINCT ON (h."kind", h."hash") h.*
       FROM (
         SELECT 'exact' AS "kind", p."contentHash" AS "hash", r."postId", r."decisionId", r."policyId"
           FROM removed r JOIN "Post" p ON p."id" = r."postId"
         UNION ALL
         SELECT 'perceptual', k."phash", r."postId", r."decisionId", r."policyId"
           FROM removed r JOIN "PostKeyframe" k ON k."postId" = r."postId"
       ) h
      WHERE NOT EXISTS (SELECT 1 FROM "HashBankEntry" e WHERE e."kind" = h."kind"::"HashKind" AND e."hash" = h."hash" AND e."active")
      ORDER BY h."kind", h."hash", h."postId"`,
  );
  return execRows(
    tx,
    entries.map((e) => ({ id: uuidv7(), ...e })),
    (
      json,
    ) => sql`INSERT INTO "HashBankEntry" ("id", "kind", "hash", "postId", "decisionId", "policyId", "active", "createdAt")
     SELECT x."id"::uuid, x."kind"::"HashKind", x."hash", x."postId", x."decisionId"::uuid, x."policyId"::uuid, true, ${now}::timestamptz
       FROM jsonb_to_recordset(${json}) AS x("id" text, "kind" text, "hash" text, "postId" text, "decisionId" text, "policyId" text)`,
  );
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
