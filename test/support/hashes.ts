// Made-up PDQ hashes for tests and benches: random ones, near copies, and a seeded generator so a run repeats.
import crypto from "node:crypto";
import type { FrameRow } from "./media-rows.ts";

export const hex = (bytes = 32) => crypto.randomBytes(bytes).toString("hex");
/** `n` unrelated frame hashes: a video of n distinct pictures. */
export const video = (n: number) => Array.from({ length: n }, () => hex());
/** One frame a second, all of good quality unless told. */
export const frames = (hashes: string[], quality = 90): FrameRow[] =>
  hashes.map((pdq, i) => ({ atMs: i * 1_000, pdq, quality }));
/** The same 256-bit hash with its first `bits` bits flipped. */
export function flip(hash: string, bits: number): string {
  const buf = Buffer.from(hash, "hex");
  for (let i = 0; i < bits; i++) buf[i >> 3]! ^= 0x80 >> (i & 7);
  return buf.toString("hex");
}

/** mulberry32: a small seeded generator of 32-bit words, so every run checks or measures the same cases. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
