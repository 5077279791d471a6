// The media CLIs as an operator runs them: `media:match` against the reference vPDQ match table, `media:inspect`
// printing one JSON object (PDQ against the reference, Content Credentials, SHA-256), and a bad file answered with
// one plain line on stderr and a non-zero exit. The CLIs are spawned as real processes for what only a process
// shows (output, exit status); the twelve match pairs are checked in-process on the same inspection the CLI
// makes, since spawning the CLI for each pair would hash every frame of two videos twelve times.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMediaFile } from "../../scripts/media-cli.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "../../server/domain/hashbank/perceptual.ts";
import { DEFAULT_MAX_DISTANCE } from "../../server/domain/hashbank/scan.ts";
import { hammingDistance } from "../../server/media/pdq.ts";
import { matchPercentages } from "../../server/media/vpdq.ts";
import {
  MEDIA_REFERENCE,
  REFERENCE_VIDEOS,
  REPO_ROOT,
  expectedMatches,
  referencePhotos,
} from "../support/media-reference.ts";

const repoRoot = REPO_ROOT;
const refDir = MEDIA_REFERENCE;
const VIDEOS = REFERENCE_VIDEOS;
const video = (name: string) => path.join(refDir, "vpdq", `${name}.mp4`);
// sampling differs a little from the reference's (see the reference README), so percentages are held to this
const PCT_TOLERANCE = 10;
const SLOW = 180_000;

const expected = expectedMatches();

/** file → reference PDQ hash */
const referencePdq = new Map(referencePhotos().map((r) => [r.file, r.pdq] as const));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a media CLI the way `npm run -s media:…` does (tsx as a loader), from the repository root. */
function runScript(script: "media-match" | "media-inspect", args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
      cwd: repoRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function findExpected(query: string, comparison: string) {
  const row = expected.find((e) => e.query === query && e.comparison === comparison);
  if (!row) throw new Error(`no reference row for ${query} against ${comparison}`);
  return row;
}

function expectNearReference(
  got: { queryPct: number; comparisonPct: number; match: boolean },
  query: string,
  comparison: string,
) {
  const want = findExpected(query, comparison);
  const what = `${query} against ${comparison}`;
  expect(got.match, what).toBe(want.match);
  expect(Math.abs(got.queryPct - want.queryPct), `${what}: queryPct ${got.queryPct}`).toBeLessThanOrEqual(
    PCT_TOLERANCE,
  );
  expect(
    Math.abs(got.comparisonPct - want.comparisonPct),
    `${what}: comparisonPct ${got.comparisonPct}`,
  ).toBeLessThanOrEqual(PCT_TOLERANCE);
}

describe("media:match", () => {
  it(
    "agrees with the reference table on all twelve ordered pairs (the CLI's inspection and defaults)",
    { timeout: SLOW },
    async () => {
      expect(expected).toHaveLength(12);
      const inspected = new Map<string, Awaited<ReturnType<typeof inspectMediaFile>>>();
      // the CLI's default: every frame
      for (const name of VIDEOS) inspected.set(name, await inspectMediaFile(video(name), "all"));
      for (const row of expected) {
        const { queryPct, comparisonPct } = matchPercentages(
          inspected.get(row.query)!.vpdq,
          inspected.get(row.comparison)!.vpdq,
          { maxDistance: DEFAULT_MAX_DISTANCE, minQuality: DEFAULT_MIN_QUALITY },
        );
        expectNearReference(
          { queryPct, comparisonPct, match: comparisonPct >= DEFAULT_MATCH_PCT },
          row.query,
          row.comparison,
        );
      }
    },
  );

  it.each([
    ["chair-19-sd-bar", "chair-20-sd-bar"],
    ["pattern-sd-grey-bar", "chair-19-sd-bar"],
  ])("prints { queryPct, comparisonPct, match } for %s against %s", { timeout: SLOW }, async (query, comparison) => {
    const r = await runScript("media-match", [video(query), video(comparison)]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["comparisonPct", "match", "queryPct"]);
    expect(typeof out.queryPct).toBe("number");
    expect(typeof out.comparisonPct).toBe("number");
    expect(typeof out.match).toBe("boolean");
    expectNearReference(out as { queryPct: number; comparisonPct: number; match: boolean }, query, comparison);
  });
});

const INSPECT_KEYS = ["sha256", "mimeType", "durationMs", "width", "height", "frames", "vpdq", "c2pa"];

async function inspectJson(file: string): Promise<Record<string, unknown>> {
  const r = await runScript("media-inspect", [file]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  const out = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(Object.keys(out).sort()).toEqual([...INSPECT_KEYS].sort());
  for (const list of [out.frames, out.vpdq] as { atMs: number; pdq: string; quality: number }[][]) {
    expect(Array.isArray(list)).toBe(true);
    for (const f of list) {
      expect(Object.keys(f).sort()).toEqual(["atMs", "pdq", "quality"]);
      expect(f.pdq).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isInteger(f.atMs)).toBe(true);
      expect(Number.isInteger(f.quality)).toBe(true);
    }
  }
  expect(typeof (out.c2pa as { state?: unknown }).state).toBe("string");
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  expect(out.sha256).toBe(sha256);
  return out;
}

describe("media:inspect", () => {
  it("hashes a reference photo within 10 bits of the reference PDQ", { timeout: SLOW }, async () => {
    const out = await inspectJson(path.join(refDir, "pdq", "aaa-orig.jpg"));
    expect(out.mimeType).toBe("image/jpeg");
    const frames = out.frames as { pdq: string; quality: number }[];
    expect(frames).toHaveLength(1);
    expect(hammingDistance(frames[0]!.pdq, referencePdq.get("aaa-orig.jpg")!)).toBeLessThanOrEqual(10);
  });

  it("reports a JPEG's valid Content Credentials", { timeout: SLOW }, async () => {
    const out = await inspectJson(path.join(repoRoot, "test/fixtures/media/c2pa/C.jpg"));
    const c2pa = out.c2pa as Record<string, unknown>;
    expect(c2pa.state).toBe("valid");
    expect(c2pa.generator).toEqual(expect.stringContaining("make_test_images"));
    expect(c2pa.signer).toEqual(expect.any(String));
    expect(String(c2pa.signer).length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(String(c2pa.signedAt)))).toBe(false);
  });
});

describe("a bad file", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-media-cli-"));
    fs.writeFileSync(path.join(dir, "empty.mp4"), "");
    fs.writeFileSync(
      path.join(dir, "page.mp4"),
      "<!doctype html>\n<html><head><title>x</title></head><body>hi</body></html>\n",
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const machinePaths = () => [dir, fs.realpathSync(dir), os.tmpdir(), repoRoot, refDir, os.homedir()];

  it.each([
    ["a zero-byte file", "empty.mp4", "media-inspect"],
    ["an HTML page named .mp4", "page.mp4", "media-inspect"],
    ["a missing path", "missing.mp4", "media-inspect"],
    ["an HTML page named .mp4, matched", "page.mp4", "media-match"],
  ] as const)("%s exits non-zero with one plain line on stderr", { timeout: SLOW }, async (_what, name, script) => {
    const file = path.join(dir, name);
    // the bad file first: the CLI stops at it before hashing the other
    const args = script === "media-match" ? [file, video("chair-19-sd-bar")] : [file];
    const r = await runScript(script, args);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.endsWith("\n")).toBe(true);
    const lines = r.stderr.slice(0, -1).split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]!.trim().length).toBeGreaterThan(0);
    expect(r.stderr).not.toContain("    at ");
    for (const p of machinePaths()) expect(r.stderr).not.toContain(p);
    // no absolute path of any kind (two or more segments from the root)
    expect(r.stderr).not.toMatch(/(?:^|[\s'"(=:])\/[^\s/]+\//);
  });
});
