// The in-memory PDQ index on a bank of 1,000,000 random hashes (every 100th a near copy of an earlier one): one
// frame's lookup against comparing the frame with every entry over the same arrays, the bytes it holds per hash,
// and its recall on 10,000 frames planted at every distance 0–31 from a banked hash, against an exhaustive
// comparison run in worker threads over the bank as generated. No database.
import { Worker } from "node:worker_threads";
import { PDQ_INDEX_MAX_DISTANCE, PdqIndex } from "../../server/domain/hashbank/pdq-index.ts";
import { p95Ms, type BenchContext, type Measure } from "./support.ts";
import { prng } from "../support/hashes.ts";

const BANK = Number(process.env.BENCH_HASH_BANK ?? 1_000_000);
const RECALL_QUERIES = Number(process.env.BENCH_HASH_RECALL_QUERIES ?? 10_000);
const WORKERS = 2;
const MAX_DISTANCE = PDQ_INDEX_MAX_DISTANCE;

type Rand = ReturnType<typeof prng>;

/** Writes the hash at `from[fi]` with exactly `bits` distinct bits flipped to `to[ti]`. */
function plant(from: Uint32Array, fi: number, to: Uint32Array, ti: number, bits: number, rand: Rand): void {
  for (let w = 0; w < 8; w++) to[ti + w] = from[fi + w]!;
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(rand() & 255);
  for (const p of flipped) to[ti + (p >>> 5)]! ^= 1 << (p & 31);
}

function hexAt(words: Uint32Array, at: number): string {
  let hex = "";
  for (let w = 0; w < 8; w++) hex += words[at + w]!.toString(16).padStart(8, "0");
  return hex;
}

interface Bank {
  index: PdqIndex;
  /** The banked hashes' words as generated (ref i at 8 i), shared with the workers. */
  words: Uint32Array;
  rand: Rand;
}

let bank: Bank | undefined;

function banked(ctx: BenchContext): Bank {
  if (bank) return bank;
  const rand = prng(20260601);
  const words = new Uint32Array(new SharedArrayBuffer(BANK * 32));
  for (let i = 0; i < BANK; i++) {
    if (i > 0 && i % 100 === 0) plant(words, (rand() % i) * 8, words, i * 8, rand() % 41, rand);
    else for (let w = 0; w < 8; w++) words[i * 8 + w] = rand();
  }
  const index = new PdqIndex();
  const hexes = Array.from({ length: BANK }, (_, i) => hexAt(words, i * 8));
  let t = performance.now();
  for (let i = 0; i < BANK; i++) index.add(hexes[i]!, i, 50 + (i % 51));
  const addMs = performance.now() - t;
  t = performance.now();
  index.flush();
  ctx.log(
    `bench: hash index: ${BANK} adds in ${Math.round(addMs)} ms, then ${Math.round(performance.now() - t)} ms to index the rest`,
  );
  bank = { index, words, rand };
  return bank;
}

type Found = [ref: number, distance: number][];

const key = (found: Found) =>
  found
    .sort((a, b) => a[0] - b[0])
    .map(([r, d]) => `${r}:${d}`)
    .join(",");

/** An exhaustive comparison of the queries [from, to) with every banked hash: (query, ref, distance) triples. */
const BRUTE_FORCE_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { bank, queries, n, from, to, maxDistance } = workerData;
const h = new Uint32Array(bank);
const q = new Uint32Array(queries);
function pop(v) {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
const out = [];
for (let j = from; j < to; j++) {
  const o = j * 8;
  const q0 = q[o], q1 = q[o + 1], q2 = q[o + 2], q3 = q[o + 3], q4 = q[o + 4], q5 = q[o + 5], q6 = q[o + 6], q7 = q[o + 7];
  for (let s = 0, p = 0; s < n; s++, p += 8) {
    let d = pop(h[p] ^ q0) + pop(h[p + 1] ^ q1) + pop(h[p + 2] ^ q2) + pop(h[p + 3] ^ q3);
    if (d > maxDistance) continue;
    d += pop(h[p + 4] ^ q4) + pop(h[p + 5] ^ q5) + pop(h[p + 6] ^ q6) + pop(h[p + 7] ^ q7);
    if (d <= maxDistance) out.push(j, s, d);
  }
}
parentPort.postMessage(Int32Array.from(out));
`;

function bruteForceInWorkers(words: Uint32Array, queries: Uint32Array, count: number): Promise<Int32Array[]> {
  const per = Math.ceil(count / WORKERS);
  return Promise.all(
    Array.from({ length: WORKERS }, (_, k) => {
      const workerData = {
        bank: words.buffer,
        queries: queries.buffer,
        n: BANK,
        from: k * per,
        to: Math.min(count, (k + 1) * per),
        maxDistance: MAX_DISTANCE,
      };
      return new Promise<Int32Array>((resolve, reject) => {
        const worker = new Worker(BRUTE_FORCE_WORKER, { eval: true, workerData });
        worker.once("message", (m: Int32Array) => resolve(m));
        worker.once("error", reject);
        worker.once("exit", (code) => {
          if (code !== 0) reject(new Error(`brute-force worker exited with ${code}`));
        });
      });
    }),
  );
}

export const measures: Measure[] = [
  {
    name: "hash_match_p95_ms",
    async run(ctx) {
      const { index, words, rand } = banked(ctx);
      const RUNS = 1_000;
      const queries = new Uint32Array(RUNS * 8);
      for (let i = 0; i < RUNS; i++) plant(words, (rand() % BANK) * 8, queries, i * 8, rand() % 32, rand);
      const query = (i: number) => queries.subarray(i * 8, i * 8 + 8);
      const viaIndex = new Map<number, string>();
      const viaBruteForce = new Map<number, string>();
      // Each side runs its queries back to back, as a matcher does: alternating them would have every lookup start
      // from caches the 32 MB scan of the baseline had just emptied.
      // The index is timed warm, as on a server that has been answering: its first few hundred lookups after the
      // load share the processor with the collector sweeping the million strings the load parsed. A brute-force
      // query is long enough to be warm after a few.
      const value = await p95Ms(
        async (i) => {
          const found: Found = [];
          index.query(query(i), MAX_DISTANCE, (ref, d) => found.push([ref, d]));
          viaIndex.set(i, key(found));
        },
        RUNS,
        RUNS / 2,
      );
      const baseline = await p95Ms(async (i) => {
        const found: Found = [];
        index.bruteForce(query(i), MAX_DISTANCE, (ref, d) => found.push([ref, d]));
        viaBruteForce.set(i, key(found));
      });
      for (const [i, found] of viaBruteForce)
        if (viaIndex.get(i) !== found)
          throw new Error(`hash_match_p95_ms: query ${i} finds ${viaIndex.get(i)}, not ${found}`);
      return { value, baseline };
    },
  },
  {
    name: "hash_index_bytes_per_hash",
    async run(ctx) {
      const { index } = banked(ctx);
      ctx.log(`bench: hash index: ${index.memoryBytes()} bytes for ${index.size} hashes`);
      return { value: index.memoryBytes() / index.size };
    },
  },
  {
    name: "hash_index_recall",
    async run(ctx) {
      const { index, words, rand } = banked(ctx);
      const queries = new Uint32Array(new SharedArrayBuffer(RECALL_QUERIES * 32));
      for (let j = 0; j < RECALL_QUERIES; j++) plant(words, (rand() % BANK) * 8, queries, j * 8, j % 32, rand);
      const found = new Set<string>();
      let reports = 0;
      let t = performance.now();
      for (let j = 0; j < RECALL_QUERIES; j++)
        index.query(queries.subarray(j * 8, j * 8 + 8), MAX_DISTANCE, (ref, d) => {
          reports++;
          found.add(`${j} ${ref} ${d}`);
        });
      const indexMs = performance.now() - t;
      t = performance.now();
      const parts = await bruteForceInWorkers(words, queries, RECALL_QUERIES);
      const bruteMs = performance.now() - t;
      let expected = 0;
      let returned = 0;
      const truth = new Set<string>();
      for (const part of parts)
        for (let i = 0; i < part.length; i += 3) {
          const k = `${part[i]} ${part[i + 1]} ${part[i + 2]}`;
          truth.add(k);
          expected++;
          if (found.has(k)) returned++;
        }
      const falseMatches = [...found].filter((k) => !truth.has(k)).length;
      ctx.log(
        `bench: hash_index_recall: ${RECALL_QUERIES} queries, ${expected} matches by brute force (${WORKERS} workers, ` +
          `${Math.round(bruteMs / 1000)} s), ${returned} of them by the index (${Math.round(indexMs)} ms), ${falseMatches} false matches`,
      );
      if (reports !== found.size)
        throw new Error(`hash_index_recall: the index reports ${reports - found.size} matches more than once`);
      if (falseMatches > 0) throw new Error(`hash_index_recall: the index reports ${falseMatches} false matches`);
      return { value: expected ? returned / expected : 1 };
    },
  },
];
