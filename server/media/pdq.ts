// PDQ, the 256-bit perceptual image hash from Meta's ThreatExchange (hashing/hashing.pdf), written from the
// description of the algorithm:
//   1. luminance Y = 0.299 R + 0.587 G + 0.114 B, as floats;
//   2. two rounds of a horizontal then vertical box filter ("Jarosz" filter, a tent-like blur), each box
//      ceil(side / 128) wide, then one sample at the centre of each of 64 × 64 cells (decimation);
//   3. quality: the sum of the quantised vertical and horizontal gradients of the 64 × 64 image / 90, at most 100;
//   4. a 2-D DCT of the 64 × 64 image, keeping the 16 × 16 coefficients (1..16) × (1..16);
//   5. bit (row i, column j) is set when coefficient (i, j) is above the median of the 256.
//
// Speed: the blur is linear and separable, and only 64 × 64 of its outputs are ever looked at, so the two box
// passes along each axis and the decimation are folded into one sparse kernel per output row and per output
// column (computed once per image side by running the box passes on the sampled positions). Hashing is then
// one pass over the pixels (luma, then one multiply-add per pixel into its 64-wide row) and a small pass over
// a side × 64 buffer: the same arithmetic as the reference passes, minus the outputs nobody reads.
//
// Scaled frames: the kernels are built in the grid of the size the reference would hash (the source size, shrunk
// to 512 for photos as the reference photo tools do) and read from the pixels actually given, so a frame that
// ffmpeg scaled down hashes within a few bits of the reference's hash of the full-size frame.

import { MediaError } from "./types.ts";

export interface PdqResult {
  /** 64 lowercase hex digits, in the reference's bit order (its 16-bit words from 15 down to 0) */
  pdq: string;
  /** 0–100: how much gradient the picture has; below 50 a hash is not fit for matching */
  quality: number;
}

/** Hashes at or below this many differing bits are the same picture (the reference's matching threshold). */
export const PDQ_MATCH_DISTANCE = 31;
/** Hashes of lower quality are not used for matching. */
export const PDQ_MIN_QUALITY = 50;
/** The reference photo hashers shrink pictures to fit this before hashing (C++: to 512 × 512; Python: to fit). */
export const PDQ_PHOTO_MAX_SIDE = 512;
/**
 * The longest side to have ffmpeg scale frames to before hashing (pass the source size in PdqOptions): checked
 * within 10 bits of the reference on its photos and videos (test/server/media-pdq.test.ts, media-vpdq.test.ts).
 */
export const PDQ_FRAME_MAX_SIDE = 512;

const OUT = 64;
const DCT_N = 16;
// The reference gives images this small an all-zero hash of quality 0.
const MIN_HASHABLE_SIDE = 5;
const ZERO_HASH = "0".repeat(64);

/** The folded blur-and-sample weights along one axis of length n: for each of the 64 outputs, a run of taps. */
interface AxisKernel {
  start: Int32Array;
  length: Int32Array;
  /** weights of output j at offset[j] .. offset[j] + length[j] */
  offset: Int32Array;
  weights: Float64Array;
  /** first and one-past-last input index any output reads */
  lo: number;
  hi: number;
}

const kernelCache = new Map<string, AxisKernel>();

/**
 * The weights that turn one axis of m pixels into the 64 values the reference computes for the same picture
 * at n pixels: the reference's two box passes and its sampling, in the n-pixel grid, then each n-grid tap read
 * from the m pixels (an area average when m > n, linear interpolation when m < n, the pixel itself when equal).
 */
function axisKernel(n: number, m: number): AxisKernel {
  const key = `${n}:${m}`;
  const cached = kernelCache.get(key);
  if (cached) return cached;
  // One box pass as the reference runs it: a window of `full` taps, `right` after and `left` before the
  // output, clipped at the edges and averaged over the taps that remain.
  const full = Math.floor((n + 2 * OUT - 1) / (2 * OUT));
  const right = Math.floor((full + 2) / 2) - 1;
  const left = full - right - 1;
  const winLo = (i: number) => Math.max(0, i - left);
  const winHi = (i: number) => Math.min(n - 1, i + right);
  const start = new Int32Array(OUT);
  const length = new Int32Array(OUT);
  const offset = new Int32Array(OUT);
  const runs: Float64Array[] = [];
  let total = 0;
  for (let j = 0; j < OUT; j++) {
    // the reference samples at cell centres, truncating
    const s = Math.floor(((j + 0.5) * n) / OUT);
    const a = winLo(winLo(s));
    const b = winHi(winHi(s));
    const w = new Float64Array(b - a + 1);
    const cs = winHi(s) - winLo(s) + 1;
    for (let q = winLo(s); q <= winHi(s); q++) {
      const cq = winHi(q) - winLo(q) + 1;
      const f = 1 / cs / cq;
      for (let k = winLo(q); k <= winHi(q); k++) w[k - a]! += f;
    }
    const [st, run] = n === m ? [a, w] : resampleTaps(a, w, n, m);
    start[j] = st;
    length[j] = run.length;
    offset[j] = total;
    total += run.length;
    runs.push(run);
  }
  const weights = new Float64Array(total);
  for (let j = 0; j < OUT; j++) weights.set(runs[j]!, offset[j]!);
  let lo = m;
  let hi = 0;
  for (let j = 0; j < OUT; j++) {
    lo = Math.min(lo, start[j]!);
    hi = Math.max(hi, start[j]! + length[j]!);
  }
  const kernel: AxisKernel = { start, length, offset, weights, lo, hi };
  kernelCache.set(key, kernel);
  return kernel;
}

/** Spreads weights on n-grid taps a.. over the m pixels that picture the same stretch of the image. */
function resampleTaps(a: number, w: Float64Array, n: number, m: number): [number, Float64Array] {
  const scale = m / n;
  const acc = new Map<number, number>();
  const add = (i: number, v: number) => acc.set(i, (acc.get(i) ?? 0) + v);
  for (let t = 0; t < w.length; t++) {
    const k = a + t;
    const wk = w[t]!;
    if (m > n) {
      // n-grid pixel k covers [k·scale, (k+1)·scale) of the m pixels
      const x0 = k * scale;
      const x1 = (k + 1) * scale;
      for (let i = Math.floor(x0); i < Math.min(m, Math.ceil(x1)); i++) {
        const overlap = Math.min(x1, i + 1) - Math.max(x0, i);
        if (overlap > 0) add(i, (wk * overlap) / scale);
      }
    } else {
      const p = Math.min(m - 1, Math.max(0, (k + 0.5) * scale - 0.5));
      const i = Math.floor(p);
      const f = p - i;
      add(i, wk * (1 - f));
      if (f > 0) add(i + 1, wk * f);
    }
  }
  const keys = [...acc.keys()];
  const lo = Math.min(...keys);
  const hi = Math.max(...keys);
  const run = new Float64Array(hi - lo + 1);
  for (const [i, v] of acc) run[i - lo] = v;
  return [lo, run];
}

// DCT-II rows 1..16 of a 64-point transform, scaled by sqrt(2/64): D[i][k] = cos(pi/128 · (i+1) · (2k+1)).
const DCT = (() => {
  const d = new Float64Array(DCT_N * OUT);
  const scale = Math.sqrt(2 / OUT);
  for (let i = 0; i < DCT_N; i++)
    for (let k = 0; k < OUT; k++) d[i * OUT + k] = scale * Math.cos((Math.PI / 2 / OUT) * (i + 1) * (2 * k + 1));
  return d;
})();

// Reused between calls: hashing is synchronous, so one set of buffers serves every caller.
let rowBuf = new Float64Array(0);
let colBuf = new Float64Array(0); // height × 64: each row already folded along x
const img64 = new Float64Array(OUT * OUT);
const dctTmp = new Float64Array(DCT_N * OUT);
const mirSum = new Float64Array((OUT / 2) * OUT);
const mirDiff = new Float64Array((OUT / 2) * OUT);
const dct16 = new Float64Array(DCT_N * DCT_N);
const sorted = new Float64Array(DCT_N * DCT_N);

function checkSize(width: number, height: number, have: number, perPixel: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new MediaError("malformed", `The frame to hash has an invalid size (${width} × ${height}).`);
  if (have < width * height * perPixel)
    throw new MediaError(
      "malformed",
      `The frame to hash is shorter than ${width} × ${height} ${what} (${have} values for ${width * height * perPixel}).`,
    );
}

export interface PdqOptions {
  /**
   * The size of the picture before it was scaled down for hashing (e.g. a video's own frame size when ffmpeg
   * delivers smaller frames): the hash comes out as the reference's for the picture at that size. Default: the
   * pixels' own size.
   */
  sourceWidth?: number;
  sourceHeight?: number;
  /**
   * The reference photo hashers shrink a picture whose longest side is above 512 before hashing; the hash here
   * follows them (default 512). vPDQ hashes video frames at their full size: pass Infinity.
   */
  maxSide?: number;
}

/** The size the reference hashes a picture of this size at: shrunk, keeping its shape, to fit maxSide. */
export function referenceHashSize(width: number, height: number, maxSide = PDQ_PHOTO_MAX_SIDE): [number, number] {
  const s = maxSide / Math.max(width, height);
  if (!(s < 1)) return [width, height];
  return [Math.max(1, Math.round(width * s)), Math.max(1, Math.round(height * s))];
}

function kernels(width: number, height: number, opts: PdqOptions): [AxisKernel, AxisKernel] | null {
  const sw = opts.sourceWidth ?? width;
  const sh = opts.sourceHeight ?? height;
  if (!(sw >= 1 && sh >= 1))
    throw new MediaError("malformed", `The source size of the frame to hash is invalid (${sw} × ${sh}).`);
  const [n, m] = referenceHashSize(Math.round(sw), Math.round(sh), opts.maxSide);
  if (n < MIN_HASHABLE_SIDE || m < MIN_HASHABLE_SIDE) return null;
  return [axisKernel(n, width), axisKernel(m, height)];
}

/** PDQ of an rgb24 frame (3 bytes a pixel, rows top to bottom, no padding). */
export function pdqFromRgb(rgb: Uint8Array, width: number, height: number, opts: PdqOptions = {}): PdqResult {
  checkSize(width, height, rgb.length, 3, "rgb pixels");
  const k = kernels(width, height, opts);
  if (!k) return { pdq: ZERO_HASH, quality: 0 };
  const [kx, ky] = k;
  if (colBuf.length < height * OUT) colBuf = new Float64Array(height * OUT);
  const cols = colBuf;
  const { start, length, offset, weights } = kx;
  // Luma is computed inside the taps: each pixel is read by about one output, so no row buffer is needed.
  for (let y = ky.lo; y < ky.hi; y++) {
    const base = y * width * 3;
    const o = y * OUT;
    for (let j = 0; j < OUT; j++) {
      let w = offset[j]!;
      let p = base + start[j]! * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let e = w + length[j]!; w < e; w++, p += 3) {
        const wk = weights[w]!;
        r += wk * rgb[p]!;
        g += wk * rgb[p + 1]!;
        b += wk * rgb[p + 2]!;
      }
      cols[o + j] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }
  foldColumns(ky);
  return finish();
}

/** PDQ of a luminance image (0–255 floats, rows top to bottom). */
export function pdqFromLuma(luma: Float32Array, width: number, height: number, opts: PdqOptions = {}): PdqResult {
  checkSize(width, height, luma.length, 1, "luma values");
  const k = kernels(width, height, opts);
  if (!k) return { pdq: ZERO_HASH, quality: 0 };
  const [kx, ky] = k;
  if (rowBuf.length < width) rowBuf = new Float64Array(width);
  const row = rowBuf;
  foldRows(ky, kx, height, (y) => {
    const base = y * width;
    for (let x = kx.lo; x < kx.hi; x++) row[x] = luma[base + x]!;
    return row;
  });
  return finish();
}

/** Folds each needed image row into 64 values along x, then the rows into 64 along y, into img64. */
function foldRows(ky: AxisKernel, kx: AxisKernel, height: number, lumaRow: (y: number) => Float64Array): void {
  if (colBuf.length < height * OUT) colBuf = new Float64Array(height * OUT);
  const cols = colBuf;
  const { start, length, offset, weights } = kx;
  for (let y = ky.lo; y < ky.hi; y++) {
    const row = lumaRow(y);
    const o = y * OUT;
    for (let j = 0; j < OUT; j++) {
      const s = start[j]!;
      const n = length[j]!;
      let w = offset[j]!;
      let acc = 0;
      for (let k = s, e = s + n; k < e; k++) acc += weights[w++]! * row[k]!;
      cols[o + j] = acc;
    }
  }
  foldColumns(ky);
}

/** Folds the x-folded rows in colBuf into the 64 × 64 image along y. */
function foldColumns(ky: AxisKernel): void {
  const cols = colBuf;
  img64.fill(0);
  for (let i = 0; i < OUT; i++) {
    const s = ky.start[i]!;
    const n = ky.length[i]!;
    const w = ky.offset[i]!;
    const o = i * OUT;
    for (let k = 0; k < n; k++) {
      const wk = ky.weights[w + k]!;
      const src = (s + k) * OUT;
      for (let j = 0; j < OUT; j++) img64[o + j]! += wk * cols[src + j]!;
    }
  }
}

function finish(): PdqResult {
  const quality = qualityOf(img64);
  // T = D · A (16 × 64), then B = T · Dᵀ (16 × 16). Row i of D is symmetric about its middle when i + 1 is
  // even and antisymmetric when odd, so T needs only the sums / differences of mirrored rows of A: half the work.
  for (let k = 0; k < OUT / 2; k++) {
    const a = k * OUT;
    const b = (OUT - 1 - k) * OUT;
    for (let j = 0; j < OUT; j++) {
      const u = img64[a + j]!;
      const v = img64[b + j]!;
      mirSum[a + j] = u + v;
      mirDiff[a + j] = u - v;
    }
  }
  dctTmp.fill(0);
  for (let i = 0; i < DCT_N; i++) {
    const t = i * OUT;
    const src = i & 1 ? mirSum : mirDiff;
    for (let k = 0; k < OUT / 2; k++) {
      const d = DCT[i * OUT + k]!;
      const a = k * OUT;
      for (let j = 0; j < OUT; j++) dctTmp[t + j]! += d * src[a + j]!;
    }
  }
  for (let i = 0; i < DCT_N; i++) {
    for (let j = 0; j < DCT_N; j++) {
      let acc = 0;
      const t = i * OUT;
      const d = j * OUT;
      for (let k = 0; k < OUT; k++) acc += dctTmp[t + k]! * DCT[d + k]!;
      dct16[i * DCT_N + j] = acc;
    }
  }
  // The reference's median (Torben's) is the lower middle value of the 256.
  sorted.set(dct16);
  sorted.sort();
  const median = sorted[127]!;
  // Row i is the reference's 16-bit word i (bit j = column j); the hex lists words 15 down to 0.
  let hex = "";
  for (let i = DCT_N - 1; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < DCT_N; j++) if (dct16[i * DCT_N + j]! > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, "0");
  }
  return { pdq: hex, quality };
}

function qualityOf(a: Float64Array): number {
  let sum = 0;
  // the reference truncates each scaled difference to an integer before summing
  for (let i = 0; i < OUT - 1; i++)
    for (let j = 0; j < OUT; j++) sum += Math.abs(Math.trunc(((a[i * OUT + j]! - a[(i + 1) * OUT + j]!) * 100) / 255));
  for (let i = 0; i < OUT; i++)
    for (let j = 0; j < OUT - 1; j++)
      sum += Math.abs(Math.trunc(((a[i * OUT + j]! - a[i * OUT + j + 1]!) * 100) / 255));
  return Math.min(100, Math.floor(sum / 90));
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** The eight 32-bit words of a 64-hex hash, for comparing one hash against many. */
export function pdqWords(hash: string, into = new Uint32Array(8), at = 0): Uint32Array {
  if (!HEX64.test(hash)) throw new MediaError("malformed", "A PDQ hash must be 64 hex digits.");
  for (let w = 0; w < 8; w++) into[at + w] = parseInt(hash.slice(w * 8, w * 8 + 8), 16);
  return into;
}

export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits between hash words a[ai..ai+8) and b[bi..bi+8). */
export function wordsDistance(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  let d = 0;
  for (let w = 0; w < 8; w++) d += popcount32(a[ai + w]! ^ b[bi + w]!);
  return d;
}

/** Number of differing bits between two 64-hex PDQ hashes (0–256). */
export function hammingDistance(a: string, b: string): number {
  if (!HEX64.test(a) || !HEX64.test(b)) throw new MediaError("malformed", "A PDQ hash must be 64 hex digits.");
  let d = 0;
  for (let i = 0; i < 64; i += 8) d += popcount32(parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16));
  return d;
}
