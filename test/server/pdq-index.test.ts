// The in-memory PDQ index answers exactly what comparing with every entry answers: every live entry within the
// distance (31 bits included, 32 never), once, whatever the distance, the clustering, the adds and removes since the
// last rebuild, and the quality floor.
import { describe, expect, it } from "vitest";
import {
  PDQ_INDEX_MAX_DISTANCE,
  PdqIndex,
  hammingDistance,
  parsePdqHex,
} from "../../server/domain/hashbank/pdq-index.ts";
import { prng } from "../support/hashes.ts";

type Rand = ReturnType<typeof prng>;

const toHex = (words: Uint32Array) => Array.from(words, (w) => w.toString(16).padStart(8, "0")).join("");

function randomWords(rand: Rand): Uint32Array {
  const words = new Uint32Array(8);
  for (let w = 0; w < 8; w++) words[w] = rand();
  return words;
}

/** A copy of `words` with exactly `bits` distinct bits flipped. */
function flipped(words: Uint32Array, bits: number, rand: Rand): Uint32Array {
  const out = words.slice();
  const positions = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0; i < bits; i++) {
    const j = i + (rand() % (256 - i));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
    const p = positions[i]!;
    out[p >>> 5]! ^= 1 << (p & 31);
  }
  return out;
}

type Found = [ref: number, distance: number][];

function sorted(found: Found): Found {
  return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function viaIndex(index: PdqIndex, q: string | Uint32Array, maxDistance: number, minQuality?: number): Found {
  const found: Found = [];
  index.query(q, maxDistance, (ref, d) => found.push([ref, d]), minQuality);
  return sorted(found);
}

function viaBruteForce(index: PdqIndex, q: string | Uint32Array, maxDistance: number, minQuality?: number): Found {
  const found: Found = [];
  index.bruteForce(q, maxDistance, (ref, d) => found.push([ref, d]), minQuality);
  return sorted(found);
}

describe("PdqIndex on 200,000 random hashes", () => {
  const rand = prng(20260601);
  const BANK = 200_000;
  const NEAR_COPIES = 4_000;
  const banked: Uint32Array[] = [];
  const index = new PdqIndex();
  for (let i = 0; i < BANK; i++) {
    // some banked hashes are near copies of earlier ones, so queries find several entries at several distances
    const words =
      i >= NEAR_COPIES && i % 50 === 0 ? flipped(banked[rand() % i]!, rand() % 41, rand) : randomWords(rand);
    banked.push(words);
    index.add(toHex(words), i, 50 + (i % 51));
  }
  // each query a banked hash with 0, 1, … 40 bits flipped, in turn
  const queries = Array.from({ length: 41 * 4 }, (_, i) => flipped(banked[rand() % BANK]!, i % 41, rand));

  it("finds what comparing with every entry finds, within 31 bits and within 10", () => {
    let at31 = 0;
    let at32 = 0;
    queries.forEach((q, i) => {
      const expected = viaBruteForce(index, q, 40);
      at31 += expected.filter(([, d]) => d === 31).length;
      at32 += expected.filter(([, d]) => d === 32).length;
      expect(viaIndex(index, q, 31)).toEqual(expected.filter(([, d]) => d <= 31));
      expect(viaIndex(index, toHex(q), 10)).toEqual(expected.filter(([, d]) => d <= 10));
      if (i % 41 === 10) expect(viaIndex(index, q, 10)).toEqual(viaBruteForce(index, q, 10));
      // either side of where one-bit neighbours start to be probed
      for (const maxDistance of [15, 16])
        expect(viaIndex(index, q, maxDistance)).toEqual(expected.filter(([, d]) => d <= maxDistance));
    });
    // the edges were tried: entries exactly 31 bits away found, 32 bits away left out
    expect(at31).toBeGreaterThan(1);
    expect(at32).toBeGreaterThan(1);
  });

  it("holds at most 120 bytes per hash", () => {
    expect(index.size).toBe(BANK);
    expect(index.memoryBytes() / index.size).toBeLessThanOrEqual(120);
  });

  it("stops matching a removed entry at once, and matches entries added after a rebuild", () => {
    const target = banked[7]!;
    expect(viaIndex(index, target, 0)).toEqual([[7, 0]]);
    expect(index.remove(toHex(target), 8)).toBe(false);
    expect(index.remove(toHex(target), 7)).toBe(true);
    expect(index.remove(toHex(target), 7)).toBe(false);
    expect(viaIndex(index, target, 31)).toEqual(viaBruteForce(index, target, 31));
    expect(viaIndex(index, target, 31).some(([ref]) => ref === 7)).toBe(false);
    expect(index.size).toBe(BANK - 1);

    index.flush();
    const late = randomWords(rand);
    index.add(toHex(late), 900_001, 80);
    const near = flipped(late, 31, rand);
    expect(viaIndex(index, near, 31)).toEqual([[900_001, 31]]);
    expect(viaIndex(index, flipped(late, 32, rand), 31)).toEqual([]);
    // a removal from the recent entries, and one of an entry the rebuild renumbered
    expect(index.remove(toHex(late), 900_001)).toBe(true);
    expect(viaIndex(index, near, 31)).toEqual([]);
    expect(index.remove(toHex(banked[8]!), 8)).toBe(true);
    expect(viaIndex(index, banked[8]!, 0)).toEqual([]);

    // enough adds and removes for merges and a reclaim on the way, checked against brute force after each burst
    for (let burst = 0; burst < 3; burst++) {
      for (let i = 0; i < 6_000; i++) {
        const ref = 1_000_000 + burst * 10_000 + i;
        index.add(toHex(flipped(banked[i]!, i % 33, rand)), ref, 60);
      }
      for (let i = 100 + burst * 6_000; i < 100 + (burst + 1) * 6_000; i++)
        expect(index.remove(toHex(banked[i]!), i)).toBe(true);
      for (const q of queries.slice(burst * 41, burst * 41 + 41).filter((_, i) => i % 3 === burst))
        expect(viaIndex(index, q, 31)).toEqual(viaBruteForce(index, q, 31));
    }
    expect(index.size).toBe(BANK - 2);
  });

  it("leaves out entries below the quality floor", () => {
    const q = queries[41 * 3 + 20]!;
    const all = viaBruteForce(index, q, 31);
    const withQuality: [number, number][] = [];
    index.query(q, 31, (ref, _d, quality) => withQuality.push([ref, quality]));
    expect(withQuality.length).toBeGreaterThan(0);
    const floor = 90;
    expect(viaIndex(index, q, 31, floor)).toEqual(viaBruteForce(index, q, 31, floor));
    const kept = new Set(withQuality.filter(([, quality]) => quality >= floor).map(([ref]) => ref));
    expect(viaIndex(index, q, 31, floor).map(([ref]) => ref)).toEqual(
      all.map(([ref]) => ref).filter((r) => kept.has(r)),
    );
  });
});

/** `words` with `perChunk[c]` bits flipped in chunk c (the c-th 16 bits in hex order). */
function flippedPerChunk(words: Uint32Array, perChunk: number[]): Uint32Array {
  const out = words.slice();
  perChunk.forEach((bits, c) => {
    for (let b = 0; b < bits; b++) out[c >>> 1]! ^= 1 << ((c & 1 ? 0 : 16) + 3 * b);
  });
  return out;
}

describe("PdqIndex at the pigeonhole's limits", () => {
  const rand = prng(99);
  const index = new PdqIndex();
  const hashes = Array.from({ length: 300 }, () => randomWords(rand));
  hashes.forEach((h, i) => index.add(toHex(h), i, 60));
  const spread = (n: number, one: number) => Array.from({ length: 16 }, (_, c) => (c === one ? 1 : n));

  it("finds 31 bits spread as 2 in every chunk but one, and never 32", () => {
    for (let one = 0; one < 16; one++) {
      const i = one * 7;
      expect(viaIndex(index, flippedPerChunk(hashes[i]!, spread(2, one)), 31)).toEqual([[i, 31]]);
      expect(viaIndex(index, flippedPerChunk(hashes[i]!, spread(2, -1)), 31)).toEqual([]);
    }
  });

  it("finds 16 bits spread as 1 in every chunk from a distance of 16, not 15", () => {
    const q = flippedPerChunk(hashes[5]!, spread(1, -1));
    expect(viaIndex(index, q, 16)).toEqual([[5, 16]]);
    expect(viaIndex(index, q, 15)).toEqual([]);
    index.flush();
    expect(viaIndex(index, q, 16)).toEqual([[5, 16]]);
    expect(viaIndex(index, flippedPerChunk(hashes[9]!, spread(2, 15)), 31)).toEqual([[9, 31]]);
  });
});

describe("PdqIndex on clustered hashes", () => {
  it("finds what brute force finds when 10,000 hashes are within a few bits of one", () => {
    const rand = prng(7);
    const base = randomWords(rand);
    const index = new PdqIndex({ initialCapacity: 10_000 });
    for (let i = 0; i < 10_000; i++) index.add(toHex(flipped(base, rand() % 6, rand)), i, 70);
    for (let bits = 0; bits <= 40; bits += 3) {
      const q = flipped(base, bits, rand);
      expect(viaIndex(index, q, 31)).toEqual(viaBruteForce(index, q, 31));
      expect(viaIndex(index, q, 4)).toEqual(viaBruteForce(index, q, 4));
    }
    index.flush();
    const q = flipped(base, 27, rand);
    expect(viaIndex(index, q, 31)).toEqual(viaBruteForce(index, q, 31));
  });

  it("still works when more than 65,536 entries share their first 224 bits", () => {
    const rand = prng(11);
    const base = randomWords(rand);
    const index = new PdqIndex();
    for (let i = 0; i < 66_000; i++) {
      const words = base.slice();
      words[7] = rand();
      index.add(toHex(words), i, 70);
    }
    index.flush();
    for (const [bits, maxDistance] of [
      [12, 31],
      [3, 10],
    ] as const) {
      const q = flipped(base, bits, rand);
      expect(viaIndex(index, q, maxDistance)).toEqual(viaBruteForce(index, q, maxDistance));
    }
  });

  it("reports an entry added twice twice, and once after one removal", () => {
    const index = new PdqIndex();
    const hex = "ab".repeat(32);
    index.add(hex, 5, 90);
    index.add(hex, 5, 90);
    expect(viaIndex(index, hex, 31)).toEqual([
      [5, 0],
      [5, 0],
    ]);
    expect(index.remove(hex, 5)).toBe(true);
    expect(viaIndex(index, hex, 31)).toEqual([[5, 0]]);
  });

  it("lets a match callback query the index again", () => {
    const index = new PdqIndex();
    const rand = prng(3);
    const words = randomWords(rand);
    index.add(toHex(words), 1, 90);
    index.add(toHex(flipped(words, 20, rand)), 2, 90);
    const inner: Found[] = [];
    const outer = viaIndexWith(index, words, () => inner.push(viaIndex(index, words, 31)));
    expect(outer).toEqual([1, 2]);
    expect(inner).toEqual([
      [
        [1, 0],
        [2, 20],
      ],
      [
        [1, 0],
        [2, 20],
      ],
    ]);
  });
});

function viaIndexWith(index: PdqIndex, q: Uint32Array, onEach: () => void): number[] {
  const refs: number[] = [];
  index.query(q, 31, (ref) => {
    refs.push(ref);
    onEach();
  });
  return refs.sort((a, b) => a - b);
}

describe("PdqIndex at the edges", () => {
  it("answers nothing when empty or when everything was removed, and takes adds again", () => {
    const rand = prng(5);
    const index = new PdqIndex();
    const q = randomWords(rand);
    expect(viaIndex(index, q, 31)).toEqual([]);
    expect(index.size).toBe(0);
    expect(index.remove(toHex(q), 1)).toBe(false);
    const hashes = Array.from({ length: 5_000 }, () => toHex(randomWords(rand)));
    hashes.forEach((h, i) => index.add(h, i, 60));
    hashes.forEach((h, i) => expect(index.remove(h, i)).toBe(true));
    expect(index.size).toBe(0);
    expect(viaIndex(index, hashes[3]!, 31)).toEqual([]);
    index.flush();
    expect(viaIndex(index, hashes[3]!, 31)).toEqual([]);
    index.add(hashes[3]!, 3, 60);
    expect(viaIndex(index, hashes[3]!, 31)).toEqual([[3, 0]]);
  });

  it("refuses distances it cannot guarantee", () => {
    const index = new PdqIndex();
    const q = "0".repeat(64);
    expect(PDQ_INDEX_MAX_DISTANCE).toBe(31);
    expect(() => index.query(q, 32, () => {})).toThrow(RangeError);
    expect(() => index.query(q, Number.NaN, () => {})).toThrow(RangeError);
    expect(() => index.query(q, 31, () => {})).not.toThrow();
  });

  it("parses hashes of 64 hex digits in either case and nothing else", () => {
    const hex = "0123456789abcdef".repeat(4);
    const words = parsePdqHex(hex);
    expect(Array.from(words.slice(0, 2))).toEqual([0x01234567, 0x89abcdef]);
    expect(parsePdqHex(hex.toUpperCase())).toEqual(words);
    for (const bad of [hex.slice(1), `${hex}0`, `${hex.slice(1)}g`, ` ${hex.slice(1)}`, `${hex.slice(2)}0x`, ""])
      expect(() => parsePdqHex(bad), bad).toThrow();
    expect(() => parsePdqHex(null as unknown as string)).toThrow();
    const index = new PdqIndex();
    expect(() => index.add(hex.slice(1), 1, 50)).toThrow();
    expect(index.size).toBe(0);
  });

  it("counts differing bits", () => {
    const a = parsePdqHex("f".repeat(64));
    expect(hammingDistance(a, parsePdqHex("0".repeat(64)))).toBe(256);
    expect(hammingDistance(a, parsePdqHex(`${"f".repeat(63)}8`))).toBe(3);
    expect(hammingDistance(a, a)).toBe(0);
  });
});
