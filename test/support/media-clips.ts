// Small real media files for tests, made with the bundled ffmpeg and cached in the system's temporary folder.
// A file's name is a hash of the exact ffmpeg arguments (and of the input file's bytes, for copies), so a changed
// recipe makes a new file and tests running in other processes share the ones already made.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  aac,
  BITEXACT,
  ffmpegPath,
  filterValue,
  h264,
  MP4_OUT,
  probeClip,
  runFfmpeg,
  sha256File,
  writeAtomically,
} from "../../prisma/seed/media-clips.ts";

const FIXTURE_VERSION = 1;
const DEFAULT_WIDTH = 180;
const DEFAULT_HEIGHT = 320;
const DEFAULT_FPS = 24;

const made = new Map<string, Promise<string>>();

function cacheDir(ffmpeg: string): string {
  const hash = crypto.createHash("sha256").update(`${FIXTURE_VERSION}\0${ffmpeg}`).digest("hex").slice(0, 16);
  const dir = path.join(os.tmpdir(), `vigil-test-clips-${hash}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Makes `prefix-<hash>.<ext>` from ffmpeg arguments (the output goes last), once per content. `key` decides the
 * name; it is the arguments themselves unless a recipe reads an input file.
 */
function cached(prefix: string, ext: string, args: string[], key: unknown = args): Promise<string> {
  const ffmpeg = ffmpegPath();
  const hash = crypto
    .createHash("sha256")
    .update(JSON.stringify([FIXTURE_VERSION, key]))
    .digest("hex")
    .slice(0, 20);
  const file = path.join(cacheDir(ffmpeg), `${prefix}-${hash}.${ext}`);
  let pending = made.get(file);
  if (!pending) {
    pending = (async () => {
      if (!fs.existsSync(file)) {
        await writeAtomically(file, async (tmp) => {
          await runFfmpeg(ffmpeg, [...args, "-y", tmp], `the test file ${prefix}`);
        });
      }
      return file;
    })();
    // A failed build is not remembered, so the next call tries again.
    pending.catch(() => made.delete(file));
    made.set(file, pending);
  }
  return pending;
}

function soundInput(audio: "sine" | "noise" | "none" | "silence", seconds: number): string[] {
  if (audio === "none") return [];
  const src =
    audio === "sine"
      ? "sine=f=440:r=44100"
      : audio === "noise"
        ? "anoisesrc=r=44100:c=pink:a=0.1:seed=5"
        : "anullsrc=r=44100:cl=mono";
  return ["-f", "lavfi", "-t", String(seconds), "-i", src];
}

function videoOut(seconds: number, fps: number, withAudio: boolean): string[] {
  return [
    "-t",
    String(seconds),
    "-r",
    String(fps),
    ...h264(23),
    ...(withAudio ? aac("64k") : ["-an"]),
    ...BITEXACT,
    ...MP4_OUT,
  ];
}

export interface MakeClipOptions {
  /** a lavfi video source or graph, e.g. "testsrc2", "mandelbrot=maxiter=100", "life=seed=3" */
  source: string;
  seconds: number;
  /** the picture is scaled to this size; 180×320 unless told */
  width?: number;
  height?: number;
  /** "sine" unless told */
  audio?: "sine" | "noise" | "none";
  /** 24 unless told */
  fps?: number;
}

/** An H.264/AAC MP4 of `seconds` from a lavfi source, scaled to the size asked for. */
export function makeClip(opts: MakeClipOptions): Promise<string> {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const fps = opts.fps ?? DEFAULT_FPS;
  const audio = opts.audio ?? "sine";
  return cached("clip", "mp4", [
    "-f",
    "lavfi",
    "-i",
    opts.source,
    ...soundInput(audio, opts.seconds),
    "-vf",
    `scale=${width}:${height},setsar=1,fps=${fps},format=yuv420p`,
    ...videoOut(opts.seconds, fps, audio !== "none"),
  ]);
}

/** A clip that is one colour throughout (e.g. "black"), with a silent sound track. */
export function makeSolidClip(color: string, seconds: number): Promise<string> {
  return cached("solid", "mp4", [
    "-f",
    "lavfi",
    "-i",
    `color=c=${filterValue(color)}:s=${DEFAULT_WIDTH}x${DEFAULT_HEIGHT}:r=${DEFAULT_FPS}`,
    ...soundInput("silence", seconds),
    "-vf",
    "format=yuv420p",
    ...videoOut(seconds, DEFAULT_FPS, true),
  ]);
}

export interface ReencodeOptions {
  /** 80 % of the original's size unless told */
  width?: number;
  height?: number;
  /** 30 unless told */
  crf?: number;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The same picture and sound, rescaled and encoded again: other bytes, other SHA-256, same content. */
export async function makeReencodedCopy(file: string, opts: ReencodeOptions = {}): Promise<string> {
  const ffmpeg = ffmpegPath();
  const probe = await probeClip(ffmpeg, file);
  const width = opts.width ?? even(probe.width * 0.8);
  const height = opts.height ?? even(probe.height * 0.8);
  const build = (input: string) => [
    "-i",
    input,
    "-vf",
    `scale=${width}:${height}:flags=bicubic,setsar=1,format=yuv420p`,
    ...h264(opts.crf ?? 30),
    ...(probe.hasAudio ? aac("48k") : ["-an"]),
    ...BITEXACT,
    ...MP4_OUT,
  ];
  return cachedFrom(file, "reencoded", build);
}

export interface SharedFrameOptions {
  /** seconds of unrelated content after the shared second; 3 unless told */
  seconds?: number;
  /** where in `banked` the shared second starts; 0 unless told */
  fromSecond?: number;
}

/**
 * A clip whose first second is taken from `banked` (so one frame sampled at 1 fps matches it) and whose remaining
 * seconds are unrelated: a bold ring pattern whose centre and spacing change every second.
 */
export async function makeSharedFrameClip(banked: string, opts: SharedFrameOptions = {}): Promise<string> {
  const ffmpeg = ffmpegPath();
  const probe = await probeClip(ffmpeg, banked);
  const { width, height } = probe;
  const seconds = opts.seconds ?? 3;
  const from = opts.fromSecond ?? 0;
  const fps = DEFAULT_FPS;
  const k = "floor(T)";
  const lum =
    `128+120*sin(hypot(X-W*(0.15+0.7*mod(${k}*0.37+0.1,1)),Y-H*(0.15+0.7*mod(${k}*0.61+0.3,1)))` +
    `/(4+3*mod(${k},3)))`;
  const other =
    `color=c=black:s=${even(width / 4)}x${even(height / 4)}:r=${fps}:d=${seconds},format=yuv444p,` +
    `geq=lum='${lum}':cb=128:cr=128,scale=${width}:${height},setsar=1,format=yuv420p`;
  const graph =
    `[0:v]trim=start=${from}:duration=1,setpts=PTS-STARTPTS,fps=${fps},scale=${width}:${height},setsar=1,` +
    `format=yuv420p[shared];[1:v]null[other];[shared][other]concat=n=2:v=1:a=0[v]`;
  const total = seconds + 1;
  const build = (input: string) => [
    "-i",
    input,
    "-f",
    "lavfi",
    "-i",
    other,
    ...soundInput("sine", total),
    "-filter_complex",
    graph,
    "-map",
    "[v]",
    "-map",
    "2:a",
    ...videoOut(total, fps, true),
  ];
  return cachedFrom(banked, "shared-frame", build);
}

/** `cached`, for recipes that read an input file: the name follows the input's bytes, not its path. */
function cachedFrom(input: string, prefix: string, build: (input: string) => string[]): Promise<string> {
  return cached(prefix, "mp4", build(input), [build("<input>"), sha256File(input)]);
}

export interface MakeStillOptions {
  /** a lavfi video source, e.g. "testsrc2" or "color=c=red" */
  source: string;
  width: number;
  height: number;
  format: "png" | "jpg";
}

/** One picture (the source's first frame) as a PNG or JPEG. */
export function makeStill(opts: MakeStillOptions): Promise<string> {
  const codec = opts.format === "png" ? ["-c:v", "png"] : ["-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p"];
  return cached(`still`, opts.format, [
    "-f",
    "lavfi",
    "-i",
    opts.source,
    "-frames:v",
    "1",
    "-vf",
    `scale=${opts.width}:${opts.height},setsar=1`,
    ...codec,
    ...BITEXACT,
    "-f",
    "image2",
    "-update",
    "1",
  ]);
}
