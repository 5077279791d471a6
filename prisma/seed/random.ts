// Seeded randomness so the demo world is the same on every machine and every run with the same base time.

export { hashString, mulberry32, Rng } from "../../server/lib/seeded-random.ts";
import type { Rng } from "../../server/lib/seeded-random.ts";

/** Flips `bits` distinct bits of a hex string: a near-duplicate perceptual hash. */
export function flipBits(rng: Rng, hex: string, bits: number): string {
  const digits = hex.split("").map((c) => parseInt(c, 16));
  const positions = rng.sample(
    Array.from({ length: digits.length * 4 }, (_, i) => i),
    bits,
  );
  for (const p of positions) digits[p >> 2] = digits[p >> 2]! ^ (1 << (p & 3));
  return digits.map((d) => HEX[d]).join("");
}

const HEX = "0123456789abcdef";

export function padId(prefix: string, n: number, width = 6): string {
  return `${prefix}_${String(n).padStart(width, "0")}`;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
