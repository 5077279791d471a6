// The hash bank matcher: new posts are compared with the hashes of removed content — the exact file hash by index
// (the platform's and Vigil's own SHA-256 of the file), the video's PDQ frames by vPDQ (see perceptual.ts) — and a
// post that matches gets a signal in the flagged-generations queue naming the removed post, the decision and how
// close the match is. People decide; nothing is taken down by the matcher itself.
//
// A post waits while its media is still to be fetched and processed, so its own frames are compared; a post looked
// at before its media was ready (a failed fetch retried later) is looked at again once it is.
//
// Work is claimed in batches with FOR UPDATE SKIP LOCKED, so several servers scan side by side without comparing
// a post twice; a batch's signals, cases, audit rows and "scanned" marks commit together.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { rescoreCases } from "../cases/rescore.ts";
import { foldSignals } from "../ingest/apply-signals.ts";
import type { SignalDraft } from "../ingest/signal-drafts.ts";
import { perceptualMatchesCtes, type VideoMatchOptions } from "./perceptual.ts";
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
  /** vPDQ percentages for a perceptual match (0–100); null for an exact one */
  queryPct: number | null;
  comparisonPct: number | null;
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
  opts: { now: Date; limit?: number } & Partial<VideoMatchOptions>,
): Promise<ScanResult> {
  return db.prisma.$transaction(
    async (tx) => {
      const posts = await tx.$queryRaw<{ id: string }[]>(
        sql`SELECT p."id" FROM "Post" p
             WHERE p."hashScannedAt" IS NULL
               AND NOT EXISTS (SELECT 1 FROM "PostMedia" m WHERE m."postId" = p."id" AND m."status" = 'pending')
             ORDER BY p."createdAt", p."id" LIMIT ${opts.limit ?? BATCH} FOR UPDATE OF p SKIP LOCKED`,
      );
      if (posts.length === 0) return { scanned: 0, matched: 0 };
      const ids = posts.map((p) => p.id);
      // Their media rows too: media that becomes ready meanwhile then either is seen here or waits for this
      // scan and finds the post marked for a rescan (below), never neither.
      await tx.$queryRaw(sql`SELECT 1 FROM "PostMedia" WHERE "postId" = ANY(${ids}::text[]) FOR UPDATE`);
      const matches = await findMatches(tx, ids, { ...opts, maxDistance: opts.maxDistance ?? DEFAULT_MAX_DISTANCE });
      if (matches.length) await flagMatches(tx, matches, opts.now);
      await tx.$executeRaw(
        sql`UPDATE "Post" SET "hashScannedAt" = ${opts.now}::timestamptz WHERE "id" = ANY(${ids}::text[])`,
      );
      // media still being retried: compare its frames too once it is ready
      await tx.$executeRaw(
        sql`UPDATE "PostMedia" SET "rescan" = true WHERE "postId" = ANY(${ids}::text[]) AND "status" <> 'ready' AND NOT "rescan"`,
      );
      return { scanned: ids.length, matched: matches.length };
    },
    { timeout: 120_000 },
  );
}

/** The closest bank entry for each of the posts that match one; exact matches win ties. */
export async function findMatches(tx: Tx, postIds: string[], opts: VideoMatchOptions): Promise<HashMatch[]> {
  return tx.$queryRaw<HashMatch[]>(
    sql`WITH ${exactMatchesCte(postIds)}, ${perceptualMatchesCtes(postIds, opts)}, best AS (
       SELECT DISTINCT ON ("postId") *
         FROM (SELECT "postId", "entryId", 'exact' AS "matchKind", 0 AS "distance", NULL::float8 AS "queryPct", NULL::float8 AS "comparisonPct" FROM exact
               UNION ALL SELECT "postId", "entryId", 'perceptual', "distance", "queryPct", "comparisonPct" FROM perceptual) m
        ORDER BY "postId", "matchKind", "comparisonPct" DESC, "distance"
     )
     SELECT b."postId", b."entryId"::text AS "entryId", b."matchKind", b."distance"::int AS "distance", b."queryPct", b."comparisonPct",
            e."postId" AS "matchedPostId", e."decisionId"::text AS "decisionId", pol."code" AS "policyCode", c."category"
       FROM best b
       JOIN "HashBankEntry" e ON e."id" = b."entryId"
       LEFT JOIN "Policy" pol ON pol."id" = e."policyId"
       LEFT JOIN "Decision" d ON d."id" = e."decisionId"
       LEFT JOIN "Case" c ON c."id" = d."caseId"
      ORDER BY b."postId"`,
  );
}

/** `exact("postId", "entryId")`: posts whose file (by the platform's hash or Vigil's SHA-256) is banked. */
export function exactMatchesCte(postIds: readonly string[]) {
  return sql`exact AS (
       SELECT DISTINCT ON (p."id") p."id" AS "postId", e."id" AS "entryId"
         FROM "Post" p
         LEFT JOIN "PostMedia" m ON m."postId" = p."id" AND m."status" = 'ready'
         JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" IN (p."contentHash", m."sha256") AND e."postId" IS DISTINCT FROM p."id"
        WHERE p."id" = ANY(${[...postIds]}::text[])
        ORDER BY p."id", e."createdAt"
     )`;
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
    // 1 for the same file; a video match scores by the share of the banked video found in the post.
    score: m.matchKind === "exact" ? 1 : Math.round(m.comparisonPct ?? 0) / 100,
    payload: {
      hashBankEntryId: m.entryId,
      matchKind: m.matchKind,
      distance: m.distance,
      queryPct: m.queryPct,
      comparisonPct: m.comparisonPct,
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
        queryPct: m.queryPct,
        comparisonPct: m.comparisonPct,
        matchedPostId: m.matchedPostId,
      },
    })),
    now,
  );
}
