// Volume for benchmarks and load tests: N posts with proportional accounts, signals and open cases, written with
// multi-row INSERT … SELECT FROM unnest(…) in slices. Every run gets its own id prefix, so running it again adds
// a new generation instead of colliding; each slice is self-contained (its posts, cases and signals only point
// at its own accounts and posts), so slices can be written in parallel and an interrupted run leaves whole rows.
import crypto from "node:crypto";
import type { Database } from "../../server/db/client.ts";
import { join, raw, sql } from "../../server/db/sql.ts";
import { KEYFRAMES_PER_POST } from "./posts.ts";
import { buildSlice, SLICE, type Columns } from "./scale-slice.ts";

export const MAX_SCALE_POSTS = 1_000_000;

export interface ScaleOptions {
  posts: number;
  onProgress?(done: number, total: number): void;
  /** base time for generated timestamps; defaults to now */
  now?: Date;
}

export interface ScaleResult {
  runId: string;
  accounts: number;
  posts: number;
  keyframes: number;
  cases: number;
  signals: number;
  durationMs: number;
}

// Types the driver can bind directly; anything else (enums, uuid, jsonb) travels as text and is cast per row.
const NATIVE = /^(text|int|float8|bool|timestamptz)$/;

async function insertColumns(db: Database, table: string, cols: Columns, types: Record<string, string>): Promise<void> {
  const names = Object.keys(cols);
  const typeOf = (n: string) => types[n] ?? "text";
  const arrays = names.map((n) => sql`${cols[n]}::${raw(NATIVE.test(typeOf(n)) ? typeOf(n) : "text")}[]`);
  const select = names.map((n) => (NATIVE.test(typeOf(n)) ? `v."${n}"` : `v."${n}"::${typeOf(n)}`));
  const list = names.map((n) => `"${n}"`).join(", ");
  await db.sql.query(
    sql`INSERT INTO ${raw(`"${table}" (${list})`)} SELECT ${raw(select.join(", "))} FROM unnest(${join(arrays, ", ")}) AS ${raw(`v(${list})`)}`,
  );
}

const TYPES = {
  Account: { reportsFiled: "int", reportsActioned: "int", createdAt: "timestamptz", updatedAt: "timestamptz" },
  Post: {
    durationMs: "int",
    viewCount: "int",
    remixCount: "int",
    hasC2pa: "bool",
    hasWatermark: "bool",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    hashScannedAt: "timestamptz",
  },
  PostKeyframe: { index: "int", atMs: "int" },
  Case: {
    id: "uuid",
    queue: '"QueueKind"',
    subjectType: '"SubjectType"',
    status: '"CaseStatus"',
    priority: "float8",
    priorityComponents: "jsonb",
    deadlineAt: "timestamptz",
    maxScore: "float8",
    hasCameo: "bool",
    signalCount: "int",
    reporterCount: "int",
    createdAt: "timestamptz",
    updatedAt: "timestamptz",
    lastChangedAt: "timestamptz",
  },
  Signal: {
    id: "uuid",
    kind: '"SignalKind"',
    subjectType: '"SubjectType"',
    caseId: "uuid",
    score: "float8",
    occurredAt: "timestamptz",
    receivedAt: "timestamptz",
  },
} as const;

export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleResult> {
  const { posts } = options;
  if (!Number.isInteger(posts) || posts < 1 || posts > MAX_SCALE_POSTS) {
    throw new RangeError(`posts must be a whole number from 1 to ${MAX_SCALE_POSTS}, got ${posts}`);
  }
  const started = Date.now();
  const nowMs = (options.now ?? new Date()).getTime();
  const runId = `${started.toString(36)}${crypto.randomBytes(2).toString("hex")}`;
  const slices = Math.ceil(posts / SLICE);
  const caseTotal = Array.from({ length: slices }, (_, s) => Math.round(Math.min(SLICE, posts - s * SLICE) / 8)).reduce(
    (a, b) => a + b,
    0,
  );
  const total = posts + caseTotal * (1 + KEYFRAMES_PER_POST) + Math.ceil(posts / 3);
  const result: ScaleResult = { runId, accounts: 0, posts: 0, keyframes: 0, cases: 0, signals: 0, durationMs: 0 };
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };

  const writeSlice = async (s: number) => {
    const slice = buildSlice(runId, s, Math.min(SLICE, posts - s * SLICE), nowMs);
    await insertColumns(db, "Account", slice.accounts, TYPES.Account);
    progress(slice.accounts.id.length);
    await insertColumns(db, "Post", slice.posts, TYPES.Post);
    progress(slice.posts.id.length);
    await insertColumns(db, "PostKeyframe", slice.keyframes, TYPES.PostKeyframe);
    progress(slice.keyframes.postId.length);
    await insertColumns(db, "Case", slice.cases, TYPES.Case);
    await insertColumns(db, "Signal", slice.signals, TYPES.Signal);
    progress(slice.cases.id.length);
    result.accounts += slice.accounts.id.length;
    result.posts += slice.posts.id.length;
    result.keyframes += slice.keyframes.postId.length;
    result.cases += slice.cases.id.length;
    result.signals += slice.signals.id.length;
  };

  // PGlite is one connection; PostgreSQL takes a few slices at once on separate pool connections
  const parallel = db.kind === "postgresql" ? 4 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, slices) }, async () => {
      while (next < slices) await writeSlice(next++);
    }),
  );
  result.durationMs = Date.now() - started;
  return result;
}
