// The PDQ index's hashes and sorted lists in WebAssembly memory, where a lookup reads its candidates and compares
// them with the processor's popcount (pdq-kernel.wat): at 1M hashes a lookup takes a quarter of the time of the
// same work in JavaScript (which counts bits by table lookups and keeps fewer scattered reads in flight), a full
// scan a tenth.
//
// Memory layout: the query's 8 words at byte 0; the hashes from byte 64 (8 words each, hash s at word 16 + 8 s);
// then the 16 chunk lists, `capacity` words apart; then scratch space for one call. Growing the memory replaces
// its buffer, so views are made afresh after every change of layout; callers read them from the kernel again
// after anything that may have grown it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WORDS = 8;
const LISTS = 16;
const HASHES_AT = 64;
const PAGE = 65536;
/** WebAssembly memory is addressed with 32 bits. */
const MAX_BYTES = 2 ** 32 - PAGE;
/** Bytes a hash slot takes: its words and its entry in each list. */
const SLOT_BYTES = WORDS * 4 + LISTS * 4;

/** The most hashes one index can hold (about 44 million). */
export const PDQ_KERNEL_MAX_CAPACITY = Math.floor((MAX_BYTES - HASHES_AT - (1 << 20)) / SLOT_BYTES);

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  // (a path, not a URL object: under a browser-like test environment URL is not Node's own)
  compiled ??= new WebAssembly.Module(
    readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "pdq-kernel.wasm")),
  );
  return compiled;
}

interface KernelExports {
  memory: WebAssembly.Memory;
  probe(q: number, runs: number, nruns: number, hashes: number, max: number, out: number): number;
  scan(q: number, hashes: number, n: number, max: number, out: number, cap: number): number;
}

export class PdqKernel {
  private readonly fns: KernelExports;
  private capacity = 0;
  private scratchWords = 0;
  /** The hashes: capacity × 8 words. */
  hashes!: Uint32Array;
  /** Scratch words after the lists (runs, results). */
  scratch!: Uint32Array;
  private query!: Uint32Array;

  constructor(capacity: number) {
    this.fns = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports;
    this.layout(capacity, 0, 1024);
  }

  /** Bytes of memory the kernel holds. */
  get bytes(): number {
    return this.fns.memory.buffer.byteLength;
  }

  private listsAt(capacity = this.capacity): number {
    return HASHES_AT + capacity * WORDS * 4;
  }

  /**
   * Room for `capacity` hashes and lists of as many entries, and at least `scratchWords` words of scratch. The
   * first hashes keep their words (those past an earlier capacity hold anything), and each list its first
   * `listLength` entries.
   */
  layout(capacity: number, listLength: number, scratchWords = this.scratchWords): void {
    if (capacity > PDQ_KERNEL_MAX_CAPACITY)
      throw new RangeError(`The PDQ index holds at most ${PDQ_KERNEL_MAX_CAPACITY} hashes.`);
    const memory = this.fns.memory;
    const scratchAt = this.listsAt(capacity) + capacity * LISTS * 4;
    const need = scratchAt + scratchWords * 4;
    const grown = need > memory.buffer.byteLength;
    if (grown) memory.grow(Math.ceil(need / PAGE) - memory.buffer.byteLength / PAGE);
    if (!grown && capacity === this.capacity && scratchWords === this.scratchWords) return;
    const words = new Uint32Array(memory.buffer);
    if (capacity !== this.capacity && listLength > 0) {
      // each list to its new place: the highest first when they move up, the lowest first when they move down
      const from = this.listsAt() / 4;
      const to = this.listsAt(capacity) / 4;
      const up = capacity > this.capacity;
      for (let i = 0; i < LISTS; i++) {
        const c = up ? LISTS - 1 - i : i;
        const at = from + c * this.capacity;
        words.copyWithin(to + c * capacity, at, at + listLength);
      }
    }
    this.capacity = capacity;
    this.scratchWords = scratchWords;
    this.query = new Uint32Array(memory.buffer, 0, WORDS);
    this.hashes = new Uint32Array(memory.buffer, HASHES_AT, capacity * WORDS);
    this.scratch = new Uint32Array(memory.buffer, scratchAt, scratchWords);
  }

  /** List `c`'s first `length` entries (at most the capacity). */
  list(c: number, length: number): Uint32Array {
    return new Uint32Array(this.fns.memory.buffer, this.listsAt() + c * this.capacity * 4, length);
  }

  /** Makes the scratch space at least `words` long (at least doubling it), renewing the views if it grows. */
  ensureScratch(words: number): void {
    if (words > this.scratchWords) this.layout(this.capacity, 0, Math.max(words, this.scratchWords * 2));
  }

  private scratchAt(word: number): number {
    return this.scratch.byteOffset + word * 4;
  }

  /**
   * For runs of list entries — `runs` holds `nruns` (list, start, end) triples, entries [start, end) of that
   * list — the (hash number, distance, run) triples of the entries within `max` bits of `q`, written to scratch
   * from word 2 nruns on, in order; returns how many. The scratch must hold 2 nruns + 3 × the entries words.
   */
  probe(q: Uint32Array, runs: Uint32Array, nruns: number, max: number): number {
    this.query.set(q);
    const scratch = this.scratch;
    const base = this.listsAt();
    for (let r = 0; r < nruns; r++) {
      const at = base + runs[3 * r]! * this.capacity * 4;
      scratch[2 * r] = at + runs[3 * r + 1]! * 4;
      scratch[2 * r + 1] = at + runs[3 * r + 2]! * 4;
    }
    return this.fns.probe(0, this.scratchAt(0), nruns, HASHES_AT, max, this.scratchAt(2 * nruns));
  }

  /**
   * Compares `q` with hashes [0, n): (hash number, distance) pairs of those within `max` bits, in scratch from
   * word 0, as many as there are. Returns how many.
   */
  scan(q: Uint32Array, n: number, max: number): number {
    this.query.set(q);
    const found = this.fns.scan(0, HASHES_AT, n, max, this.scratchAt(0), this.scratchWords >>> 1);
    if (found <= this.scratchWords >>> 1) return found;
    this.ensureScratch(found * 2);
    return this.fns.scan(0, HASHES_AT, n, max, this.scratchAt(0), this.scratchWords >>> 1);
  }
}
