// Each server's in-memory view of the bank's frame hashes: a PDQ multi-index (pdq-index.ts) over every active
// frame entry of quality ≥ 50, with the few facts a match needs per entry (its id, its banked item, its bank).
//
// Loaded at start and kept current by reading the entries changed since the last read. Every write to an entry
// records its transaction (a trigger sets "changeXid"); a read takes the changes of transactions at or after the
// oldest one still open at the previous read, so a change that commits late is read next time, never missed.
// Reading a row twice is harmless: applying a row is idempotent (take the entry out if present, put it back if
// it should match).
//
// Memory per frame hash: the index's own arrays (hash, ref, quality, 16 chunk tables) plus 16 bytes of entry id,
// 4 of item and 2 of bank here. Items (a removed post's frames, an imported video) are counted once each; a
// single imported hash is its own item and takes no item record.
import type { Database } from "../../db/client.ts";
import { PdqIndex, parsePdqHex } from "./pdq-index.ts";
import { DEFAULT_MIN_QUALITY } from "./perceptual.ts";
import type { HashBankAction, HashBankKind } from "../../db/generated/enums.ts";

const NO_ITEM = 0xffffffff;
const PAGE = 50_000;

export interface IndexedBank {
  id: string;
  name: string;
  kind: HashBankKind;
  action: HashBankAction;
  enabled: boolean;
}

/** One frame's match: the banked entry and how far apart the two hashes are. */
export interface FrameHit {
  entryId: string;
  itemId: string;
  bankId: string;
  distance: number;
}

/** A banked item (a video's frames, or one hash) a query's frames matched, with vPDQ percentages (0–100). */
export interface ItemMatch {
  itemId: string;
  bank: IndexedBank;
  /** the closest entry and its distance */
  entryId: string;
  distance: number;
  /** share of the query's unique frames found in the item, and of the item's unique frames found in the query */
  queryPct: number;
  comparisonPct: number;
}

export interface HashIndexStats {
  entries: number;
  items: number;
  bytes: number;
  bytesPerHash: number;
  loaded: boolean;
  /** when the index last read the bank's changes (ISO), null before its first read */
  syncedAt: string | null;
  /** rows read from the bank since start */
  rowsRead: number;
}

export interface EntryRow {
  id: string;
  hash: string;
  quality: number | null;
  itemId: string;
  bankId: string;
  live: boolean;
}

export class HashIndexService {
  private index = new PdqIndex();
  private ids = new Uint8Array(16 * 1024);
  private itemOf = new Uint32Array(1024);
  private bankOf = new Uint16Array(1024);
  private nextRef = 0;
  private freeRefs: number[] = [];
  private itemKeys: string[] = [];
  private itemTotals: number[] = [];
  private itemByKey = new Map<string, number>();
  private freeItems: number[] = [];
  private banks: IndexedBank[] = [];
  private bankIndex = new Map<string, number>();
  private watermark: bigint | null = null;
  private running: Promise<void> | null = null;
  private pending: Promise<void> | null = null;
  private lastSyncAt = 0;
  private syncedAtIso: string | null = null;
  private rowsRead = 0;

  constructor(private readonly db: Database) {}

  /** Reads the bank's changes unless the last read began less than `maxAgeMs` ago. */
  async ensureFresh(maxAgeMs = 0): Promise<void> {
    if (maxAgeMs > 0 && this.watermark !== null && Date.now() - this.lastSyncAt < maxAgeMs) return;
    await this.sync();
  }

  /**
   * Reads every change committed before the call (the whole bank the first time). Callers arriving while a read
   * runs share the one read that starts after it, so a burst of callers costs two reads, not one each.
   */
  sync(): Promise<void> {
    if (this.pending) return this.pending;
    const start = () => {
      this.pending = null;
      const run: Promise<void> = this.readChanges().finally(() => {
        if (this.running === run) this.running = null;
      });
      this.running = run;
      return run;
    };
    if (!this.running) return start();
    this.pending = this.running.catch(() => undefined).then(start);
    return this.pending;
  }

  private async readChanges() {
    const startedAt = Date.now();
    const [snapshot] = await this.db.sql.query<{ xmin: string }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
    );
    await this.readBanks();
    const since = this.watermark ?? -1n;
    const first = this.watermark === null;
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await this.db.sql.query<EntryRow>(
        `SELECT e."id"::text AS "id", e."hash", e."quality", e."itemId", e."bankId"::text AS "bankId",
                (e."active" AND NOT e."legacy" AND coalesce(e."quality", 0) >= $3) AS "live"
           FROM "HashBankEntry" e
          WHERE e."kind" = 'perceptual' AND e."changeXid" >= $1 AND e."id" > $2::uuid
          ORDER BY e."id" LIMIT ${PAGE}`,
        [since.toString(), after, DEFAULT_MIN_QUALITY],
      );
      // the first read finds nothing in the index yet: no entry needs looking up before it is added
      for (const row of rows) this.apply(row, first);
      this.rowsRead += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (first) this.index.flush();
    this.watermark = BigInt(snapshot!.xmin);
    this.lastSyncAt = startedAt;
    this.syncedAtIso = new Date().toISOString();
  }

  private async readBanks() {
    const banks = await this.db.sql.query<IndexedBank>(
      `SELECT "id"::text AS "id", "name", "kind", "action", "enabled" FROM "HashBank" ORDER BY "id"`,
    );
    for (const b of banks) {
      const at = this.bankIndex.get(b.id);
      if (at === undefined) {
        this.bankIndex.set(b.id, this.banks.length);
        this.banks.push(b);
      } else this.banks[at] = b;
    }
  }

  /**
   * An index of just these rows and banks, for looking for a few new entries among many posts (a retro-scan);
   * it never reads the database itself.
   */
  static of(db: Database, banks: IndexedBank[], rows: EntryRow[]): HashIndexService {
    const service = new HashIndexService(db);
    for (const b of banks) {
      service.bankIndex.set(b.id, service.banks.length);
      service.banks.push(b);
    }
    for (const row of rows) service.apply(row);
    service.index.flush();
    service.watermark = 0n;
    return service;
  }

  private apply(row: EntryRow, fresh = false) {
    if (!/^[0-9a-f]{64}$/.test(row.hash)) return;
    const idBytes = uuidBytes(row.id);
    const existing = fresh ? -1 : this.findRef(row.hash, idBytes);
    if (existing >= 0) {
      if (row.live) return;
      this.index.remove(row.hash, existing);
      this.releaseRef(existing);
      return;
    }
    if (!row.live) return;
    const bank = this.bankIndex.get(row.bankId);
    if (bank === undefined) return;
    const ref = this.takeRef();
    this.ids.set(idBytes, ref * 16);
    this.bankOf[ref] = bank;
    this.itemOf[ref] = row.itemId === row.id ? NO_ITEM : this.holdItem(row.itemId);
    this.index.add(row.hash, ref, row.quality ?? 0);
  }

  private findRef(hash: string, idBytes: Uint8Array): number {
    let found = -1;
    this.index.query(hash, 0, (ref) => {
      if (found < 0 && this.sameId(ref, idBytes)) found = ref;
    });
    return found;
  }

  private sameId(ref: number, idBytes: Uint8Array) {
    const at = ref * 16;
    for (let i = 0; i < 16; i++) if (this.ids[at + i] !== idBytes[i]) return false;
    return true;
  }

  private takeRef(): number {
    const free = this.freeRefs.pop();
    if (free !== undefined) return free;
    const ref = this.nextRef++;
    if (ref >= this.itemOf.length) {
      const cap = this.itemOf.length * 2;
      this.ids = grow(this.ids, cap * 16);
      this.itemOf = grow(this.itemOf, cap);
      this.bankOf = grow(this.bankOf, cap);
    }
    return ref;
  }

  private releaseRef(ref: number) {
    const item = this.itemOf[ref]!;
    if (item !== NO_ITEM && --this.itemTotals[item]! === 0) {
      this.itemByKey.delete(this.itemKeys[item]!);
      this.freeItems.push(item);
    }
    this.ids.fill(0, ref * 16, ref * 16 + 16);
    this.freeRefs.push(ref);
  }

  private holdItem(key: string): number {
    let item = this.itemByKey.get(key);
    if (item === undefined) {
      item = this.freeItems.pop() ?? this.itemKeys.length;
      this.itemKeys[item] = key;
      this.itemTotals[item] = 0;
      this.itemByKey.set(key, item);
    }
    this.itemTotals[item]!++;
    return item;
  }

  private entryId(ref: number): string {
    return bytesUuid(this.ids, ref * 16);
  }

  private itemKey(ref: number): string {
    const item = this.itemOf[ref]!;
    return item === NO_ITEM ? this.entryId(ref) : this.itemKeys[item]!;
  }

  private itemTotal(ref: number): number {
    const item = this.itemOf[ref]!;
    return item === NO_ITEM ? 1 : this.itemTotals[item]!;
  }

  /** Each frame's hits in enabled banks (the frames as 64-hex PDQ hashes, already filtered for quality). */
  frameHits(frames: readonly string[], maxDistance: number, banks?: ReadonlySet<string>): FrameHit[][] {
    return frames.map((pdq) => {
      const hits: FrameHit[] = [];
      this.index.query(parsePdqHex(pdq), maxDistance, (ref, distance) => {
        const bank = this.banks[this.bankOf[ref]!]!;
        if (!bank.enabled || (banks && !banks.has(bank.id))) return;
        hits.push({ entryId: this.entryId(ref), itemId: this.itemKey(ref), bankId: bank.id, distance });
      });
      return hits;
    });
  }

  /**
   * The banked items a video (its unique frames of quality ≥ 50) matches with vPDQ semantics: an item matches
   * when at least `matchPct` of its unique frames are found among the query's. Items in `excludeItems` (the
   * post's own frames) are skipped. A match with a `safe` bank suppresses every other match: it is returned
   * alone, so callers can tell why nothing flagged.
   */
  matchVideo(
    frames: readonly string[],
    opts: { maxDistance: number; matchPct: number; excludeItems?: ReadonlySet<string>; banks?: ReadonlySet<string> },
  ): ItemMatch[] {
    const unique = [...new Set(frames)];
    if (unique.length === 0) return [];
    const perItem = new Map<
      string,
      { bank: IndexedBank; queryFrames: Set<number>; banked: Set<number>; total: number; best: number; entry: number }
    >();
    unique.forEach((pdq, frameIndex) => {
      this.index.query(parsePdqHex(pdq), opts.maxDistance, (ref, distance) => {
        const bank = this.banks[this.bankOf[ref]!]!;
        if (!bank.enabled || (opts.banks && !opts.banks.has(bank.id))) return;
        const key = this.itemKey(ref);
        if (opts.excludeItems?.has(key)) return;
        let m = perItem.get(key);
        if (!m) {
          m = {
            bank,
            queryFrames: new Set(),
            banked: new Set(),
            total: this.itemTotal(ref),
            best: distance,
            entry: ref,
          };
          perItem.set(key, m);
        }
        m.queryFrames.add(frameIndex);
        m.banked.add(ref);
        if (distance < m.best) {
          m.best = distance;
          m.entry = ref;
        }
      });
    });
    const matches: ItemMatch[] = [];
    for (const [itemId, m] of perItem) {
      const comparisonPct = round1((100 * m.banked.size) / m.total);
      if (comparisonPct < opts.matchPct) continue;
      matches.push({
        itemId,
        bank: m.bank,
        entryId: this.entryId(m.entry),
        distance: m.best,
        queryPct: round1((100 * m.queryFrames.size) / unique.length),
        comparisonPct,
      });
    }
    const safe = matches.filter((m) => m.bank.kind === "safe");
    if (safe.length) return safe;
    return matches.sort(
      (a, b) => b.comparisonPct - a.comparisonPct || a.distance - b.distance || a.entryId.localeCompare(b.entryId),
    );
  }

  stats(): HashIndexStats {
    const bytes =
      this.index.memoryBytes() +
      this.ids.byteLength +
      this.itemOf.byteLength +
      this.bankOf.byteLength +
      this.itemKeys.length * 96 +
      this.freeRefs.length * 8;
    const entries = this.index.size;
    return {
      entries,
      items: this.itemByKey.size,
      bytes,
      bytesPerHash: entries ? Math.round(bytes / entries) : 0,
      loaded: this.watermark !== null,
      syncedAt: this.syncedAtIso,
      rowsRead: this.rowsRead,
    };
  }

  bank(id: string): IndexedBank | undefined {
    const at = this.bankIndex.get(id);
    return at === undefined ? undefined : this.banks[at];
  }
}

function round1(n: number) {
  return Math.round(n * 10) / 10;
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}

function uuidBytes(id: string): Uint8Array {
  const hex = id.replaceAll("-", "");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function bytesUuid(bytes: Uint8Array, at: number): string {
  let s = "";
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += "-";
    s += HEX[bytes[at + i]!];
  }
  return s;
}

const services = new WeakMap<Database, HashIndexService>();

/** The process's index of `db`'s bank (one per open database). */
export function hashIndexFor(db: Database): HashIndexService {
  let service = services.get(db);
  if (!service) {
    service = new HashIndexService(db);
    services.set(db, service);
  }
  return service;
}
