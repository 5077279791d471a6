// ffmpeg as the media pipeline uses it: one bounded process per step (wall clock, address space, stderr kept to a
// tail), a probe that reads only the header, and one decode that yields the sampled frames, a poster, a thumbnail
// strip and the loudness over time together.

import { spawn } from "node:child_process";
import { accessSync, constants as fsConstants } from "node:fs";
import { mkdir, open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { MediaError, type MediaLimits, type ProbeInfo } from "./types.ts";

const require = createRequire(import.meta.url);

const STDERR_TAIL_BYTES = 64 * 1024;
const PRLIMIT = "/usr/bin/prlimit";
const POSTER_MAX_SIDE = 720;
const STRIP_TILES = 10;
const STRIP_TILE_HEIGHT = 90;
// A tile wider than 4:1 would make a strip of extreme videos wider than JPEG allows.
const STRIP_TILE_MAX_WIDTH = 360;

// Only demuxers for the media Vigil accepts: playlists (hls, concat) and text demuxers could open other files.
const FORMAT_WHITELIST = [
  "mov,mp4,m4a,3gp,3g2,mj2",
  "matroska,webm",
  "avi",
  "flv",
  "mpegts",
  "mpeg",
  "ogg",
  "image2",
  "png_pipe",
  "jpeg_pipe",
  "webp_pipe",
  "bmp_pipe",
  "tiff_pipe",
  "gif",
].join(",");
const IMAGE_DEMUXERS = new Set(["image2", "png_pipe", "jpeg_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe"]);

/** The ffmpeg binary: `VIGIL_FFMPEG_PATH` when set, else the one inside `@ffmpeg-installer/ffmpeg`. */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.VIGIL_FFMPEG_PATH?.trim();
  if (configured) return configured;
  return (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

let prlimitPresent: boolean | undefined;
/** Whether the address-space cap can be applied; without prlimit ffmpeg runs with only the wall-clock limit. */
export function canCapMemory(): boolean {
  if (prlimitPresent === undefined) {
    try {
      accessSync(PRLIMIT, fsConstants.X_OK);
      prlimitPresent = true;
    } catch {
      prlimitPresent = false;
    }
  }
  return prlimitPresent;
}

export interface RunFfmpegOptions {
  limits: MediaLimits;
  ffmpeg?: string;
  onStdout?: (chunk: Buffer) => void | Promise<void>;
  /** every complete stderr line as it arrives (the kept tail is only the last 64 KB) */
  onStderrLine?: (line: string) => void;
}

interface RawResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function binaryMissing(): MediaError {
  return new MediaError(
    "processing_failed",
    "ffmpeg could not be started: the configured binary (VIGIL_FFMPEG_PATH or @ffmpeg-installer/ffmpeg) is missing or not executable",
  );
}

// Runs ffmpeg to the end and reports how it ended; refuses only for a missing binary, a timeout or a failing
// stdout consumer.
function spawnFfmpeg(args: string[], opts: RunFfmpegOptions): Promise<RawResult> {
  const binary = opts.ffmpeg ?? ffmpegPath();
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    return Promise.reject(binaryMissing());
  }
  const capped = canCapMemory();
  const command = capped ? PRLIMIT : binary;
  const argv = capped ? [`--as=${Math.floor(opts.limits.ffmpegMemoryBytes)}`, binary, ...args] : args;

  return new Promise<RawResult>((resolve, reject) => {
    // prlimit execs ffmpeg in place, so the pid is ffmpeg's and SIGKILL reaches it.
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let failure: unknown = null;
    let timedOut = false;
    let stderrChunks: Buffer[] = [];
    let stderrBytes = 0;
    let partialLine = "";

    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.limits.ffmpegTimeoutMs);

    child.on("error", (err: NodeJS.ErrnoException) => {
      failure ??= err.code === "ENOENT" || err.code === "EACCES" ? binaryMissing() : err;
    });

    child.stderr.on("data", (chunk: Buffer) => {
      stderrChunks.push(chunk);
      stderrBytes += chunk.length;
      while (stderrBytes - (stderrChunks[0]?.length ?? 0) >= STDERR_TAIL_BYTES && stderrChunks.length > 1) {
        stderrBytes -= stderrChunks.shift()!.length;
      }
      if (opts.onStderrLine) {
        const text = partialLine + chunk.toString("latin1");
        const lines = text.split(/\r?\n|\r/);
        partialLine = lines.pop() ?? "";
        for (const line of lines) opts.onStderrLine(line);
      }
    });

    // Backpressure: the next chunk is read only after the consumer's promise settles; ffmpeg blocks on the full
    // pipe meanwhile. The loop ends only once every byte ffmpeg wrote has been handed over.
    const stdoutDone = (async () => {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        if (!opts.onStdout || failure) continue;
        try {
          await opts.onStdout(chunk);
        } catch (err) {
          failure ??= err;
          kill();
        }
      }
    })().catch((err: unknown) => {
      failure ??= err;
    });
    const stderrDone = new Promise<void>((done) => child.stderr.once("close", () => done()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.once("close", (code, signal) => done({ code, signal }));
      // A binary that cannot be started may report only "error".
      child.once("error", () => done({ code: null, signal: null }));
    });

    void Promise.all([exited, stdoutDone, stderrDone]).then(([{ code, signal }]) => {
      clearTimeout(timer);
      if (opts.onStderrLine && partialLine) opts.onStderrLine(partialLine);
      const tail = Buffer.concat(stderrChunks);
      stderrChunks = [];
      const stderr = tail.subarray(Math.max(0, tail.length - STDERR_TAIL_BYTES)).toString("latin1");
      if (timedOut) {
        reject(
          new MediaError(
            "timeout",
            `ffmpeg took longer than ${Math.round(opts.limits.ffmpegTimeoutMs / 1000)} s and was stopped`,
          ),
        );
      } else if (failure) {
        reject(failure);
      } else {
        resolve({ code, signal, stderr });
      }
    });
  });
}

const MALFORMED_SIGNS = [
  /Invalid data found when processing input/i,
  /moov atom not found/i,
  /error reading header/i,
  /Truncat/i,
  /End of file/i,
  /invalid (?:frame|block|box|atom|chunk)/i,
  /could not find codec parameters/i,
  /Format .* detected only with low score/i,
];

function failureFromStderr(result: RawResult): MediaError {
  const stderr = result.stderr;
  if (/Cannot allocate memory|out of memory|std::bad_alloc/i.test(stderr) || result.signal === "SIGSEGV") {
    return new MediaError("processing_failed", "ffmpeg ran out of the memory one file is allowed");
  }
  if (/Format not on whitelist|Unknown input format/i.test(stderr)) {
    return new MediaError("unsupported_type", "the file is not a video or image format Vigil accepts");
  }
  if (MALFORMED_SIGNS.some((sign) => sign.test(stderr))) {
    return new MediaError("malformed", "ffmpeg cannot read the file: it is damaged, truncated or not a media file");
  }
  if (result.signal) return new MediaError("processing_failed", `ffmpeg was stopped by ${result.signal}`);
  return new MediaError("processing_failed", `ffmpeg failed (exit code ${result.code}): ${lastWords(stderr)}`);
}

// The last meaningful stderr line, without anything that looks like a path or an address.
function lastWords(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("frame=") && !line.startsWith("Press [q]"));
  const line = lines.at(-1) ?? "no message";
  return line
    .replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, "")
    .replace(/(?:file:)?(?:[A-Za-z]:)?[^\s'"]*[/\\][^\s'"]*/g, "<file>")
    .slice(0, 200);
}

/**
 * Runs ffmpeg with a wall-clock limit (SIGKILL, then MediaError "timeout") and an address-space cap (prlimit, when
 * /usr/bin/prlimit exists). stdout goes to `onStdout`, paused while its promise is pending. Resolves with the last
 * ~64 KB of stderr; a non-zero exit becomes a MediaError.
 */
export async function runFfmpeg(args: string[], opts: RunFfmpegOptions): Promise<{ stderr: string }> {
  const result = await spawnFfmpeg(args, opts);
  if (result.code !== 0) throw failureFromStderr(result);
  return { stderr: result.stderr };
}

// ffmpeg reads %, * and ? in image file names as sequence patterns; an input is always named literally.
function inputArgs(file: string): string[] {
  const absolute = path.resolve(file);
  if (/[%*?[\]{}]/.test(absolute)) {
    throw new MediaError("processing_failed", "the stored file's name has characters ffmpeg would read as a pattern");
  }
  return ["-format_whitelist", FORMAT_WHITELIST, "-protocol_whitelist", "file", "-i", `file:${absolute}`];
}

const BASE_ARGS = ["-hide_banner", "-nostdin", "-nostats"];

interface StreamLine {
  kind: string;
  body: string;
  extra: string[];
}

/** Probe result with what analyseVideo also needs: the display rotation in degrees (0, 90, 180, 270). */
export interface FfmpegProbeInfo extends ProbeInfo {
  rotation: number;
}

// ffmpeg prints the header at fixed indentation: "Input #0" at 0, "Duration:" at 2, "Stream #0:n" at 4, and the
// file's own metadata as "key : value" lines; only lines at those exact places are believed, so tags written
// into a hostile file cannot pose as streams or durations.
function headerSections(stderr: string): { format: string; durationLine: string; streamLines: string[] } | null {
  const header = /^Input #0, (.+?), from '/m.exec(stderr);
  if (!header) return null;
  const lines = stderr.slice(header.index).split(/\r?\n/).slice(1);
  const durationAt = lines.findIndex((line) => /^ {2}Duration: /.test(line));
  return {
    format: header[1]!,
    durationLine: durationAt >= 0 ? lines[durationAt]! : "",
    streamLines: durationAt >= 0 ? lines.slice(durationAt + 1) : lines,
  };
}

function parseDuration(durationLine: string): number | null {
  const m = /^ {2}Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(durationLine);
  if (!m) return null;
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

function parseStreams(streamLines: string[]): StreamLine[] {
  const streams: StreamLine[] = [];
  for (const line of streamLines) {
    const m = /^ {4}Stream #0:\d+\S*: (\w+): (.*)$/.exec(line);
    if (m) streams.push({ kind: m[1]!, body: m[2]!, extra: [] });
    else if (/^\S/.test(line)) break;
    else if (streams.length > 0) streams.at(-1)!.extra.push(line);
  }
  return streams;
}

function parseVideo(stream: StreamLine): {
  codec: string;
  width: number | null;
  height: number | null;
  fps: number | null;
  rotation: number;
} {
  const codec = /^([\w-]+)/.exec(stream.body)?.[1] ?? "unknown";
  // "320x240" but not a fourcc like "0x31637661".
  const size = /(?:^|[\s,])(\d{1,6})x(\d{1,6})(?=[\s,[]|$)/.exec(stream.body);
  const fpsMatch = /([\d.]+) fps/.exec(stream.body);
  const extra = stream.extra.join("\n");
  let rotation = 0;
  const rotate = /^\s*rotate\s*:\s*(-?\d+)/m.exec(extra);
  const matrix = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(extra);
  if (rotate) rotation = Number(rotate[1]);
  else if (matrix) rotation = -Number(matrix[1]);
  rotation = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
  return {
    codec,
    width: size ? Number(size[1]) : null,
    height: size ? Number(size[2]) : null,
    fps: fpsMatch ? Number(fpsMatch[1]) : null,
    rotation,
  };
}

// GIF headers carry neither a frame count nor a duration: count the packets without decoding them.
async function gifFrames(
  file: string,
  opts: { limits: MediaLimits; ffmpeg?: string },
): Promise<{ frames: number; durationMs: number | null }> {
  const result = await spawnFfmpeg(
    [
      ...BASE_ARGS.filter((a) => a !== "-nostats"),
      ...inputArgs(file),
      "-map",
      "0:v:0",
      "-c",
      "copy",
      "-f",
      "null",
      "-",
    ],
    opts,
  );
  if (result.code !== 0) throw failureFromStderr(result);
  const progress = [...result.stderr.matchAll(/frame=\s*(\d+).*?time=\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)].at(-1);
  if (!progress) return { frames: 1, durationMs: null };
  const seconds = Number(progress[2]) * 3600 + Number(progress[3]) * 60 + Number(progress[4]);
  return { frames: Number(progress[1]), durationMs: Math.round(seconds * 1000) };
}

/**
 * Reads a file's header with `ffmpeg -i` (nothing is decoded) and refuses what the pipeline must not process:
 * `empty`, `malformed`, `unsupported_type` (no video or image stream), `too_many_pixels`, `too_long`.
 */
export async function probeMedia(
  file: string,
  opts: { limits: MediaLimits; ffmpeg?: string },
): Promise<FfmpegProbeInfo> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new MediaError("processing_failed", "the file to probe does not exist");
  }
  if (size === 0) throw new MediaError("empty", "the file is empty (0 bytes)");

  // ffmpeg decodes a picture while probing; an image header is checked here first so no huge frame is allocated.
  const claimed = await imageHeaderSize(file);
  if (claimed) refuseSize(claimed.width, claimed.height, opts.limits);

  const result = await spawnFfmpeg([...BASE_ARGS, ...inputArgs(file)], opts);
  const stderr = result.stderr;
  const invalidSize = /Picture size (\d+)x(\d+) is invalid/.exec(stderr);
  if (invalidSize) refuseSize(Number(invalidSize[1]), Number(invalidSize[2]), { ...opts.limits, maxPixels: 0 });
  const header = headerSections(stderr);
  if (!header) {
    const failure = failureFromStderr(result);
    // Whatever ffmpeg could not open at all is, for a probe, a file it cannot read.
    if (failure.code === "processing_failed" && result.signal === null && !/memory/.test(failure.message)) {
      throw new MediaError("malformed", "ffmpeg cannot read the file: it is damaged, truncated or not a media file");
    }
    throw failure;
  }
  const format = header.format;
  const streams = parseStreams(header.streamLines);
  const videoStream = streams.find((s) => s.kind === "Video" && !/\(attached pic\)/.test(s.body));
  const audioStream = streams.find((s) => s.kind === "Audio");
  if (!videoStream) {
    throw new MediaError("unsupported_type", "the file has no video or image stream");
  }
  const video = parseVideo(videoStream);
  if (!video.width || !video.height) {
    throw new MediaError("malformed", "the video stream's dimensions cannot be read");
  }
  refuseSize(video.width, video.height, opts.limits);

  let durationMs = parseDuration(header.durationLine);
  let isImage = IMAGE_DEMUXERS.has(format);
  if (format === "gif") {
    const counted = await gifFrames(file, opts);
    isImage = counted.frames <= 1;
    durationMs = isImage ? null : counted.durationMs;
  }
  if (isImage) durationMs = null;
  if (durationMs !== null && durationMs > opts.limits.maxDurationMs) {
    throw new MediaError(
      "too_long",
      `the video is ${formatDuration(durationMs)} long, more than the ${formatDuration(opts.limits.maxDurationMs)} allowed`,
    );
  }
  return {
    format,
    isImage,
    durationMs,
    width: video.width,
    height: video.height,
    videoCodec: video.codec,
    audioCodec: audioStream ? (/^([\w-]+)/.exec(audioStream.body)?.[1] ?? "unknown") : null,
    fps: isImage ? null : video.fps,
    rotation: video.rotation,
  };
}

function refuseSize(width: number, height: number, limits: MediaLimits): void {
  if (width * height > limits.maxPixels) {
    throw new MediaError(
      "too_many_pixels",
      `the picture claims ${width} × ${height} pixels, more than the ${limits.maxPixels} allowed`,
    );
  }
}

// Width and height from a PNG, GIF or JPEG header, read from the first 64 KB; null for anything else.
async function imageHeaderSize(file: string): Promise<{ width: number; height: number } | null> {
  const handle = await open(file, "r");
  let head: Buffer;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47 && head.toString("latin1", 12, 16) === "IHDR") {
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  if (head.length >= 10 && /^GIF8[79]a$/.test(head.toString("latin1", 0, 6))) {
    return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) {
    // Walk the JPEG markers to the first start-of-frame.
    let at = 2;
    while (at + 9 <= head.length && head[at] === 0xff) {
      const marker = head[at + 1]!;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      const length = head.readUInt16BE(at + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { width: head.readUInt16BE(at + 7), height: head.readUInt16BE(at + 5) };
      at += 2 + length;
    }
  }
  return null;
}

function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export interface Frame {
  rgb: Uint8Array;
  width: number;
  height: number;
  atMs: number;
}

// The picture as displayed (after ffmpeg's automatic rotation).
function displaySize(probe: ProbeInfo): { width: number; height: number } {
  const rotation = (probe as Partial<FfmpegProbeInfo>).rotation ?? 0;
  const w = probe.width ?? 0;
  const h = probe.height ?? 0;
  if (!w || !h) throw new MediaError("malformed", "the video stream's dimensions are unknown");
  return rotation === 90 || rotation === 270 ? { width: h, height: w } : { width: w, height: h };
}

function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(2, Math.round(width * scale)), height: Math.max(2, Math.round(height * scale)) };
}

// Cuts the rawvideo byte stream into frames, one at a time, awaiting the consumer for each.
function frameAssembler(
  width: number,
  height: number,
  fps: number,
  onFrame: (frame: Frame) => void | Promise<void>,
): { onStdout: (chunk: Buffer) => Promise<void>; count: () => number } {
  const frameBytes = width * height * 3;
  let current = new Uint8Array(frameBytes);
  let filled = 0;
  let index = 0;
  return {
    count: () => index,
    onStdout: async (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        current.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          const frame = { rgb: current, width, height, atMs: Math.round((index * 1000) / fps) };
          index += 1;
          current = new Uint8Array(frameBytes);
          filled = 0;
          await onFrame(frame);
        }
      }
    },
  };
}

function checkFps(fps: number): number {
  if (!Number.isFinite(fps) || fps <= 0 || fps > 60) {
    throw new MediaError("processing_failed", "the frame sampling rate must be between 0 and 60 per second");
  }
  return fps;
}

export interface AnalyseOptions {
  limits: MediaLimits;
  /** frames sampled per second, default 1 */
  fps?: number;
  /** longest side of a sampled frame, default 512 */
  maxSide?: number;
  outDir: string;
  onFrame: (frame: Frame) => void | Promise<void>;
  ffmpeg?: string;
}

export interface AnalyseResult {
  frames: number;
  posterFile: string;
  stripFile: string;
  strip: { tiles: number; tileWidth: number; tileHeight: number; atMs: number[] };
  loudness: { atMs: number; lufs: number }[];
}

/**
 * One decode of the file: sampled frames (rgb24, longest side ≤ maxSide) to `onFrame` in order, a poster JPEG
 * (the frame at ~1 s, or the first), a thumbnail strip JPEG (up to 10 tiles 90 px high spread over the duration)
 * and the audio's loudness per second (EBU R128 momentary loudness, energy-averaged over each second).
 */
export async function analyseVideo(file: string, probe: ProbeInfo, opts: AnalyseOptions): Promise<AnalyseResult> {
  const fps = checkFps(opts.fps ?? 1);
  const display = displaySize(probe);
  const frame = fitWithin(display.width, display.height, opts.maxSide ?? 512);
  const poster = fitWithin(display.width, display.height, POSTER_MAX_SIDE);
  const tileHeight = STRIP_TILE_HEIGHT;
  const tileWidth = Math.min(
    STRIP_TILE_MAX_WIDTH,
    Math.max(2, 2 * Math.round((tileHeight * display.width) / display.height / 2)),
  );
  const durationS = probe.isImage ? 0 : (probe.durationMs ?? 0) / 1000;
  let tiles = 1;
  if (!probe.isImage) {
    const estimatedFrames = probe.fps && durationS > 0 ? Math.floor(durationS * probe.fps) : STRIP_TILES;
    tiles = Math.max(1, Math.min(STRIP_TILES, estimatedFrames));
  }
  // Without a known duration, one tile a second.
  const step = durationS > 0 ? durationS / tiles : 1;
  const hasAudio = !probe.isImage && probe.audioCodec !== null;

  await mkdir(opts.outDir, { recursive: true });
  const posterFile = path.join(opts.outDir, "poster.jpg");
  const stripFile = path.join(opts.outDir, "strip.jpg");

  const graph = [
    `[0:v:0]split=3[v0][v1][v2]`,
    `[v0]fps=${fps}:round=up,scale=${frame.width}:${frame.height}:flags=area,setsar=1,format=rgb24[frames]`,
    // The first frame and the first at or after 1 s; the poster file keeps the last one written.
    `[v1]select='isnan(prev_selected_t)+gte(t\\,1)*lt(prev_selected_t\\,1)',scale=${poster.width}:${poster.height},setsar=1,format=yuvj420p[poster]`,
    `[v2]select='gte(t-start_t+0.0005\\,selected_n*${step.toFixed(6)})',scale=${tileWidth}:${tileHeight},setsar=1,showinfo,tile=${tiles}x1,format=yuvj420p[strip]`,
  ];
  if (hasAudio) graph.push(`[0:a:0]ebur128=peak=none[loud]`);

  const args = [
    ...BASE_ARGS,
    "-y",
    ...inputArgs(file),
    "-filter_complex",
    graph.join(";"),
    "-map",
    "[frames]",
    "-f",
    "rawvideo",
    "pipe:1",
    "-map",
    "[poster]",
    "-f",
    "image2",
    "-update",
    "1",
    "-q:v",
    "3",
    `file:${path.resolve(posterFile)}`,
    "-map",
    "[strip]",
    "-f",
    "image2",
    "-update",
    "1",
    "-frames:v",
    "1",
    "-q:v",
    "4",
    `file:${path.resolve(stripFile)}`,
  ];
  if (hasAudio) args.push("-map", "[loud]", "-f", "null", "-");

  const tileTimes: number[] = [];
  const loudness = new Loudness();
  const assembler = frameAssembler(frame.width, frame.height, fps, opts.onFrame);
  await runFfmpeg(args, {
    limits: opts.limits,
    ffmpeg: opts.ffmpeg,
    onStdout: assembler.onStdout,
    onStderrLine: (line) => {
      const shown = /^\[Parsed_showinfo_\d+ @ [^\]]+\] n:\s*\d+ pts:\s*\S+\s+pts_time:(\S+)/.exec(line);
      if (shown) {
        const t = Number(shown[1]);
        if (Number.isFinite(t) && tileTimes.length < tiles) tileTimes.push(t);
        return;
      }
      const r128 = /^\[Parsed_ebur128_\d+ @ [^\]]+\] t:\s*(\S+)\s+TARGET:\S+ LUFS\s+M:\s*(\S+)/.exec(line);
      if (r128) loudness.add(Number(r128[1]), Number(r128[2]));
    },
  });
  if (assembler.count() === 0) {
    throw new MediaError("malformed", "ffmpeg decoded no picture from the file");
  }
  const first = tileTimes[0] ?? 0;
  return {
    frames: assembler.count(),
    posterFile,
    stripFile,
    strip: {
      tiles,
      tileWidth,
      tileHeight,
      atMs: tileTimes.map((t) => Math.max(0, Math.round((t - first) * 1000))),
    },
    loudness: loudness.series(),
  };
}

// ebur128 logs momentary loudness (400 ms window) every 100 ms; each second's value is their energy mean.
const SILENCE_LUFS = -120;
class Loudness {
  private readonly windows = new Map<number, { energy: number; n: number; seen: number }>();
  add(t: number, momentary: number): void {
    if (!Number.isFinite(t) || Number.isNaN(momentary)) return;
    const second = Math.max(0, Math.ceil(t - 1e-3) - 1);
    const w = this.windows.get(second) ?? { energy: 0, n: 0, seen: 0 };
    w.seen += 1;
    // -120.7 is ebur128's word for "no signal yet"; it would drag the mean of a partly filled window down.
    if (momentary > SILENCE_LUFS) {
      w.energy += 10 ** (momentary / 10);
      w.n += 1;
    }
    this.windows.set(second, w);
  }
  series(): { atMs: number; lufs: number }[] {
    return [...this.windows.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([second, w]) => ({
        atMs: second * 1000,
        lufs: w.n > 0 ? Math.round(10 * Math.log10(w.energy / w.n) * 10) / 10 : SILENCE_LUFS,
      }));
  }
}

/**
 * The same frame sampling as analyseVideo and nothing else (no poster, strip or loudness): the baseline the
 * single-run analysis is measured against. Probes the file first unless given its probe.
 */
export async function decodeFramesOnly(
  file: string,
  opts: {
    fps?: number;
    maxSide?: number;
    limits: MediaLimits;
    ffmpeg?: string;
    onFrame: (frame: Frame) => void | Promise<void>;
    probe?: ProbeInfo;
  },
): Promise<number> {
  const fps = checkFps(opts.fps ?? 1);
  const probe = opts.probe ?? (await probeMedia(file, { limits: opts.limits, ffmpeg: opts.ffmpeg }));
  const display = displaySize(probe);
  const frame = fitWithin(display.width, display.height, opts.maxSide ?? 512);
  const assembler = frameAssembler(frame.width, frame.height, fps, opts.onFrame);
  await runFfmpeg(
    [
      ...BASE_ARGS,
      ...inputArgs(file),
      "-map",
      "0:v:0",
      "-vf",
      `fps=${fps}:round=up,scale=${frame.width}:${frame.height}:flags=area,setsar=1,format=rgb24`,
      "-f",
      "rawvideo",
      "pipe:1",
    ],
    { limits: opts.limits, ffmpeg: opts.ffmpeg, onStdout: assembler.onStdout },
  );
  if (assembler.count() === 0) {
    throw new MediaError("malformed", "ffmpeg decoded no picture from the file");
  }
  return assembler.count();
}
