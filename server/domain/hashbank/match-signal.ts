// One hash against the banks, for the platform's match API and staff's lookups: a PDQ frame by the in-memory
// index, a vPDQ frame list by vPDQ semantics, an exact hash (SHA-256, MD5) by the database's index. It is the
// platform's hot path: its reads go to the driver directly (a Prisma round trip costs several times more). The answer
// is keyed by bank name as HMA's lookup is; a match with a safe bank (a known false positive) is the only answer.
import type { Database } from "../../db/client.ts";
import { sql } from "../../db/sql.ts";
import type { MatchRequestValues, MatchResponseValues } from "../../contracts/hash-match.ts";
import { DomainError } from "../../lib/errors.ts";
import { parseVpdqValue, type VpdqFrame } from "./hash-list.ts";
import type { HashIndexService, IndexedBank } from "./index-service.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "./perceptual.ts";

export interface MatchSignalOptions {
  maxDistance: number;
  matchPct?: number;
}

interface Hit {
  bankId: string;
  itemId: string;
  entryId: string;
  distance: number;
  queryPct: number | null;
  comparisonPct: number | null;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;

export async function matchSignal(
  db: Database,
  index: HashIndexService,
  input: MatchRequestValues,
  opts: MatchSignalOptions,
): Promise<MatchResponseValues> {
  const bankNames = typeof input.banks === "string" ? input.banks.split(",").map((b) => b.trim()) : input.banks;
  const banks = await bankFilter(db, bankNames);
  const hits = await findHits(db, index, input, opts, banks);
  return describeHits(db, index, hits);
}

async function bankFilter(db: Database, names: string[] | undefined): Promise<Set<string> | undefined> {
  if (!names?.length) return undefined;
  const rows = await db.sql.query<{ id: string; name: string }>(
    sql`SELECT "id"::text AS "id", "name" FROM "HashBank" WHERE "name" = ANY(${names}::text[])`,
  );
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length)
    throw new DomainError("BAD_REQUEST", `banks: no bank is named ${missing.map((n) => `"${n}"`).join(", ")}.`, {
      field: "banks",
    });
  return new Set(rows.map((r) => r.id));
}

async function findHits(
  db: Database,
  index: HashIndexService,
  input: MatchRequestValues,
  opts: MatchSignalOptions,
  banks: Set<string> | undefined,
): Promise<Hit[]> {
  const signal = input.signal?.trim().toLowerCase();
  if (input.signal_type === "vpdq") {
    const frames = input.frames ?? (signal !== undefined ? framesOf(input.signal!) : undefined);
    if (!frames)
      throw new DomainError("BAD_REQUEST", "signal: send the vPDQ hash as `signal` or `frames`.", { field: "signal" });
    const kept = frames.filter((f) => f.quality >= DEFAULT_MIN_QUALITY).map((f) => f.pdq.toLowerCase());
    return index
      .matchVideo(kept, { maxDistance: opts.maxDistance, matchPct: opts.matchPct ?? DEFAULT_MATCH_PCT, banks })
      .map((m) => ({
        bankId: m.bank.id,
        itemId: m.itemId,
        entryId: m.entryId,
        distance: m.distance,
        queryPct: m.queryPct,
        comparisonPct: m.comparisonPct,
      }));
  }
  if (input.frames) throw new DomainError("BAD_REQUEST", "frames: only a vpdq signal has frames.", { field: "frames" });
  if (signal === undefined) throw new DomainError("BAD_REQUEST", "signal: the hash is missing.", { field: "signal" });
  if (input.signal_type === "pdq") {
    if (!HEX64.test(signal))
      throw new DomainError("BAD_REQUEST", "signal: a pdq hash is 64 hexadecimal characters.", { field: "signal" });
    // one result per banked item: its closest frame
    const best = new Map<string, Hit>();
    const hits = index.frameHits([signal], opts.maxDistance, banks)[0]!;
    for (const h of hits) {
      const seen = best.get(h.itemId);
      if (!seen || h.distance < seen.distance) best.set(h.itemId, { ...h, queryPct: null, comparisonPct: null });
    }
    return suppressBySafe(index, [...best.values()]);
  }
  const pattern = input.signal_type === "sha256" ? HEX64 : HEX32;
  if (!pattern.test(signal))
    throw new DomainError(
      "BAD_REQUEST",
      `signal: a ${input.signal_type} hash is ${input.signal_type === "sha256" ? 64 : 32} hexadecimal characters.`,
      { field: "signal" },
    );
  const rows = await db.sql.query<{ bankId: string; itemId: string; entryId: string }>(
    sql`SELECT e."bankId"::text AS "bankId", e."itemId", e."id"::text AS "entryId"
          FROM "HashBankEntry" e JOIN "HashBank" b ON b."id" = e."bankId" AND b."enabled"
         WHERE e."kind" = 'exact' AND e."active" AND e."hash" = ${signal}
         ORDER BY e."createdAt" LIMIT 100`,
  );
  const exact = rows
    .filter((r) => !banks || banks.has(r.bankId))
    .map((r) => ({ ...r, distance: 0, queryPct: null, comparisonPct: null }));
  return suppressBySafe(index, exact);
}

function framesOf(value: string): VpdqFrame[] {
  try {
    return parseVpdqValue(value);
  } catch (err) {
    throw new DomainError("BAD_REQUEST", `signal: ${(err as Error).message}`, { field: "signal" });
  }
}

function suppressBySafe(index: HashIndexService, hits: Hit[]): Hit[] {
  const safe = hits.filter((h) => index.bank(h.bankId)?.kind === "safe");
  return safe.length ? safe : hits;
}

async function describeHits(db: Database, index: HashIndexService, hits: Hit[]): Promise<MatchResponseValues> {
  if (hits.length === 0) return {};
  const facts = await db.sql.query<{ entryId: string; postId: string | null; source: string | null }>(
    sql`SELECT e."id"::text AS "entryId", e."postId", imp."source"
          FROM "HashBankEntry" e LEFT JOIN "HashListImport" imp ON imp."id" = e."importId"
         WHERE e."id" = ANY(${hits.map((h) => h.entryId)}::uuid[])`,
  );
  const byEntry = new Map(facts.map((f) => [f.entryId, f]));
  const banks = new Map<string, IndexedBank>();
  const missing = hits.filter((h) => !index.bank(h.bankId)).map((h) => h.bankId);
  if (missing.length) await index.sync();
  const out: MatchResponseValues = {};
  for (const h of hits.sort((a, b) => a.distance - b.distance || (b.comparisonPct ?? 0) - (a.comparisonPct ?? 0))) {
    const bank = banks.get(h.bankId) ?? index.bank(h.bankId);
    if (!bank) continue;
    banks.set(h.bankId, bank);
    const f = byEntry.get(h.entryId);
    (out[bank.name] ??= []).push({
      bank_content_id: h.itemId,
      entry_id: h.entryId,
      distance: h.distance,
      query_match_percent: h.queryPct,
      compared_match_percent: h.comparisonPct,
      bank_kind: bank.kind,
      action: bank.kind === "safe" ? "suppress" : bank.action,
      source: f?.source ?? null,
      post_id: f?.postId ?? null,
    });
  }
  return out;
}
