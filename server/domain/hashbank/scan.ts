// The hash bank matcher: new posts are compared with the hashes of removed content — the exact file hash by index,
// each keyframe's 256-bit perceptual hash by Hamming distance — and a post that matches gets a signal in the
// flagged-generations queue naming the removed post, the decision and how close the match is. People decide;
// nothing is taken down by the matcher itself.
//
// Work is claimed in batches with FOR UPDATE SKIP LOCKED, so several servers scan side by side without comparing
// a post twice; a batch's signals, cases, audit rows and "scanned" marks commit together.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { rescoreCases } from "../cases/rescore.ts";
import { foldSignals } from "../ingest/apply-signals.ts";
import type { SignalDraft } from "../ingest/signal-drafts.ts";
import { perceptualMatchesCtes } from "./perceptual.ts";
import { sql } from "../../db/sql.ts";

/** Bits of 256 that may differ for two keyframes to count as the same picture (the PDQ convention). */
export const DEFAULT_MAX_DISTANCE = 31;
export const HASH_BANK_MODEL = "hash_bank";
const BATCH = 200;

export interface HashMatch {
  postId: string;
  entryId: string;
  matchKind: "exact" | "perceptual";
  distance: number;
  matchedPostId: string | null;
  decisionId: string | null;
  policyCode: string | null;
  category: string | null;
}

export interface ScanResult {
  scanned: number;
  matched: number;
}

/** Scans one batch of unscanned posts, oldest first. Returns how many it scanned; 0 means the backlog is empty. */
export async function scanNewPosts(
  db: Database,
  opts: { now: Date; limit?: number; maxDistance?: number },
): Promise<ScanResult> {
  return db.prisma.$transaction(
    async (tx) => {
      const posts = await tx.$queryRaw<{ id: string }[]>(
        sql`SELECT "id" FROM "Post" WHERE "hashScannedAt" IS NULL ORDER BY "createdAt", "id" LIMIT ${opts.limit ?? BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (posts.length === 0) return { scanned: 0, matched: 0 };
      const ids = posts.map((p) => p.id);
      const matches = await findMatches(tx, ids, opts.maxDistance ?? DEFAULT_MAX_DISTANCE);
      if (matches.length) await flagMatches(tx, matches, opts.now);
      await tx.$executeRaw(
        sql`UPDATE "Post" SET "hashScannedAt" = ${opts.now}::timestamptz WHERE "id" = ANY(${ids}::text[])`,
      );
      return { scanned: ids.length, matched: matches.length };
    },
    { timeout: 120_000 },
  );
}

/** The closest bank entry for each of the posts that match one; exact matches win ties. */
export async function findMatches(tx: Tx, postIds: string[], maxDistance: number): Promise<HashMatch[]> {
  return tx.$queryRaw<HashMatch[]>(
    sql`WITH exact AS (
       SELECT p."id" AS "postId", e."id" AS "entryId", 'exact' AS "matchKind", 0 AS "distance"
         FROM "Post" p
         JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" = p."contentHash" AND e."postId" IS DISTINCT FROM p."id"
        WHERE p."id" = ANY(${postIds}::text[])
     ), ${perceptualMatchesCtes(postIds, maxDistance)}, best AS (
       SELECT DISTINCT ON ("postId") *
         FROM (SELECT * FROM exact UNION ALL SELECT "postId", "entryId", 'perceptual', "distance" FROM perceptual) m
        ORDER BY "postId", "distance", "matchKind"
     )
     SELECT b."postId", b."entryId"::text AS "entryId", b."matchKind", b."distance"::int AS "distance",
            e."postId" AS "matchedPostId", e."decisionId"::text AS "decisionId", pol."code" AS "policyCode", c."category"
       FROM best b
       JOIN "HashBankEntry" e ON e."id" = b."entryId"
       LEFT JOIN "Policy" pol ON pol."id" = e."policyId"
       LEFT JOIN "Decision" d ON d."id" = e."decisionId"
       LEFT JOIN "Case" c ON c."id" = d."caseId"
      ORDER BY b."postId"`,
  );
}

async function flagMatches(tx: Tx, matches: HashMatch[], now: Date) {
  const drafts: SignalDraft[] = matches.map((m, index) => ({
    index,
    eventId: null,
    kind: "classifier_flag",
    queue: "flagged_generation",
    subjectType: "post",
    subjectId: m.postId,
    category: m.category,
    model: HASH_BANK_MODEL,
    // 1 for the same file; a perceptual match scores by how many of the 256 bits agree.
    score: m.matchKind === "exact" ? 1 : Math.round((1 - m.distance / 256) * 1000) / 1000,
    payload: {
      hashBankEntryId: m.entryId,
      matchKind: m.matchKind,
      distance: m.distance,
      matchedPostId: m.matchedPostId,
      decisionId: m.decisionId,
      policyCode: m.policyCode,
    },
    occurredAt: now.toISOString(),
  }));
  const folded = await foldSignals(tx, { drafts, takedowns: [], appeals: [], now });
  await rescoreCases(tx, folded.caseIds, now, folded.deadlines);
  await appendAudit(
    tx,
    matches.map((m, index) => ({
      actorType: "system" as const,
      action: "hash_bank.match",
      subjectType: "post",
      subjectId: m.postId,
      caseId: folded.caseByIndex.get(index) ?? null,
      details: {
        hashBankEntryId: m.entryId,
        matchKind: m.matchKind,
        distance: m.distance,
        matchedPostId: m.matchedPostId,
      },
    })),
    now,
  );
}
