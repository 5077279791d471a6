// PDQ against the reference implementation's hashes of ThreatExchange's test photos, decoded by the real ffmpeg,
// and the properties a perceptual hash must have.
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  PDQ_FRAME_MAX_SIDE,
  PDQ_PHOTO_MAX_SIDE,
  hammingDistance,
  pdqFromLuma,
  pdqFromRgb,
  popcount32,
  referenceHashSize,
} from "../../server/media/pdq.ts";
import { MediaError } from "../../server/media/types.ts";
import { decodeFrames } from "../support/decode-frames.ts";
import { MEDIA_REFERENCE, referencePhotos } from "../support/media-reference.ts";

const refDir = path.join(MEDIA_REFERENCE, "pdq");
const reference = referencePhotos().filter((r) => r.quality >= 80);

const FRAME_MAX_SIDE = PDQ_FRAME_MAX_SIDE;

describe("PDQ against the reference hashes", () => {
  it("has reference photos to check", () => {
    expect(reference.length).toBeGreaterThanOrEqual(10);
  });

  it.each(reference)("$file: within 10 bits at full size and from a frame scaled to 512", async (ref) => {
    const file = path.join(refDir, ref.file);
    const full = await decodeFrames(file);
    const atFull = pdqFromRgb(full.frames[0]!, full.width, full.height);
    expect(hammingDistance(atFull.pdq, ref.pdq)).toBeLessThanOrEqual(10);
    expect(atFull.quality).toBeGreaterThanOrEqual(80);

    const small = await decodeFrames(file, { maxSide: FRAME_MAX_SIDE / 4, scaleFlags: "area" });
    const scaled = await decodeFrames(file, { maxSide: FRAME_MAX_SIDE, scaleFlags: "area" });
    for (const d of [scaled, small]) {
      const r = pdqFromRgb(d.frames[0]!, d.width, d.height, { sourceWidth: full.width, sourceHeight: full.height });
      expect(hammingDistance(r.pdq, ref.pdq)).toBeLessThanOrEqual(10);
      expect(r.quality).toBeGreaterThanOrEqual(80);
    }
  });

  it("follows the reference photo hashers in shrinking large pictures to 512 before hashing", () => {
    expect(PDQ_PHOTO_MAX_SIDE).toBe(512);
    expect(referenceHashSize(1600, 1004)).toEqual([512, 321]);
    expect(referenceHashSize(480, 720)).toEqual([341, 512]);
    expect(referenceHashSize(300, 200)).toEqual([300, 200]);
    expect(referenceHashSize(480, 720, Infinity)).toEqual([480, 720]);
  });
});

/** A deterministic picture with structure at several scales (random shapes and gradients from a seed). */
function picture(seed: number, width: number, height: number): Uint8Array {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const rgb = new Uint8Array(width * height * 3);
  const gx = rnd() * 2 - 1;
  const gy = rnd() * 2 - 1;
  const shapes = Array.from({ length: 12 }, () => ({
    x: rnd() * width,
    y: rnd() * height,
    r: (0.05 + rnd() * 0.3) * Math.min(width, height),
    c: [rnd() * 160, rnd() * 160, rnd() * 160],
  }));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const base = 40 + 40 * ((gx * x) / width + (gy * y) / height);
      const px = [base, base, base];
      for (const sh of shapes)
        if ((x - sh.x) ** 2 + (y - sh.y) ** 2 < sh.r ** 2) for (let k = 0; k < 3; k++) px[k] = px[k]! * 0.4 + sh.c[k]!;
      for (let k = 0; k < 3; k++) rgb[(y * width + x) * 3 + k] = Math.max(0, Math.min(255, Math.round(px[k]!)));
    }
  return rgb;
}

function naiveDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);

describe("hammingDistance", () => {
  it("counts differing bits", () => {
    const zero = "0".repeat(64);
    expect(hammingDistance(zero, zero)).toBe(0);
    expect(hammingDistance(zero, "f".repeat(64))).toBe(256);
    expect(hammingDistance(zero, `${"0".repeat(63)}1`)).toBe(1);
    expect(hammingDistance(zero, `8${"0".repeat(63)}`)).toBe(1);
    expect(hammingDistance("F".repeat(64), "f".repeat(64))).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
  });

  it("agrees with a bit-by-bit count, and is symmetric", () => {
    fc.assert(
      fc.property(hex64, hex64, (a, b) => {
        const d = hammingDistance(a, b);
        expect(d).toBe(naiveDistance(a, b));
        expect(hammingDistance(b, a)).toBe(d);
      }),
    );
  });

  it("refuses what is not a 64-hex hash", () => {
    expect(() => hammingDistance("abc", "0".repeat(64))).toThrow(MediaError);
    expect(() => hammingDistance("g".repeat(64), "0".repeat(64))).toThrow(/64 hex digits/);
  });
});

describe("pdqFromRgb", () => {
  it("gives a flat picture quality below 50", () => {
    for (const v of [0, 128, 255]) {
      const rgb = new Uint8Array(320 * 240 * 3).fill(v);
      expect(pdqFromRgb(rgb, 320, 240).quality).toBeLessThan(50);
    }
  });

  it("sets half the bits of a picture with structure", () => {
    const { pdq, quality } = pdqFromRgb(picture(7, 200, 150), 200, 150);
    expect(pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(quality).toBeGreaterThanOrEqual(50);
    expect(hammingDistance(pdq, "0".repeat(64))).toBe(128);
  });

  it("hashes pictures smaller than 5 pixels a side as zero with quality 0, as the reference does", () => {
    expect(pdqFromRgb(picture(1, 4, 40), 4, 40)).toEqual({ pdq: "0".repeat(64), quality: 0 });
  });

  it("refuses buffers that do not hold the frame", () => {
    expect(() => pdqFromRgb(new Uint8Array(10), 10, 10)).toThrow(MediaError);
    expect(() => pdqFromRgb(new Uint8Array(300), 0, 10)).toThrow(/invalid size/);
  });

  it("is the same from luma as from grey rgb", () => {
    const w = 90;
    const h = 70;
    const rgb = picture(3, w, h);
    const grey = new Uint8Array(rgb.length);
    const luma = new Float32Array(w * h);
    for (let i = 0; i < w * h; i++) {
      const v = rgb[i * 3]!;
      grey.set([v, v, v], i * 3);
      luma[i] = v;
    }
    expect(pdqFromLuma(luma, w, h)).toEqual(pdqFromRgb(grey, w, h));
  });

  it("is deterministic, whatever was hashed before (reused buffers)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.integer({ min: 20, max: 160 }),
        fc.integer({ min: 20, max: 160 }),
        (seedA, seedB, w, h) => {
          const a = picture(seedA, w, h);
          const first = pdqFromRgb(a, w, h);
          pdqFromRgb(picture(seedB, h, w), h, w);
          expect(pdqFromRgb(a, w, h)).toEqual(first);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("keeps a slightly brighter picture within 31 bits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: -12, max: 12 }), (seed, delta) => {
        const w = 160;
        const h = 120;
        const a = picture(seed, w, h);
        const b = a.map((v) => Math.max(0, Math.min(255, v + delta)));
        const ha = pdqFromRgb(a, w, h);
        fc.pre(ha.quality >= 50);
        expect(hammingDistance(ha.pdq, pdqFromRgb(b, w, h).pdq)).toBeLessThanOrEqual(31);
      }),
      { numRuns: 30 },
    );
  });

  it("keeps a picture scaled down within 31 bits of itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const big = picture(seed, 300, 200);
        // a 2 × 2 average, as a scaler would
        const small = new Uint8Array(150 * 100 * 3);
        for (let y = 0; y < 100; y++)
          for (let x = 0; x < 150; x++)
            for (let k = 0; k < 3; k++) {
              const at = (yy: number, xx: number) => big[(yy * 300 + xx) * 3 + k]!;
              small[(y * 150 + x) * 3 + k] = Math.round(
                (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4,
              );
            }
        const a = pdqFromRgb(big, 300, 200);
        fc.pre(a.quality >= 50);
        const b = pdqFromRgb(small, 150, 100, { sourceWidth: 300, sourceHeight: 200 });
        expect(hammingDistance(a.pdq, b.pdq)).toBeLessThanOrEqual(31);
      }),
      { numRuns: 15 },
    );
  });
});
