// The WebAssembly distance kernel under the PDQ index: the committed binary is what its source assembles to, and
// its distances are those JavaScript counts bit by bit, at the edges (0, 256, exactly the limit) and at random,
// through the probe of list runs and the full scan alike, also when a scan finds more than its scratch holds; and
// its memory keeps the hashes and lists whichever way it is laid out again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PdqIndex, hammingDistance } from "../../server/domain/hashbank/pdq-index.ts";
import { PDQ_KERNEL_MAX_CAPACITY, PdqKernel } from "../../server/domain/hashbank/pdq-kernel.ts";
import { ROOT, WASM_SOURCES, assemble } from "../../scripts/build-wasm.ts";
import { prng } from "../support/hashes.ts";

/** Distance counted one bit at a time: nothing shared with the kernel or the index's popcount tables. */
function bitByBit(a: Uint32Array, b: Uint32Array): number {
  let d = 0;
  for (let w = 0; w < 8; w++) for (let bit = 0; bit < 32; bit++) d += ((a[w]! ^ b[w]!) >>> bit) & 1;
  return d;
}

function withBits(base: Uint32Array, bits: number, rand: () => number): Uint32Array {
  const out = base.slice();
  const set = new Set<number>();
  while (set.size < bits) set.add(rand() & 255);
  for (const p of set) out[p >>> 5]! ^= 1 << (p & 31);
  return out;
}

describe("PDQ distance kernel", () => {
  it("is committed as the binary its source assembles to", async () => {
    for (const source of WASM_SOURCES) {
      const built = await assemble(path.join(ROOT, source));
      const committed = readFileSync(path.join(ROOT, source.replace(/\.wat$/, ".wasm")));
      expect(Buffer.from(built).equals(committed), `${source} differs from its .wasm: run npm run build:wasm`).toBe(
        true,
      );
    }
  });

  it("probes runs of list entries with the distances counted bit by bit, limit included", () => {
    const rand = prng(7);
    const q = Uint32Array.from({ length: 8 }, () => rand());
    const n = 3000;
    const kernel = new PdqKernel(n);
    const stored: Uint32Array[] = [];
    for (let s = 0; s < n; s++) {
      // the query itself, its complement, and every distance 0–64 many times over, then random hashes
      const h =
        s === 0
          ? q.slice()
          : s === 1
            ? q.map((w) => ~w >>> 0)
            : s < 2000
              ? withBits(q, s % 65, rand)
              : q.map(() => rand());
      stored.push(h);
      kernel.hashes.set(h, s * 8);
    }
    expect(bitByBit(q, stored[1]!)).toBe(256);
    // each list a shuffle of every slot
    const lists = Array.from({ length: 16 }, () => {
      const list = Uint32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rand() % (i + 1);
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
      return list;
    });
    lists.forEach((list, c) => kernel.list(c, n).set(list));
    for (const max of [0, 15, 31, 32, 64, 256]) {
      // runs of every length, empty ones and ones reaching the list's end included
      const runs: number[] = [];
      for (let r = 0; r < 200; r++) {
        const c = rand() % 16;
        const start = r === 0 ? n : rand() % n;
        const end = r === 1 ? n : Math.min(n, start + (rand() % 60));
        runs.push(c, start, end);
      }
      const entries = runs.reduce((sum, _, i) => (i % 3 === 2 ? sum + runs[i]! - runs[i - 1]! : sum), 0);
      kernel.ensureScratch(2 * 200 + 3 * entries);
      const kept = kernel.probe(q, Uint32Array.from(runs), 200, max);
      const got = Array.from(kernel.scratch.subarray(400, 400 + 3 * kept));
      const want: number[] = [];
      for (let r = 0; r < 200; r++)
        for (let i = runs[3 * r + 1]!; i < runs[3 * r + 2]!; i++) {
          const s = lists[runs[3 * r]!]![i]!;
          const d = bitByBit(q, stored[s]!);
          if (d <= max) want.push(s, d, r);
        }
      expect(got, `max ${max}`).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    }
  });

  it("keeps the hashes and each list's entries when its capacity grows or shrinks", () => {
    const rand = prng(9);
    const kernel = new PdqKernel(1000);
    const hashes = Uint32Array.from({ length: 8 * 900 }, () => rand());
    const lists = Array.from({ length: 16 }, () => Uint32Array.from({ length: 900 }, () => rand()));
    kernel.hashes.set(hashes);
    lists.forEach((list, c) => kernel.list(c, 900).set(list));
    for (const capacity of [5000, 200_000, 901, 900, 3000]) {
      kernel.layout(capacity, 900);
      expect(kernel.hashes.subarray(0, 8 * 900)).toEqual(hashes);
      lists.forEach((list, c) => expect(kernel.list(c, 900), `list ${c} at ${capacity}`).toEqual(list));
    }
    expect(() => kernel.layout(PDQ_KERNEL_MAX_CAPACITY + 1, 900)).toThrow(/at most/);
  });

  it("scans every hash, growing its scratch when more match than it holds", () => {
    const rand = prng(11);
    const q = Uint32Array.from({ length: 8 }, () => rand());
    const n = 5000;
    const kernel = new PdqKernel(n);
    const distances: number[] = [];
    for (let s = 0; s < n; s++) {
      const h = withBits(q, s % 40, rand);
      distances.push(bitByBit(q, h));
      kernel.hashes.set(h, s * 8);
    }
    // 4,000 matches, far more than the 512 pairs the initial scratch holds
    const found = kernel.scan(q, n, 31);
    const want = distances.flatMap((d, s) => (d <= 31 ? [s, d] : []));
    expect(found).toBe(want.length / 2);
    expect(Array.from(kernel.scratch.subarray(0, 2 * found))).toEqual(want);
  });

  it("keeps an index's distances right across memory growth, also for a query made from a match callback", () => {
    const rand = prng(13);
    const index = new PdqIndex();
    const hashes: Uint32Array[] = [];
    const hex = (w: Uint32Array) => Array.from(w, (x) => x.toString(16).padStart(8, "0")).join("");
    const root = Uint32Array.from({ length: 8 }, () => rand());
    // enough entries that the kernel's memory grows several times while they are added
    for (let i = 0; i < 40_000; i++) {
      const h = i % 4 === 0 ? withBits(root, i % 32, rand) : Uint32Array.from({ length: 8 }, () => rand());
      hashes.push(h);
      index.add(hex(h), i, 90);
    }
    const outer: [number, number][] = [];
    const inner: [number, number][] = [];
    index.query(root, 31, (ref, d) => {
      outer.push([ref, d]);
      if (outer.length === 1)
        // a nested query whose candidates outgrow the scratch the outer one uses
        for (let i = 0; i < 64; i++) index.query(hashes[i * 4]!, 31, (r, dd) => i === 0 && inner.push([r, dd]));
    });
    for (const [ref, d] of [...outer, ...inner]) expect(d).toBe(bitByBit(root, hashes[ref]!));
    expect(new Set(outer.map(([r]) => r))).toEqual(
      new Set(hashes.flatMap((h, i) => (hammingDistance(root, h) <= 31 ? [i] : []))),
    );
    expect(inner.length).toBeGreaterThan(0);
  });
});
