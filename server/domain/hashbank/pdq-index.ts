// An in-memory near-neighbour index of PDQ hashes (256 bits), for matching frames against millions of banked
// frames without comparing with each of them.
//
// Each hash is cut into 16 chunks of 16 bits. Two hashes at most 31 bits apart have some chunk that differs in at
// most one bit (16 chunks differing in 2 or more bits would be 32), and two hashes at most 15 bits apart have some
// chunk that is equal. So a query looks up, per chunk, the entries whose chunk is the query's chunk or (above 15
// bits) that chunk with one bit flipped, and compares only those in full. An entry can be reached through several
// chunks; it is reported only from the first chunk through which it can be reached, so exactly once.
//
// Entries live in slots (8 hash words, ref, quality; a quality of 255 marks a removed entry). Per chunk, the slots
// indexed so far are a list sorted by chunk value (a counting sort) with the start of each value's run. The hash
// words and the lists are in WebAssembly memory, where a lookup reads its runs and compares the candidates
// (pdq-kernel.ts). Entries added since then form a tail with small chained buckets of its own, so an add is queryable at
// once; when the tail outgrows a share of the index it is merged into the sorted lists in one linear pass per chunk.
// Removed entries stay as tombstones until enough of them pile up, then the slots are renumbered and rebuilt.

import { PdqKernel } from "./pdq-kernel.ts";

const CHUNKS = 16;
const WORDS = 8;
const VALUES = 1 << 16;
/** Quality byte of a removed entry (PDQ qualities are 0–100). */
const REMOVED = 255;
/**
 * A query first merges the tail when it holds more than this many entries or this share of the indexed ones; adds
 * alone merge only when the tail outgrows the indexed entries, so a bulk load costs a few linear passes.
 */
const MIN_TAIL = 4096;
const TAIL_SHARE = 32;
const BULK_TAIL = 4 * MIN_TAIL;
/** Tombstones are reclaimed when they are this share of all slots (or this many, on removal alone). */
const REMOVED_SHARE = 8;
/** Offsets into a chunk's sorted list are stored per run of 256 values (32 bits) plus 16 bits per value. */
const BLOCK_BITS = 8;
const BLOCKS = VALUES >>> BLOCK_BITS;

/** The largest distance the index is sure to find: below 2 differing bits in each of the 16 chunks. */
export const PDQ_INDEX_MAX_DISTANCE = 2 * CHUNKS - 1;

export type PdqMatchCallback = (ref: number, distance: number, quality: number) => void;

/** Set bits of each 16-bit value: two lookups count a word's bits in fewer instructions than bit twiddling. */
const POP16 = new Uint8Array(1 << 16);
for (let v = 1; v < 1 << 16; v++) POP16[v] = POP16[v >>> 1]! + (v & 1);

function popcount32(v: number): number {
  return POP16[v & 0xffff]! + POP16[v >>> 16]!;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Writes the 8 words of a 64-hex hash at `into[at..at+8)`; false (nothing promised about `into`) when malformed. */
function readHex(hex: string, into: Uint32Array, at: number): boolean {
  if (typeof hex !== "string" || hex.length !== 64) return false;
  for (let w = 0; w < WORDS; w++) {
    let word = 0;
    for (let i = w * 8, end = i + 8; i < end; i++) {
      const d = hexDigit(hex.charCodeAt(i));
      if (d < 0) return false;
      word = (word << 4) | d;
    }
    into[at + w] = word;
  }
  return true;
}

/** The 8 big-endian 32-bit words of a PDQ hash given as 64 hex digits (either case). */
export function parsePdqHex(hex: string): Uint32Array {
  const words = new Uint32Array(WORDS);
  if (!readHex(hex, words, 0)) throw new TypeError("A PDQ hash is 64 hex digits.");
  return words;
}

/** Number of differing bits between two hashes' words (from parsePdqHex). */
export function hammingDistance(a: Uint32Array, b: Uint32Array): number {
  let d = 0;
  for (let w = 0; w < WORDS; w++) d += popcount32(a[w]! ^ b[w]!);
  return d;
}

/** Chunk `c` (0–15, in hex order) of the hash whose words start at `words[at]`. */
function chunkAt(words: Uint32Array, at: number, c: number): number {
  const word = words[at + (c >>> 1)]!;
  return c & 1 ? word & 0xffff : word >>> 16;
}

/** Whether a chunk's difference has at most `r` (0 or 1) bits set. */
function near(diff: number, r: number): boolean {
  return r ? (diff & (diff - 1)) === 0 : diff === 0;
}

/** The first chunk in which the hash at `h[o]` is within `r` bits of `q`; 16 when none is. */
function firstNearChunk(h: Uint32Array, o: number, q: Uint32Array, r: number): number {
  for (let c = 0; c < CHUNKS; c++) {
    const x = h[o + (c >>> 1)]! ^ q[c >>> 1]!;
    if (near(c & 1 ? x & 0xffff : x >>> 16, r)) return c;
  }
  return CHUNKS;
}

function log2Ceil(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

export class PdqIndex {
  private readonly initialCapacity: number;
  /** Slots allocated in the entry arrays. */
  private capacity: number;
  /** Slots in use: [0, indexed) are in the sorted lists, [indexed, slots) are the tail. */
  private slots = 0;
  private indexed = 0;
  private live = 0;
  private removed = 0;
  private readonly kernel: PdqKernel;
  private refs: Uint32Array;
  private qualities: Uint8Array;
  /**
   * Per chunk: where value v's run starts in its list is blockStarts[v >>> 8] + starts[v] (v up to 65536, the end).
   * When some run of 256 values holds 65536 indexed entries or more, starts is 32-bit and blockStarts all zero.
   */
  private blockStarts: Uint32Array[] = [];
  private starts: (Uint16Array | Uint32Array)[] = [];
  /** Entries the tail holds before it is merged. */
  private tailLimit = MIN_TAIL;
  private tailBits = 12;
  /** Per chunk, per bucket (chunk value's low tailBits bits): the newest tail entry, as its tail position; -1 none. */
  private tailHeads: Int32Array;
  /** At tail position t × 16 + chunk: the next tail entry in that chunk's bucket; -1 none. */
  private tailNext: Int32Array;
  private readonly scratch = new Uint32Array(WORDS);
  /** A query's probed runs as (chunk, start, end) triples, by chunk. */
  private readonly runs = new Uint32Array(3 * CHUNKS * (CHUNKS + 1));
  /** A query's matches as (slot, distance, chunk) triples, taken from the kernel before anything is reported. */
  private found = new Int32Array(3 * 64);
  private querying = false;

  constructor(opts: { initialCapacity?: number } = {}) {
    const initial = Math.max(0, Math.floor(opts.initialCapacity ?? 0));
    this.initialCapacity = initial;
    this.capacity = Math.max(initial, MIN_TAIL);
    this.kernel = new PdqKernel(this.capacity);
    this.refs = new Uint32Array(this.capacity);
    this.qualities = new Uint8Array(this.capacity);
    for (let c = 0; c < CHUNKS; c++) {
      this.blockStarts.push(new Uint32Array(BLOCKS + 1));
      this.starts.push(new Uint16Array(VALUES + 1));
    }
    this.tailHeads = new Int32Array(CHUNKS << this.tailBits).fill(-1);
    this.tailNext = new Int32Array(1024 * CHUNKS);
  }

  /** The hash words, as the kernel's current view (its memory's buffer is replaced whenever it grows). */
  private get hashes(): Uint32Array {
    return this.kernel.hashes;
  }

  /** Indexes everything added and reclaims removed entries' slots now, e.g. after a bulk load, rather than later. */
  flush(): void {
    if (this.slots > this.indexed || this.removed > 0) this.merge(true);
  }

  /** Live entries. */
  get size(): number {
    return this.live;
  }

  /** Bytes held by the index: its typed arrays, plus a small estimate for the objects holding them. */
  memoryBytes(): number {
    let bytes = this.kernel.bytes + this.refs.byteLength + this.qualities.byteLength;
    for (let c = 0; c < CHUNKS; c++) bytes += this.blockStarts[c]!.byteLength + this.starts[c]!.byteLength;
    bytes += this.tailHeads.byteLength + this.tailNext.byteLength + this.scratch.byteLength;
    bytes += this.runs.byteLength + this.found.byteLength;
    // the index object, its arrays of 16 tables and ~100 typed-array headers
    return bytes + 100 * 100;
  }

  /**
   * Adds a hash with the caller's reference (uint32) and its PDQ quality (0–100). Adding the same hash and ref twice
   * makes two entries.
   */
  add(hashHex: string, ref: number, quality: number): void {
    if (!Number.isInteger(ref) || ref < 0 || ref > 0xffffffff) throw new RangeError("A ref is a uint32.");
    if (!Number.isInteger(quality) || quality < 0 || quality > 100) throw new RangeError("A quality is 0–100.");
    if (this.slots - this.indexed >= Math.max(BULK_TAIL, this.indexed)) this.merge();
    if (this.slots === this.capacity) this.resize(this.capacity + Math.max(this.capacity >>> 1, MIN_TAIL));
    const s = this.slots;
    if (!readHex(hashHex, this.hashes, s * WORDS)) {
      this.hashes.fill(0, s * WORDS, s * WORDS + WORDS);
      throw new TypeError("A PDQ hash is 64 hex digits.");
    }
    this.refs[s] = ref;
    this.qualities[s] = quality;
    const t = s - this.indexed;
    if ((t + 1) * CHUNKS > this.tailNext.length) {
      const next = new Int32Array((t + 1) * 2 * CHUNKS);
      next.set(this.tailNext);
      this.tailNext = next;
    }
    const bits = this.tailBits;
    const mask = (1 << bits) - 1;
    for (let c = 0; c < CHUNKS; c++) {
      const head = (c << bits) | (chunkAt(this.hashes, s * WORDS, c) & mask);
      this.tailNext[t * CHUNKS + c] = this.tailHeads[head]!;
      this.tailHeads[head] = t;
    }
    this.slots++;
    this.live++;
  }

  /** Removes one entry with this hash and ref; whether there was one. */
  remove(hashHex: string, ref: number): boolean {
    const q = this.scratch;
    if (!readHex(hashHex, q, 0)) throw new TypeError("A PDQ hash is 64 hex digits.");
    const s = this.find(q, ref >>> 0);
    if (s < 0) return false;
    this.qualities[s] = REMOVED;
    this.live--;
    this.removed++;
    if (this.removed >= Math.max(MIN_TAIL, this.slots / REMOVED_SHARE)) this.merge();
    return true;
  }

  /**
   * Calls onMatch(ref, distance, quality) once for each live entry within maxDistance bits of the hash (at most 31)
   * whose quality is at least minQuality. onMatch must not change the index.
   */
  query(hash: string | Uint32Array, maxDistance: number, onMatch: PdqMatchCallback, minQuality = 0): void {
    if (!(maxDistance <= PDQ_INDEX_MAX_DISTANCE))
      throw new RangeError(`The index finds hashes at most ${PDQ_INDEX_MAX_DISTANCE} bits apart.`);
    const q = this.queryWords(hash);
    // (not from a match callback: the query under way reads the slots a merge would renumber)
    if (!this.querying && this.slots - this.indexed > this.tailLimit) this.merge();
    if (maxDistance < 0 || this.live === 0) return;
    const r = maxDistance >= CHUNKS ? 1 : 0;
    // First where each probed bucket's run lies in its list; then, in the kernel, the runs' entries read and their
    // hashes compared; then the matches reported (below).
    const reentered = this.querying;
    this.querying = true;
    const probes = r ? CHUNKS + 1 : 1;
    // (used up before any match is reported, so a nested query may reuse it)
    const runs = this.runs;
    let k = 0;
    for (let c = 0, p = 0; c < CHUNKS; c++) {
      const qc = chunkAt(q, 0, c);
      const blockStarts = this.blockStarts[c]!;
      const starts = this.starts[c]!;
      // the chunk's own value, then (r = 1) each of its 16 one-bit neighbours
      for (let b = -1; b < probes - 1; b++, p += 3) {
        const v = b < 0 ? qc : qc ^ (1 << b);
        const start = blockStarts[v >>> BLOCK_BITS]! + starts[v]!;
        const end = blockStarts[(v + 1) >>> BLOCK_BITS]! + starts[v + 1]!;
        runs[p] = c;
        runs[p + 1] = start;
        runs[p + 2] = end;
        k += end - start;
      }
    }
    const nruns = CHUNKS * probes;
    try {
      const kernel = this.kernel;
      kernel.ensureScratch(2 * nruns + 3 * k);
      const kept = kernel.probe(q, runs, nruns, maxDistance);
      // (copied out first: a match callback may query, which reuses the kernel's scratch)
      const out = kernel.scratch.subarray(2 * nruns, 2 * nruns + 3 * kept);
      let found = reentered ? new Int32Array(3 * kept) : this.found;
      if (found.length < 3 * kept) found = this.found = new Int32Array(6 * kept);
      found.set(out);
      for (let i = 2; i < 3 * kept; i += 3) found[i] = runs[3 * found[i]!]!;
      for (let i = 0; i < kept; i++) {
        const s = found[3 * i]!;
        const c = found[3 * i + 2]!;
        const quality = this.qualities[s]!;
        if (quality === REMOVED || quality < minQuality) continue;
        if (c > 0 && firstNearChunk(this.hashes, s * WORDS, q, r) !== c) continue;
        onMatch(this.refs[s]!, found[3 * i + 1]!, quality);
      }
      if (this.slots > this.indexed) this.queryTail(q, r, maxDistance, minQuality, onMatch);
    } finally {
      this.querying = reentered;
    }
  }
  /** The same result as query() by comparing with every live entry: the baseline for tests and benchmarks. */
  bruteForce(hash: string | Uint32Array, maxDistance: number, onMatch: PdqMatchCallback, minQuality = 0): void {
    const q = this.queryWords(hash);
    const kernel = this.kernel;
    const n = kernel.scan(q, this.slots, maxDistance);
    // (copied out first: a match callback may query, which reuses the kernel's scratch)
    const found = kernel.scratch.slice(0, 2 * n);
    for (let i = 0; i < n; i++) {
      const s = found[2 * i]!;
      const quality = this.qualities[s]!;
      if (quality !== REMOVED && quality >= minQuality) onMatch(this.refs[s]!, found[2 * i + 1]!, quality);
    }
  }

  private queryWords(hash: string | Uint32Array): Uint32Array {
    if (typeof hash === "string") return parsePdqHex(hash);
    if (!(hash instanceof Uint32Array) || hash.length !== WORDS)
      throw new TypeError("A query is a PDQ hash: 64 hex digits or its 8 words.");
    return hash;
  }

  /** Reports slot s, reached through chunk c, unless it is out of range or reachable through an earlier chunk. */
  private check(
    s: number,
    q: Uint32Array,
    c: number,
    r: number,
    maxDistance: number,
    minQuality: number,
    onMatch: PdqMatchCallback,
  ): void {
    // (read again for each: a match callback may query, which can grow the kernel's memory)
    const h = this.hashes;
    const o = s * WORDS;
    // most candidates are unrelated hashes, already too far in their first half: fewer instructions per candidate
    // let the processor wait for more candidates' memory at once
    const half =
      popcount32(h[o]! ^ q[0]!) +
      popcount32(h[o + 1]! ^ q[1]!) +
      popcount32(h[o + 2]! ^ q[2]!) +
      popcount32(h[o + 3]! ^ q[3]!);
    if (half > maxDistance) return;
    const d =
      half +
      popcount32(h[o + 4]! ^ q[4]!) +
      popcount32(h[o + 5]! ^ q[5]!) +
      popcount32(h[o + 6]! ^ q[6]!) +
      popcount32(h[o + 7]! ^ q[7]!);
    if (d > maxDistance) return;
    const quality = this.qualities[s]!;
    if (quality === REMOVED || quality < minQuality) return;
    if (c > 0 && firstNearChunk(h, o, q, r) !== c) return;
    onMatch(this.refs[s]!, d, quality);
  }

  private queryTail(q: Uint32Array, r: number, maxDistance: number, minQuality: number, onMatch: PdqMatchCallback) {
    const heads = this.tailHeads;
    const next = this.tailNext;
    const bits = this.tailBits;
    const mask = (1 << bits) - 1;
    const first = this.indexed;
    for (let c = 0; c < CHUNKS; c++) {
      const qc = chunkAt(q, 0, c);
      // a flip above the bucket bits lands in the query's own bucket, which is walked once (b = -1)
      for (let b = -1; b < (r ? bits : 0); b++) {
        const bucket = (b < 0 ? qc : qc ^ (1 << b)) & mask;
        for (let t = heads[(c << bits) | bucket]!; t >= 0; t = next[t * CHUNKS + c]!) {
          const s = first + t;
          if (!near(chunkAt(this.hashes, s * WORDS, c) ^ qc, r)) continue;
          this.check(s, q, c, r, maxDistance, minQuality, onMatch);
        }
      }
    }
  }

  /** A live slot holding exactly these words and ref, looked up through the chunk with the fewest candidates; -1. */
  private find(q: Uint32Array, ref: number): number {
    const h = this.hashes;
    const same = (s: number) => {
      if (this.refs[s] !== ref || this.qualities[s] === REMOVED) return false;
      const o = s * WORDS;
      for (let w = 0; w < WORDS; w++) if (h[o + w] !== q[w]) return false;
      return true;
    };
    let best = 0;
    let bestStart = 0;
    let bestEnd = Infinity;
    for (let c = 0; c < CHUNKS; c++) {
      const v = chunkAt(q, 0, c);
      const start = this.blockStarts[c]![v >>> BLOCK_BITS]! + this.starts[c]![v]!;
      const end = this.blockStarts[c]![(v + 1) >>> BLOCK_BITS]! + this.starts[c]![v + 1]!;
      if (end - start < bestEnd - bestStart) [best, bestStart, bestEnd] = [c, start, end];
    }
    const list = this.kernel.list(best, this.indexed);
    for (let i = bestStart; i < bestEnd; i++) if (same(list[i]!)) return list[i]!;
    const bits = this.tailBits;
    const bucket = (best << bits) | (chunkAt(q, 0, best) & ((1 << bits) - 1));
    for (let t = this.tailHeads[bucket]!; t >= 0; t = this.tailNext[t * CHUNKS + best]!)
      if (same(this.indexed + t)) return this.indexed + t;
    return -1;
  }

  /** Merges the tail into the sorted lists, first renumbering the slots when tombstones have piled up. */
  private merge(reclaim = false): void {
    if (this.removed > 0 && (reclaim || this.removed * REMOVED_SHARE >= this.slots)) this.reclaim();
    const from = this.indexed;
    const n = this.slots;
    const h = this.hashes;
    const counts = new Uint32Array(VALUES + 1);
    const offsets = new Uint32Array(VALUES + 1);
    const cursor = new Uint32Array(VALUES);
    for (let c = 0; c < CHUNKS; c++) {
      const oldBlocks = this.blockStarts[c]!;
      const oldStarts = this.starts[c]!;
      counts.fill(0);
      const w = c >>> 1;
      const shift = c & 1 ? 0 : 16;
      for (let s = from; s < n; s++) counts[(h[s * WORDS + w]! >>> shift) & 0xffff]! += 1;
      // each value's run: its indexed entries, then its tail entries (written from cursor[v])
      let added = 0;
      for (let v = 0; v < VALUES; v++) {
        offsets[v] = oldBlocks[v >>> BLOCK_BITS]! + oldStarts[v]! + added;
        const gained = counts[v]!;
        if (gained === 0) continue;
        cursor[v] = oldBlocks[(v + 1) >>> BLOCK_BITS]! + oldStarts[v + 1]! + added;
        added += gained;
      }
      offsets[VALUES] = n;
      // the indexed entries between two values that gain tail entries move right as one block, the highest first
      // (in place: a list has room for every slot)
      const list = this.kernel.list(c, n);
      let unmoved = from;
      for (let v = VALUES - 1; v >= 0 && unmoved > 0; v--) {
        const gained = counts[v]!;
        if (gained === 0) continue;
        const oldEnd = oldBlocks[(v + 1) >>> BLOCK_BITS]! + oldStarts[v + 1]!;
        const moved = cursor[v]! + gained - oldEnd;
        if (unmoved > oldEnd) list.copyWithin(oldEnd + moved, oldEnd, unmoved);
        unmoved = oldEnd;
      }
      for (let s = from; s < n; s++) list[cursor[(h[s * WORDS + w]! >>> shift) & 0xffff]!++] = s;
      this.encodeOffsets(c, offsets);
    }
    this.indexed = n;
    this.tailLimit = Math.max(MIN_TAIL, Math.ceil(n / TAIL_SHARE));
    this.tailBits = Math.min(16, Math.max(12, log2Ceil(this.tailLimit) - 1));
    this.tailHeads = new Int32Array(CHUNKS << this.tailBits).fill(-1);
    this.tailNext = new Int32Array(Math.min(this.tailLimit, 1024) * CHUNKS);
    this.resize(Math.max(this.initialCapacity, n + this.tailLimit));
  }

  private encodeOffsets(c: number, offsets: Uint32Array): void {
    let narrow = true;
    for (let b = 0; b < BLOCKS && narrow; b++)
      narrow = offsets[(b + 1) << BLOCK_BITS]! - offsets[b << BLOCK_BITS]! < 1 << 16;
    const blockStarts = new Uint32Array(BLOCKS + 1);
    if (!narrow) {
      this.blockStarts[c] = blockStarts;
      this.starts[c] = offsets.slice();
      return;
    }
    for (let b = 0; b <= BLOCKS; b++) blockStarts[b] = offsets[b << BLOCK_BITS]!;
    const starts = new Uint16Array(VALUES + 1);
    for (let v = 0; v <= VALUES; v++) starts[v] = offsets[v]! - blockStarts[v >>> BLOCK_BITS]!;
    this.blockStarts[c] = blockStarts;
    this.starts[c] = starts;
  }

  /** Moves the live entries to the front, in order, and empties the sorted lists: all of them become the tail. */
  private reclaim(): void {
    const h = this.hashes;
    let k = 0;
    for (let s = 0; s < this.slots; s++) {
      if (this.qualities[s] === REMOVED) continue;
      if (k !== s) {
        h.copyWithin(k * WORDS, s * WORDS, s * WORDS + WORDS);
        this.refs[k] = this.refs[s]!;
        this.qualities[k] = this.qualities[s]!;
      }
      k++;
    }
    this.slots = k;
    this.indexed = 0;
    this.removed = 0;
    for (let c = 0; c < CHUNKS; c++) {
      this.blockStarts[c] = new Uint32Array(BLOCKS + 1);
      this.starts[c] = new Uint16Array(VALUES + 1);
    }
  }

  private resize(capacity: number): void {
    if (capacity === this.capacity) return;
    const n = this.slots;
    // the hash words stay where they are in the kernel's memory
    this.kernel.layout(capacity, this.indexed);
    const refs = new Uint32Array(capacity);
    refs.set(this.refs.subarray(0, n));
    const qualities = new Uint8Array(capacity);
    qualities.set(this.qualities.subarray(0, n));
    this.refs = refs;
    this.qualities = qualities;
    this.capacity = capacity;
  }
}
