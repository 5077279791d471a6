// Seeded randomness for generated data (the demo world, scale data, the platform simulator, stand-in artwork):
// the same seed gives the same data on every machine. Never for secrets — those use node:crypto.

/** mulberry32: tiny, fast, and good enough for test data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a, to derive seeds from strings. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = "0123456789abcdef";

export class Rng {
  readonly next: () => number;

  constructor(seed: number | string) {
    this.next = mulberry32(typeof seed === "string" ? hashString(seed) : seed);
  }

  /** An independent stream, so adding draws in one part of the world does not reshuffle another. */
  fork(label: string): Rng {
    return new Rng((hashString(label) ^ Math.floor(this.next() * 4294967296)) >>> 0);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min = 0, max = 1): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick by weight: entries are [value, weight]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Pareto-distributed value ≥ min: view counts and activity are heavy-tailed on social apps. */
  pareto(min: number, alpha: number, cap = Number.MAX_SAFE_INTEGER): number {
    const u = 1 - this.next();
    return Math.min(cap, Math.floor(min / Math.pow(u, 1 / alpha)));
  }

  /** Index in [0, n) skewed towards 0 (a few prolific creators, a long tail). */
  skewedIndex(n: number, power = 2.2): number {
    return Math.min(n - 1, Math.floor(Math.pow(this.next(), power) * n));
  }

  hex(chars: number): string {
    let out = "";
    for (let i = 0; i < chars; i++) out += HEX[Math.floor(this.next() * 16)];
    return out;
  }

  /** A copy of `hex` with a few nibbles changed: a perceptual hash of a near-identical frame. */
  mutateHex(hex: string, changes: number): string {
    const chars = hex.split("");
    for (let i = 0; i < changes; i++) chars[this.int(0, chars.length - 1)] = HEX[this.int(0, 15)]!;
    return chars.join("");
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(count, items.length));
  }

  /** A UUIDv7 whose time part is `ms`, so ids sort like the rows' creation times. */
  uuid7(ms: number): string {
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0").slice(-12);
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}
