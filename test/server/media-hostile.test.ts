// Acceptance: hostile files end as a MediaError with a clear code, through the same steps the worker takes
// (probe, then the single-decode analysis), never as an unhandled rejection, and without memory growing.

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseVideo, probeMedia } from "../../server/media/ffmpeg.ts";
import { DEFAULT_MEDIA_LIMITS, MediaError, type MediaErrorCode } from "../../server/media/types.ts";
import { type HostileName, writeHostileFiles } from "../support/hostile-media.ts";

const limits = { ...DEFAULT_MEDIA_LIMITS, ffmpegTimeoutMs: 60_000 };

let dir: string;
let files: Record<HostileName, string>;
let rssBefore: number;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-hostile-"));
  files = await writeHostileFiles(dir);
  rssBefore = process.memoryUsage().rss;
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  if (dir) await rm(dir, { recursive: true, force: true });
});

let decoded = 0;
// What the worker does with a file: probe the header, then decode it once.
async function processFile(file: string): Promise<unknown> {
  const probe = await probeMedia(file, { limits });
  return analyseVideo(file, probe, {
    limits,
    outDir: path.join(dir, `out-${path.basename(file)}`),
    onFrame: () => void (decoded += 1),
  });
}

async function refusal(name: HostileName): Promise<MediaError> {
  const outcome = await processFile(files[name]).then(
    () => new Error(`${name} was processed as if it were media`),
    (err: unknown) => err,
  );
  expect(outcome).toBeInstanceOf(MediaError);
  const err = outcome as MediaError;
  // A reason a reviewer can read, without the machine's paths or a stack trace.
  expect(err.message.length).toBeGreaterThan(10);
  expect(err.message).not.toContain(dir);
  expect(err.message).not.toContain(os.tmpdir());
  expect(err.message).not.toMatch(/\n\s+at /);
  expect(err.retryable).toBe(false);
  return err;
}

const expected: [HostileName, MediaErrorCode, string][] = [
  ["zeroBytes", "empty", "a zero-byte file"],
  ["htmlAsMp4", "malformed", "an HTML page named .mp4"],
  ["zipAsMp4", "malformed", "a ZIP archive named .mp4"],
  ["hugeBoxMp4", "malformed", "an MP4 whose mdat box claims 4 GB"],
  ["hugePng", "too_many_pixels", "a PNG header claiming 100,000 × 100,000 pixels"],
  ["tenHourMp4", "too_long", "an MP4 whose header claims ten hours"],
  ["truncatedMp4", "malformed", "an MP4 cut off before its moov box"],
];

describe("hostile media", () => {
  for (const [name, code, what] of expected) {
    it(`refuses ${what} with "${code}"`, async () => {
      const before = decoded;
      const err = await refusal(name);
      expect(err.code).toBe(code);
      // Every one of these is refused from its header: not a single frame was decoded.
      expect(decoded).toBe(before);
    });
  }

  it("refuses the ten-hour header at the probe, naming the claimed length", async () => {
    const err = await probeMedia(files.tenHourMp4, { limits }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe("too_long");
    expect((err as MediaError).message).toContain("10 h");
  });

  it("keeps memory bounded and leaves no unhandled rejection across repeated hostile files", async () => {
    for (let round = 0; round < 3; round++) {
      for (const [name, code] of expected) expect((await refusal(name)).code).toBe(code);
    }
    const growth = process.memoryUsage().rss - rssBefore;
    expect(growth).toBeLessThan(200 * 1024 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});
