// The hash bank matcher: new posts are compared with the hashes of removed content — the exact file hash by index
// (the platform's and Vigil's own SHA-256 of the file), the video's PDQ frames by vPDQ (see perceptual.ts) — and a
// post that matches gets a signal in the flagged-generations queue naming the bank, the removed post, the decision
// and how close the match is. What else happens is the bank's action (bank-actions.ts): by default people decide;
// a bank may hold matching posts, or take down exact and near-identical copies, as automated decisions.
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
import { videoMatches, type VideoMatchOptions } from "./perceptual.ts";
import { hashIndexFor, type HashIndexService } from "./index-service.ts";
import { applyBankActions } from "./bank-actions.ts";
import type { HashBankAction, HashBankKind } from "../../db/generated/enums.ts";
import { empty, sql } from "../../db/sql.ts";

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
  /** the bank of the matched entry, and the list it was imported from */
  bank: { id: string; name: string; kind: HashBankKind; action: HashBankAction };
  source: string | null;
}

export interface ScanResult {
  scanned: number;
  matched: number;
}

/** Scans one batch of unscanned posts, oldest first. Returns how many it scanned; 0 means the backlog is empty. */
export async function scanNewPosts(
  db: Database,
  opts: { now: Date; limit?: number; index?: HashIndexService } & Partial<VideoMatchOptions>,
): Promise<ScanResult> {
  // the index reads the bank's changes first, outside the transaction (the embedded database has one connection)
  const index = opts.index ?? hashIndexFor(db);
  await index.sync();
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
      const matches = await findMatches(tx, index, ids, {
        maxDistance: opts.maxDistance ?? DEFAULT_MAX_DISTANCE,
        matchPct: opts.matchPct,
      });
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

/** The closest bank entry for each of the posts that match one; exact matches win, then the larger share found. */
export async function findMatches(
  tx: Tx,
  index: HashIndexService,
  postIds: string[],
  opts: VideoMatchOptions,
  exactScope?: ExactScope,
): Promise<HashMatch[]> {
  const exact = await tx.$queryRaw<{ postId: string; entryId: string; safe: boolean }[]>(
    sql`WITH ${exactMatchesCte(postIds, exactScope)} SELECT "postId", "entryId"::text AS "entryId", "safe" FROM exact`,
  );
  const video = await videoMatches(tx, index, postIds, opts);
  const best = new Map<
    string,
    Omit<HashMatch, "matchedPostId" | "decisionId" | "policyCode" | "category" | "bank" | "source">
  >();
  const suppressed = new Set(exact.filter((e) => e.safe).map((e) => e.postId));
  for (const e of exact) {
    if (e.safe || best.has(e.postId)) continue;
    best.set(e.postId, {
      postId: e.postId,
      entryId: e.entryId,
      matchKind: "exact",
      distance: 0,
      queryPct: null,
      comparisonPct: null,
    });
  }
  for (const [postId, matches] of video) {
    const top = matches[0]!;
    if (top.bank.kind === "safe") suppressed.add(postId);
    if (best.has(postId) || suppressed.has(postId)) continue;
    best.set(postId, {
      postId,
      entryId: top.entryId,
      matchKind: "perceptual",
      distance: top.distance,
      queryPct: top.queryPct,
      comparisonPct: top.comparisonPct,
    });
  }
  for (const postId of suppressed) best.delete(postId);
  if (best.size === 0) return [];
  const facts = await tx.$queryRaw<EntryFacts[]>(
    sql`SELECT e."id"::text AS "entryId", e."postId" AS "matchedPostId", e."decisionId"::text AS "decisionId",
               pol."code" AS "policyCode", c."category", imp."source",
               b."id"::text AS "bankId", b."name" AS "bankName", b."kind"::text AS "bankKind", b."action"::text AS "bankAction"
          FROM "HashBankEntry" e
          JOIN "HashBank" b ON b."id" = e."bankId"
          LEFT JOIN "HashListImport" imp ON imp."id" = e."importId"
          LEFT JOIN "Policy" pol ON pol."id" = e."policyId"
          LEFT JOIN "Decision" d ON d."id" = e."decisionId"
          LEFT JOIN "Case" c ON c."id" = d."caseId"
         WHERE e."id" = ANY(${[...best.values()].map((b) => b.entryId)}::uuid[])`,
  );
  const byEntry = new Map(facts.map((f) => [f.entryId, f]));
  return [...best.values()]
    .sort((a, b) => (a.postId < b.postId ? -1 : 1))
    .flatMap((m) => {
      const f = byEntry.get(m.entryId);
      if (!f) return [];
      return [
        {
          ...m,
          matchedPostId: f.matchedPostId,
          decisionId: f.decisionId,
          policyCode: f.policyCode,
          category: f.category,
          source: f.source,
          bank: { id: f.bankId, name: f.bankName, kind: f.bankKind, action: f.bankAction },
        },
      ];
    });
}

interface EntryFacts {
  entryId: string;
  matchedPostId: string | null;
  decisionId: string | null;
  policyCode: string | null;
  category: string | null;
  source: string | null;
  bankId: string;
  bankName: string;
  bankKind: HashBankKind;
  bankAction: HashBankAction;
}

/**
 * `exact("postId", "entryId", "safe")`: posts whose file (by the platform's hash, Vigil's SHA-256 or MD5) is in an
 * enabled bank; a post in a safe bank is marked so its other matches are suppressed.
 */
/** Only these entries: the items of one take-down, or one imported list (a retro-scan). */
export interface ExactScope {
  itemIds?: readonly string[];
  importId?: string | null;
}

export function exactMatchesCte(postIds: readonly string[], scope?: ExactScope) {
  const scoped = !scope
    ? empty
    : scope.importId
      ? sql` AND e."importId" = ${scope.importId}::uuid`
      : sql` AND e."itemId" = ANY(${[...(scope.itemIds ?? [])]}::text[])`;
  return sql`exact AS (
       SELECT DISTINCT ON (p."id") p."id" AS "postId", e."id" AS "entryId", b."kind" = 'safe' AS "safe"
         FROM "Post" p
         LEFT JOIN "PostMedia" m ON m."postId" = p."id" AND m."status" = 'ready'
         LEFT JOIN "MediaFile" f ON f."sha256" = m."sha256"
         JOIN "HashBankEntry" e ON e."kind" = 'exact' AND e."active" AND e."hash" IN (p."contentHash", m."sha256", f."md5") AND e."postId" IS DISTINCT FROM p."id"${scoped}
         JOIN "HashBank" b ON b."id" = e."bankId" AND b."enabled"
        WHERE p."id" = ANY(${[...postIds]}::text[])
        ORDER BY p."id", b."kind" = 'safe' DESC, e."createdAt"
     )`;
}

/** Signals, cases, audit rows and the banks' actions for matches found in `tx`. */
export async function flagMatches(tx: Tx, matches: HashMatch[], now: Date) {
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
      bankId: m.bank.id,
      bankName: m.bank.name,
      bankKind: m.bank.kind,
      source: m.source,
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
        bankId: m.bank.id,
        source: m.source,
      },
    })),
    now,
  );
  const indexOf = new Map(matches.map((m, index) => [m, index]));
  await applyBankActions(tx, matches, (m) => folded.caseByIndex.get(indexOf.get(m)!) ?? null, now);
}
