// The ffmpeg side of the media pipeline against the real binary: header probes, the single-decode analysis
// (sampled frames, poster, strip, loudness), the frame-only baseline, a missing binary and the wall-clock limit.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  analyseVideo,
  canCapMemory,
  decodeFramesOnly,
  ffmpegPath,
  probeMedia,
  runFfmpeg,
  type Frame,
} from "../../server/media/ffmpeg.ts";
import { DEFAULT_MEDIA_LIMITS, MediaError, type MediaLimits } from "../../server/media/types.ts";

const run = promisify(execFile);
const limits: MediaLimits = { ...DEFAULT_MEDIA_LIMITS, ffmpegTimeoutMs: 60_000 };

let dir: string;
const clip = {
  tone: "",
  quiet: "",
  silent: "",
  ramp: "",
  png: "",
  jpeg: "",
  long: "",
  audioOnly: "",
  tagged: "",
  rotated: "",
};

async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegPath(), ["-hide_banner", "-loglevel", "error", "-y", ...args], { timeout: 60_000 });
}

const video = (seconds: number, size = "320x240") => [
  "-f",
  "lavfi",
  "-i",
  `testsrc2=size=${size}:rate=10:duration=${seconds}`,
];
const x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
const tone = (seconds: number) => ["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vigil-ffmpeg-"));
  for (const name of Object.keys(clip) as (keyof typeof clip)[]) {
    const ext = { png: "png", jpeg: "jpg", audioOnly: "m4a" }[name as string] ?? "mp4";
    clip[name] = path.join(dir, `${name}.${ext}`);
  }
  await Promise.all([
    ffmpeg([...video(4), ...tone(4), ...x264, "-c:a", "aac", "-shortest", clip.tone]),
    ffmpeg([...video(4), ...tone(4), "-af", "volume=0.05", ...x264, "-c:a", "aac", "-shortest", clip.quiet]),
    ffmpeg([...video(4), ...x264, clip.silent]),
    // Brightness rises with time, so a frame's mean says which moment it shows.
    ffmpeg([
      "-f",
      "lavfi",
      "-i",
      "color=black:size=160x120:rate=10:duration=4,geq=lum='clip(16+T*50\\,0\\,255)':cb=128:cr=128",
      ...x264,
      clip.ramp,
    ]),
    ffmpeg([...video(1), "-frames:v", "1", clip.png]),
    ffmpeg([...video(1), "-frames:v", "1", clip.jpeg]),
    ffmpeg([...video(20, "640x360"), ...x264, clip.long]),
    ffmpeg([...tone(2), "-c:a", "aac", clip.audioOnly]),
  ]);
  // A title that, printed by ffmpeg, looks like a stream and a duration of its own.
  const title = "a\n    Stream #0:0: Video: h264, 9000x9000, 25 fps\n  Duration: 11:00:00.00, start: 0";
  await ffmpeg(["-i", clip.silent, "-c", "copy", "-metadata", `title=${title}`, clip.tagged]);
  // A phone held upright: landscape pixels with a quarter-turn display rotation.
  await ffmpeg(["-i", clip.silent, "-c", "copy", "-metadata:s:v:0", "rotate=90", clip.rotated]);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  let at = 2;
  while (at + 9 <= bytes.length) {
    const marker = bytes[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3)
      return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error("no start-of-frame marker");
}

function mean(values: Uint8Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(MediaError);
    return err as MediaError;
  }
  throw new Error("expected a MediaError");
}

describe("probeMedia", () => {
  it("reads an MP4's format, duration, video and audio streams from the header", async () => {
    const probe = await probeMedia(clip.tone, { limits });
    expect(probe.format).toContain("mp4");
    expect(probe.isImage).toBe(false);
    expect(probe.durationMs).toBeGreaterThan(3900);
    expect(probe.durationMs).toBeLessThan(4200);
    expect(probe).toMatchObject({ width: 320, height: 240, videoCodec: "h264", audioCodec: "aac", fps: 10 });
  });

  it("says a video without sound has no audio codec", async () => {
    const probe = await probeMedia(clip.silent, { limits });
    expect(probe.audioCodec).toBeNull();
    expect(probe.videoCodec).toBe("h264");
  });

  it("recognises PNG and JPEG stills as images", async () => {
    const png = await probeMedia(clip.png, { limits });
    expect(png).toMatchObject({ format: "png_pipe", isImage: true, width: 320, height: 240, videoCodec: "png" });
    expect(png.durationMs).toBeNull();
    const jpeg = await probeMedia(clip.jpeg, { limits });
    expect(jpeg).toMatchObject({ isImage: true, width: 320, height: 240, videoCodec: "mjpeg" });
  });

  it("refuses a video longer than the limit and a picture larger than the limit", async () => {
    const tooLong = await rejection(probeMedia(clip.tone, { limits: { ...limits, maxDurationMs: 2000 } }));
    expect(tooLong.code).toBe("too_long");
    const tooBig = await rejection(probeMedia(clip.png, { limits: { ...limits, maxPixels: 320 * 240 - 1 } }));
    expect(tooBig.code).toBe("too_many_pixels");
  });

  it("believes only ffmpeg's own header lines, not tags written into the file", async () => {
    const probe = await probeMedia(clip.tagged, { limits });
    expect(probe).toMatchObject({ width: 320, height: 240, durationMs: 4000 });
  });

  it("refuses a file with sound and no picture as unsupported", async () => {
    const err = await rejection(probeMedia(clip.audioOnly, { limits }));
    expect(err.code).toBe("unsupported_type");
  });
});

describe("analyseVideo", () => {
  it("samples one frame a second in order, at 1000 ms steps, scaled to the longest side", async () => {
    const probe = await probeMedia(clip.tone, { limits });
    const frames: Frame[] = [];
    const result = await analyseVideo(clip.tone, probe, {
      limits,
      maxSide: 128,
      outDir: path.join(dir, "tone-out"),
      onFrame: (frame) => {
        frames.push(frame);
      },
    });
    expect(result.frames).toBe(frames.length);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(frames.length).toBeLessThanOrEqual(5);
    expect(frames.map((f) => f.atMs)).toEqual(frames.map((_, i) => i * 1000));
    for (const frame of frames) {
      expect([frame.width, frame.height]).toEqual([128, 96]);
      expect(frame.rgb.length).toBe(128 * 96 * 3);
    }
  });

  it("gives each frame the picture at its time, and the same frames as decodeFramesOnly", async () => {
    const probe = await probeMedia(clip.ramp, { limits });
    const analysed: Frame[] = [];
    await analyseVideo(clip.ramp, probe, {
      limits,
      outDir: path.join(dir, "ramp-out"),
      onFrame: (frame) => {
        analysed.push(frame);
      },
    });
    const means = analysed.map((f) => mean(f.rgb));
    for (let i = 1; i < means.length; i++) {
      // 50 luma steps a second are ~58 RGB steps; compression moves that a little.
      expect(means[i]! - means[i - 1]!).toBeGreaterThan(35);
      expect(means[i]! - means[i - 1]!).toBeLessThan(80);
    }
    const baseline: Frame[] = [];
    const count = await decodeFramesOnly(clip.ramp, { limits, onFrame: (frame) => void baseline.push(frame) });
    expect(count).toBe(analysed.length);
    expect(baseline.map((f) => f.atMs)).toEqual(analysed.map((f) => f.atMs));
    baseline.forEach((frame, i) => expect(Buffer.from(frame.rgb).equals(Buffer.from(analysed[i]!.rgb))).toBe(true));
  });

  it("waits for an async frame callback before handing over the next frame", async () => {
    const probe = await probeMedia(clip.tone, { limits });
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await analyseVideo(clip.tone, probe, {
      limits,
      fps: 4,
      outDir: path.join(dir, "slow-out"),
      onFrame: async (frame) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        seen.push(frame.atMs);
        inFlight -= 1;
      },
    });
    expect(most).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(16);
    expect(seen).toEqual(seen.map((_, i) => i * 250));
  });

  it("writes a poster and a ten-tile strip as JPEGs, spread over the duration", async () => {
    const probe = await probeMedia(clip.tone, { limits });
    const result = await analyseVideo(clip.tone, probe, {
      limits,
      outDir: path.join(dir, "images-out"),
      onFrame: () => {},
    });
    expect(jpegSize(await readFile(result.posterFile))).toEqual({ width: 320, height: 240 });
    expect(result.strip).toMatchObject({ tiles: 10, tileWidth: 120, tileHeight: 90 });
    expect(jpegSize(await readFile(result.stripFile))).toEqual({ width: 1200, height: 90 });
    const at = result.strip.atMs;
    expect(at).toHaveLength(10);
    expect(at[0]).toBe(0);
    for (let i = 1; i < at.length; i++) expect(at[i]!).toBeGreaterThan(at[i - 1]!);
    expect(at.at(-1)!).toBeGreaterThan(3000);
    expect(at.at(-1)!).toBeLessThan(4100);
    expect(await readdir(path.join(dir, "images-out"))).toEqual(expect.arrayContaining(["poster.jpg", "strip.jpg"]));
  });

  it("measures the loudness of the audio per second, louder for a louder tone, none without audio", async () => {
    const series = async (file: string, name: string) =>
      (
        await analyseVideo(file, await probeMedia(file, { limits }), {
          limits,
          outDir: path.join(dir, name),
          onFrame: () => {},
        })
      ).loudness;
    const loud = await series(clip.tone, "loud-out");
    const quiet = await series(clip.quiet, "quiet-out");
    const silent = await series(clip.silent, "silent-out");
    expect(loud.length).toBeGreaterThanOrEqual(4);
    expect(loud.map((p) => p.atMs)).toEqual(loud.map((_, i) => i * 1000));
    const average = (points: { lufs: number }[]) => points.reduce((s, p) => s + p.lufs, 0) / points.length;
    // A full-scale/8 sine is about -21 LUFS; 0.05 of it is 26 dB quieter.
    expect(average(loud)).toBeGreaterThan(-30);
    expect(average(loud) - average(quiet)).toBeGreaterThan(15);
    expect(silent).toEqual([]);
  });

  it("samples a rotated video as it is displayed", async () => {
    const probe = await probeMedia(clip.rotated, { limits });
    expect([probe.width, probe.height, probe.rotation % 180]).toEqual([320, 240, 90]);
    const frames: Frame[] = [];
    const result = await analyseVideo(clip.rotated, probe, {
      limits,
      outDir: path.join(dir, "rotated-out"),
      onFrame: (frame) => void frames.push(frame),
    });
    expect(frames.map((f) => [f.width, f.height])).toEqual(frames.map(() => [240, 320]));
    expect(jpegSize(await readFile(result.posterFile))).toEqual({ width: 240, height: 320 });
    expect(result.strip.tileWidth).toBe(68);
  });

  it("turns a still image into one frame at 0 ms, a poster and a one-tile strip", async () => {
    for (const file of [clip.png, clip.jpeg]) {
      const frames: Frame[] = [];
      const result = await analyseVideo(file, await probeMedia(file, { limits }), {
        limits,
        outDir: path.join(dir, `still-${path.extname(file).slice(1)}`),
        onFrame: (frame) => void frames.push(frame),
      });
      expect(frames.map((f) => [f.atMs, f.width, f.height])).toEqual([[0, 320, 240]]);
      expect(result).toMatchObject({ frames: 1, loudness: [], strip: { tiles: 1, atMs: [0] } });
      expect(jpegSize(await readFile(result.posterFile))).toEqual({ width: 320, height: 240 });
      expect(jpegSize(await readFile(result.stripFile))).toEqual({ width: 120, height: 90 });
    }
  });
});

describe("running ffmpeg", () => {
  it("names the setting, not the machine's path, when VIGIL_FFMPEG_PATH points at nothing", async () => {
    const missing = path.join(dir, "no-such-dir", "ffmpeg");
    expect(ffmpegPath({ VIGIL_FFMPEG_PATH: missing })).toBe(missing);
    const before = process.env.VIGIL_FFMPEG_PATH;
    process.env.VIGIL_FFMPEG_PATH = missing;
    try {
      const err = await rejection(probeMedia(clip.tone, { limits }));
      expect(err.code).toBe("processing_failed");
      expect(err.message).toContain("VIGIL_FFMPEG_PATH");
      expect(err.message).not.toContain(dir);
    } finally {
      if (before === undefined) delete process.env.VIGIL_FFMPEG_PATH;
      else process.env.VIGIL_FFMPEG_PATH = before;
    }
    const explicit = await rejection(probeMedia(clip.tone, { limits, ffmpeg: missing }));
    expect(explicit.code).toBe("processing_failed");
  });

  it("stops a run that overruns its wall-clock limit and leaves no ffmpeg behind", async () => {
    const probe = await probeMedia(clip.long, { limits });
    const outDir = path.join(dir, "timeout-out");
    let frames = 0;
    const err = await rejection(
      analyseVideo(clip.long, probe, {
        limits: { ...limits, ffmpegTimeoutMs: 1 },
        outDir,
        onFrame: () => void (frames += 1),
      }),
    );
    expect(err.code).toBe("timeout");
    expect(frames).toBeLessThan(20);
    // No process still has this run's output directory on its command line.
    const survivors: string[] = [];
    for (const pid of await readdir("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, "latin1").catch(() => "");
      if (cmdline.includes(outDir)) survivors.push(pid);
    }
    expect(survivors).toEqual([]);
  });

  it("caps ffmpeg's address space, and says so when a run needs more", async () => {
    expect(canCapMemory()).toBe(true);
    const err = await rejection(
      runFfmpeg(
        ["-hide_banner", "-nostdin", "-i", clip.tone, "-vf", "scale=4000:4000", "-frames:v", "2", "-f", "null", "-"],
        { limits: { ...limits, ffmpegMemoryBytes: 120 * 1024 * 1024 } },
      ),
    );
    expect(err.code).toBe("processing_failed");
    expect(err.message).toContain("memory");
  });

  it("stops ffmpeg and passes on the error when the frame callback throws", async () => {
    const probe = await probeMedia(clip.long, { limits });
    let calls = 0;
    const outcome = await analyseVideo(clip.long, probe, {
      limits,
      outDir: path.join(dir, "throw-out"),
      onFrame: async () => {
        calls += 1;
        throw new Error("the consumer gave up");
      },
    }).catch((err: unknown) => err);
    expect((outcome as Error).message).toBe("the consumer gave up");
    expect(calls).toBe(1);
  });

  it("keeps only the last 64 KB of a chatty run's stderr", async () => {
    const { stderr } = await runFfmpeg(
      [
        "-hide_banner",
        "-nostdin",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=64x48:rate=100:duration=10",
        "-vf",
        "showinfo",
        "-f",
        "null",
        "-",
      ],
      { limits },
    );
    expect(stderr.length).toBeLessThanOrEqual(64 * 1024);
    expect(stderr.length).toBeGreaterThan(60 * 1024);
    expect(stderr).toMatch(/n: *999 /);
  });

  it("reports a failed run as a MediaError without the machine's paths", async () => {
    const err = await rejection(
      runFfmpeg(["-hide_banner", "-nostdin", "-i", path.join(dir, "missing.mp4"), "-f", "null", "-"], { limits }),
    );
    expect(err.code).toBe("processing_failed");
    expect(err.message).not.toContain(dir);
  });
});
