// New bank entries looked for among posts already published, not only future ones: a take-down's or an import's
// items are compared with the posts of the bank's retro-scan window (30 days unless set), in the background, a
// batch at a time, with progress on the bank page. The comparison is the matcher's own (vPDQ percentages, exact
// hashes, the bank's action), against an index of just the new entries, so a batch of posts costs what the
// matcher's does. Jobs are claimed with FOR UPDATE SKIP LOCKED; a batch and its cursor commit together.
import type { Database } from "../../db/client.ts";
import type { Tx } from "../../db/tx.ts";
import { sql } from "../../db/sql.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { HashIndexService, type EntryRow, type IndexedBank } from "./index-service.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "./perceptual.ts";
import { findMatches, flagMatches } from "./scan.ts";

const DAY_MS = 86_400_000;
const BATCH = 500;

/** Asks for the items just banked (or an import's entries) to be looked for among recent posts. */
export async function enqueueRetroScan(
  tx: Tx,
  scope: { bankId: string; itemIds?: string[]; importId?: string },
  now: Date,
): Promise<string | null> {
  const [bank] = await tx.$queryRaw<{ retroScanDays: number }[]>(
    sql`SELECT "retroScanDays" FROM "HashBank" WHERE "id" = ${scope.bankId}::uuid AND "kind" <> 'safe'`,
  );
  if (!bank || bank.retroScanDays <= 0) return null;
  if (!scope.importId && !scope.itemIds?.length) return null;
  const id = uuidv7();
  await tx.$executeRaw(
    sql`INSERT INTO "HashRetroScan" ("id", "bankId", "itemIds", "importId", "since", "createdAt")
        VALUES (${id}::uuid, ${scope.bankId}::uuid, ${scope.itemIds ?? []}::text[], ${scope.importId ?? null}::uuid,
                ${new Date(now.getTime() - bank.retroScanDays * DAY_MS)}::timestamptz, ${now}::timestamptz)`,
  );
  return id;
}

interface Job {
  id: string;
  bankId: string;
  itemIds: string[];
  importId: string | null;
  since: Date;
  status: "pending" | "running";
  cursorCreatedAt: Date | null;
  cursorPostId: string | null;
  createdAt: Date;
}

export interface RetroScanStep {
  jobId: string | null;
  scanned: number;
  matched: number;
  done: boolean;
}

/** One batch of the oldest unfinished retro-scan; `jobId` null when there is none. */
export async function runRetroScanStep(
  db: Database,
  opts: { now: Date; maxDistance: number; matchPct?: number; batch?: number },
): Promise<RetroScanStep> {
  return db.prisma.$transaction(
    async (tx) => {
      const [job] = await tx.$queryRaw<Job[]>(
        sql`SELECT "id"::text AS "id", "bankId"::text AS "bankId", "itemIds", "importId"::text AS "importId", "since",
                   "status"::text AS "status", "cursorCreatedAt", "cursorPostId", "createdAt"
              FROM "HashRetroScan" WHERE "status" IN ('pending', 'running')
             ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!job) return { jobId: null, scanned: 0, matched: 0, done: true };
      const since = new Date(job.since);
      // posts published up to the job: later ones meet the new entries in the ordinary matcher
      const until = new Date(job.createdAt);
      if (job.status === "pending") {
        const [total] = await tx.$queryRaw<{ n: number }[]>(
          sql`SELECT count(*)::int AS "n" FROM "Post"
               WHERE "createdAt" >= ${since}::timestamptz AND "createdAt" <= ${until}::timestamptz
                 AND "visibility" IN ('public', 'held') AND ${scannedBefore(until)}`,
        );
        await tx.$executeRaw(
          sql`UPDATE "HashRetroScan" SET "status" = 'running', "postsTotal" = ${total?.n ?? 0}, "startedAt" = ${opts.now}::timestamptz
               WHERE "id" = ${job.id}::uuid`,
        );
      }
      const after = job.cursorCreatedAt
        ? sql`AND ("createdAt", "id") > (${new Date(job.cursorCreatedAt)}::timestamptz, ${job.cursorPostId})`
        : sql``;
      const posts = await tx.$queryRaw<{ id: string; createdAt: Date }[]>(
        sql`SELECT "id", "createdAt" FROM "Post"
             WHERE "createdAt" >= ${since}::timestamptz AND "createdAt" <= ${until}::timestamptz
               AND "visibility" IN ('public', 'held') AND ${scannedBefore(until)} ${after}
             ORDER BY "createdAt", "id" LIMIT ${opts.batch ?? BATCH}`,
      );
      let matched = 0;
      if (posts.length) {
        const index = await scopedIndex(db, tx, job);
        const matches = await findMatches(
          tx,
          index,
          posts.map((p) => p.id),
          { maxDistance: opts.maxDistance, matchPct: opts.matchPct ?? DEFAULT_MATCH_PCT },
          { itemIds: job.itemIds, importId: job.importId },
        );
        if (matches.length) await flagMatches(tx, matches, opts.now);
        matched = matches.length;
      }
      const last = posts[posts.length - 1];
      const done = posts.length < (opts.batch ?? BATCH);
      await tx.$executeRaw(
        sql`UPDATE "HashRetroScan"
               SET "postsScanned" = "postsScanned" + ${posts.length}, "matched" = "matched" + ${matched},
                   "cursorCreatedAt" = coalesce(${last ? new Date(last.createdAt) : null}::timestamptz, "cursorCreatedAt"),
                   "cursorPostId" = coalesce(${last?.id ?? null}, "cursorPostId"),
                   "status" = ${done ? "done" : "running"}::"HashRetroScanStatus",
                   "finishedAt" = ${done ? opts.now : null}::timestamptz
             WHERE "id" = ${job.id}::uuid`,
      );
      return { jobId: job.id, scanned: posts.length, matched, done };
    },
    { timeout: 120_000 },
  );
}

/**
 * Posts the matcher looked at before the new entries were banked; a post it has not looked at yet meets them there
 * (its index holds them by then), so no post is flagged twice for the same entries.
 */
function scannedBefore(until: Date) {
  return sql`"hashScannedAt" IS NOT NULL AND "hashScannedAt" <= ${until}::timestamptz`;
}

/** An index of the job's frame entries alone. */
async function scopedIndex(db: Database, tx: Tx, job: Job): Promise<HashIndexService> {
  const scope = job.importId
    ? sql`e."importId" = ${job.importId}::uuid`
    : sql`e."itemId" = ANY(${job.itemIds}::text[]) AND e."bankId" = ${job.bankId}::uuid`;
  const rows = await tx.$queryRaw<EntryRow[]>(
    sql`SELECT e."id"::text AS "id", e."hash", e."quality", e."itemId", e."bankId"::text AS "bankId",
               (e."active" AND NOT e."legacy" AND coalesce(e."quality", 0) >= ${DEFAULT_MIN_QUALITY}) AS "live"
          FROM "HashBankEntry" e WHERE e."kind" = 'perceptual' AND ${scope}`,
  );
  const banks = await tx.$queryRaw<IndexedBank[]>(
    sql`SELECT "id"::text AS "id", "name", "kind", "action", "enabled" FROM "HashBank" WHERE "id" = ${job.bankId}::uuid`,
  );
  return HashIndexService.of(db, banks, rows);
}
