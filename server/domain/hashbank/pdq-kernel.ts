// The PDQ index's hashes in WebAssembly memory, compared there with the processor's popcount (pdq-kernel.wat):
// an index lookup at 1M hashes took a third of the time of the same comparisons in JavaScript (which counts bits by
// table lookups), a full scan a tenth.
//
// Memory layout: the query's 8 words at byte 0, the hashes from byte 64 (8 words each, hash s at word 16 + 8 s),
// then scratch space for one call. Growing the memory replaces its buffer, so the views here are renewed after
// every change of layout; callers read them from the kernel again after anything that may have grown it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WORDS = 8;
const HASHES_AT = 64;
const PAGE = 65536;

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
  filter(q: number, cand: number, n: number, hashes: number, max: number, out: number): number;
  scan(q: number, hashes: number, n: number, max: number, out: number, cap: number): number;
}

export class PdqKernel {
  private readonly fns: KernelExports;
  private capacity = 0;
  private scratchWords = 0;
  /** The hashes: capacity × 8 words. */
  hashes!: Uint32Array;
  /** Scratch words after the hashes (candidates, results). */
  scratch!: Uint32Array;
  private query!: Uint32Array;

  constructor(capacity: number) {
    this.fns = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports;
    this.layout(capacity, 1024);
  }

  /** Bytes of memory the kernel holds. */
  get bytes(): number {
    return this.fns.memory.buffer.byteLength;
  }

  /**
   * Room for `capacity` hashes (the first ones keep their words; those past an earlier capacity hold anything)
   * and at least `scratchWords` words of scratch.
   */
  layout(capacity: number, scratchWords = this.scratchWords): void {
    const memory = this.fns.memory;
    const scratchAt = HASHES_AT + capacity * WORDS * 4;
    const need = scratchAt + scratchWords * 4;
    const pages = memory.buffer.byteLength / PAGE;
    const grown = need > memory.buffer.byteLength;
    if (grown) memory.grow(Math.ceil(need / PAGE) - pages);
    if (!grown && capacity === this.capacity && scratchWords === this.scratchWords) return;
    this.capacity = capacity;
    this.scratchWords = scratchWords;
    this.query = new Uint32Array(memory.buffer, 0, WORDS);
    this.hashes = new Uint32Array(memory.buffer, HASHES_AT, capacity * WORDS);
    this.scratch = new Uint32Array(memory.buffer, scratchAt, scratchWords);
  }

  /** Makes the scratch space at least `words` long (at least doubling it), renewing the views if it grows. */
  ensureScratch(words: number): void {
    if (words > this.scratchWords) this.layout(this.capacity, Math.max(words, this.scratchWords * 2));
  }

  private scratchAt(word: number): number {
    return this.scratch.byteOffset + word * 4;
  }

  /**
   * For the `n` hash numbers in scratch[0, n): the (position, distance) pairs of those within `max` bits of `q`,
   * written to scratch from word `n` on, in order; returns how many. The scratch must hold 3 n words.
   */
  filter(q: Uint32Array, n: number, max: number): number {
    this.query.set(q);
    return this.fns.filter(0, this.scratchAt(0), n, HASHES_AT, max, this.scratchAt(n));
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
