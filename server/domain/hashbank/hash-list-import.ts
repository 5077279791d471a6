// Bringing a hash list into a bank and writing a bank out as one. An import is read and checked whole first: a
// list with any bad line is refused with the lines' numbers and nothing of it is stored; a good list is stored in
// one transaction, so a crash half-way leaves no partial list. Its progress (lines read, entries written of those
// planned) is kept on the import's row for the bank page, written from outside that transaction so it shows while
// the list is written. Imported entries carry the import, hence its source and date.
//
// The export writes what the bank holds that other tools can use, with no personal data: `pdq` for a single
// banked frame, `vpdq` for a banked video's frames, and the file hashes by their signal type.
import type { Database } from "../../db/client.ts";
import { DomainError } from "../../lib/errors.ts";
import { uuidv7 } from "../../lib/ids.ts";
import { appendAudit } from "../audit/audit-log.ts";
import { staffAuditActor, type StaffActor } from "../audit/staff-actor.ts";
import { sql } from "../../db/sql.ts";
import { enqueueRetroScan } from "./retro-scan.ts";
import {
  formatHashLine,
  formatHashListHeader,
  formatVpdqValue,
  parseHashList,
  type HashListEntry,
  type SignalType,
} from "./hash-list.ts";

/** The most lines one list may hold. */
export const MAX_IMPORT_ENTRIES = 2_000_000;
const WRITE_CHUNK = 20_000;
const HELD_CHUNK = 50_000;
const PROGRESS_EVERY_MS = 1_000;

export interface ImportRequest {
  bankId: string;
  source: string;
  listDate: Date | null;
  fileName: string;
  declaredType?: SignalType;
}

export interface ImportHooks {
  /**
   * Called inside the write transaction after each chunk, once the chunk's progress is on the import's row (for
   * tests on PostgreSQL, which read the row from another connection; PGlite has one).
   */
  afterChunk?: (written: number) => Promise<void>;
}

export interface ImportOutcome {
  importId: string;
  status: "done" | "refused";
  lines: number;
  entries: number;
  /** entries of the list the bank held already (not added twice) */
  duplicates: number;
  errors: { line: number; message: string }[];
  errorCount: number;
}

interface EntryRow {
  id: string;
  kind: "exact" | "perceptual";
  signalType: string;
  hash: string;
  itemId: string;
  quality: number | null;
  atMs: number | null;
}

export async function importHashList(
  db: Database,
  req: ImportRequest,
  input: AsyncIterable<Uint8Array | string>,
  actor: StaffActor,
  now: () => Date,
  hooks: ImportHooks = {},
): Promise<ImportOutcome> {
  const bank = await db.prisma.hashBank.findUnique({ where: { id: req.bankId }, select: { id: true, name: true } });
  if (!bank) throw new DomainError("NOT_FOUND", "bankId: no such bank.", { field: "bankId" });
  const importId = uuidv7();
  await db.prisma.$transaction(async (tx) => {
    await tx.hashListImport.create({
      data: {
        id: importId,
        bankId: bank.id,
        source: req.source,
        listDate: req.listDate,
        fileName: req.fileName,
        declaredType: req.declaredType ?? null,
        createdById: actor.id,
        createdAt: now(),
      },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: "hash_bank.import_start",
        subjectType: "hash_bank",
        subjectId: bank.id,
        details: { importId, source: req.source, fileName: req.fileName, declaredType: req.declaredType ?? null },
      },
      now(),
    );
  });
  let lastProgress = 0;
  /** Counts on the import's row: while reading at most once a second; while writing, after every chunk. */
  const progress = async (lines: number, entries: number, planned = 0, always = false) => {
    const at = Date.now();
    if (!always && at - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = at;
    // advisory: the outcome is written by finish(), so a lost update costs the page one reading, not the import
    await db.prisma.hashListImport
      .update({ where: { id: importId }, data: { lines, entries, planned } })
      .catch(() => undefined);
  };
  let pendingProgress: Promise<void> = Promise.resolve();
  try {
    const parsed = await parseHashList(input, {
      declaredType: req.declaredType,
      maxEntries: MAX_IMPORT_ENTRIES,
      onProgress: (p) => {
        pendingProgress = pendingProgress.then(() => progress(p.lines, 0));
      },
    });
    await pendingProgress;
    if (parsed.errorCount > 0) return await finish(db, importId, bank.id, actor, now(), "refused", parsed, 0, 0);
    const rows = entryRows(parsed.entries);
    await progress(parsed.lines, 0, rows.length, true);
    const written = await db.prisma.$transaction(
      async (tx) => {
        // A file hash or a single PDQ hash the bank already holds is not stored twice. The list's hashes are probed
        // in the (bankId, kind, hash) index before anything is written (a filter `hash = ANY(array)` over the
        // bank's rows, the plan PostgreSQL picks with statistics that do not yet count this import's rows, would
        // compare every row with every hash, slower with each chunk).
        const taken = new Set<string>();
        const single = rows.filter((r) => r.kind === "exact" || r.signalType === "pdq");
        for (let i = 0; i < single.length; i += HELD_CHUNK) {
          const part = single.slice(i, i + HELD_CHUNK);
          const held = await tx.$queryRaw<{ kind: string; hash: string }[]>(
            sql`SELECT e."kind"::text AS "kind", e."hash"
                  FROM unnest(${part.map((r) => r.kind)}::"HashKind"[], ${part.map((r) => r.hash)}::text[]) AS h("kind", "hash")
                  JOIN "HashBankEntry" e ON e."bankId" = ${bank.id}::uuid AND e."kind" = h."kind" AND e."hash" = h."hash"
                 WHERE e."active" AND (e."kind" = 'exact' OR e."itemId" = e."id"::text)`,
          );
          for (const h of held) taken.add(`${h.kind} ${h.hash}`);
        }
        const fresh = taken.size
          ? rows.filter((r) => !((r.kind === "exact" || r.signalType === "pdq") && taken.has(`${r.kind} ${r.hash}`)))
          : rows;
        let count = 0;
        for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
          const chunk = fresh.slice(i, i + WRITE_CHUNK);
          count += await tx.$executeRaw(
            sql`INSERT INTO "HashBankEntry" ("id", "bankId", "kind", "signalType", "hash", "itemId", "importId", "quality", "atMs", "active", "createdAt")
                SELECT x."id", ${bank.id}::uuid, x."kind", x."signalType", x."hash", coalesce(x."itemId", x."id"::text), ${importId}::uuid,
                       x."quality", x."atMs", true, ${now()}::timestamptz
                  FROM unnest(${chunk.map((r) => r.id)}::uuid[], ${chunk.map((r) => r.kind)}::"HashKind"[],
                              ${chunk.map((r) => r.signalType)}::text[], ${chunk.map((r) => r.hash)}::text[],
                              ${chunk.map((r) => (r.itemId === r.id ? null : r.itemId))}::text[],
                              ${chunk.map((r) => r.quality)}::int[], ${chunk.map((r) => r.atMs)}::int[])
                    AS x("id", "kind", "signalType", "hash", "itemId", "quality", "atMs")`,
          );
          // on the import's row from outside this transaction, so the bank page sees it while the list is written
          const written = count;
          pendingProgress = pendingProgress.then(() => progress(parsed.lines, written, rows.length, true));
          if (hooks.afterChunk) {
            await pendingProgress;
            await hooks.afterChunk(written);
          }
        }
        if (count > 0) await enqueueRetroScan(tx, { bankId: bank.id, importId }, now());
        return count;
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
    await pendingProgress;
    return await finish(db, importId, bank.id, actor, now(), "done", parsed, written, rows.length - written);
  } catch (err) {
    await db.prisma.hashListImport
      .update({ where: { id: importId }, data: { status: "failed", finishedAt: now() } })
      .catch(() => undefined);
    throw err;
  }
}

async function finish(
  db: Database,
  importId: string,
  bankId: string,
  actor: StaffActor,
  at: Date,
  status: "done" | "refused",
  parsed: { lines: number; errors: { line: number; message: string }[]; errorCount: number },
  entries: number,
  duplicates: number,
): Promise<ImportOutcome> {
  await db.prisma.$transaction(async (tx) => {
    await tx.hashListImport.update({
      where: { id: importId },
      data: {
        status,
        lines: parsed.lines,
        entries,
        errors: parsed.errors,
        errorCount: parsed.errorCount,
        finishedAt: at,
      },
    });
    await appendAudit(
      tx,
      {
        ...staffAuditActor(actor),
        action: status === "done" ? "hash_bank.import" : "hash_bank.import_refused",
        subjectType: "hash_bank",
        subjectId: bankId,
        details: { importId, lines: parsed.lines, entries, duplicates, errorCount: parsed.errorCount },
      },
      at,
    );
  });
  return {
    importId,
    status,
    lines: parsed.lines,
    entries,
    duplicates,
    errors: parsed.errors,
    errorCount: parsed.errorCount,
  };
}

/** One entry per hash; a vPDQ line is one banked item of its frames; the same single hash twice is kept once. */
function entryRows(entries: HashListEntry[]): EntryRow[] {
  const rows: EntryRow[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.signalType === "vpdq") {
      const itemId = uuidv7();
      const frames = new Set<string>();
      for (const f of e.frames) {
        if (frames.has(f.pdq)) continue;
        frames.add(f.pdq);
        rows.push({
          id: uuidv7(),
          kind: "perceptual",
          signalType: "vpdq",
          hash: f.pdq,
          itemId,
          quality: f.quality,
          atMs: f.atMs,
        });
      }
      continue;
    }
    const key = `${e.signalType} ${e.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const id = uuidv7();
    rows.push({
      id,
      kind: e.signalType === "pdq" ? "perceptual" : "exact",
      signalType: e.signalType,
      hash: e.value,
      itemId: id,
      quality: e.signalType === "pdq" ? 100 : null,
      atMs: null,
    });
  }
  return rows;
}

const EXPORT_PAGE = 20_000;

/** The bank's active entries as a hash list, in pages; the platform's own file hashes are not a shared type. */
export async function* bankHashList(db: Database, bankId: string): AsyncGenerator<string> {
  yield formatHashListHeader();
  let after = "";
  for (;;) {
    // whole items per page: a page ends at an item boundary
    const items = await db.prisma.$queryRaw<{ itemId: string }[]>(
      sql`SELECT DISTINCT "itemId" FROM "HashBankEntry"
           WHERE "bankId" = ${bankId}::uuid AND "active" AND NOT "legacy" AND "signalType" <> 'platform' AND "itemId" > ${after}
           ORDER BY "itemId" LIMIT ${EXPORT_PAGE}`,
    );
    if (items.length === 0) return;
    const rows = await db.prisma.$queryRaw<
      { itemId: string; kind: string; signalType: string; hash: string; quality: number | null; atMs: number | null }[]
    >(
      sql`SELECT "itemId", "kind"::text AS "kind", "signalType", "hash", "quality", "atMs" FROM "HashBankEntry"
           WHERE "bankId" = ${bankId}::uuid AND "active" AND NOT "legacy" AND "signalType" <> 'platform'
             AND "itemId" = ANY(${items.map((i) => i.itemId)}::text[])
           ORDER BY "itemId", "kind", "atMs" NULLS FIRST, "hash"`,
    );
    let out = "";
    let frames: { pdq: string; quality: number; atMs: number }[] = [];
    let item: string | null = null;
    let single: { signalType: string } | null = null;
    const flush = () => {
      if (frames.length === 0) return;
      out +=
        single?.signalType === "pdq" && frames.length === 1
          ? formatHashLine({ signalType: "pdq", value: frames[0]!.pdq })
          : formatHashLine({ signalType: "vpdq", value: formatVpdqValue(frames) });
      frames = [];
      single = null;
    };
    for (const r of rows) {
      if (r.itemId !== item) {
        flush();
        item = r.itemId;
      }
      if (r.kind === "perceptual") {
        frames.push({ pdq: r.hash, quality: r.quality ?? 0, atMs: r.atMs ?? 0 });
        single = { signalType: r.signalType };
      } else out += formatHashLine({ signalType: r.signalType as SignalType, value: r.hash });
    }
    flush();
    yield out;
    if (items.length < EXPORT_PAGE) return;
    after = items[items.length - 1]!.itemId;
  }
}
