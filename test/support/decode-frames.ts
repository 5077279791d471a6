// Test helper: decodes an image or video with the bundled ffmpeg into raw rgb24 frames, optionally sampled at a
// frame rate and scaled so the longest side is at most `maxSide`. The pipeline's own decoder lives elsewhere;
// this only feeds the hashing tests and the bench.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  return process.env.VIGIL_FFMPEG_PATH ?? (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

export interface DecodedFrames {
  width: number;
  height: number;
  /** the input's own frame size, before any scaling */
  sourceWidth: number;
  sourceHeight: number;
  frames: Uint8Array[];
  /** each frame's presentation time in seconds, as ffmpeg's showinfo reports it */
  seconds: number[];
}

export interface DecodeOptions {
  /**
   * sample with ffmpeg's fps filter; note that this ffmpeg's fps filter labels output n with time n but fills
   * it with the last input frame before n + 0.5 s (input frame 30n + 14 at 30 fps)
   */
  fps?: number;
  /** keep the first frame, then the first frame at least this many seconds after the last one kept (vPDQ's sampling) */
  everySeconds?: number;
  /** scale down (never up) so that the longest side is at most this */
  maxSide?: number;
  /** called with each frame as it arrives (the buffer is reused afterwards); frames are then not kept */
  onFrame?: (rgb: Uint8Array, index: number) => void;
  /** `file` is a lavfi source description (e.g. "color=c=black:s=320x240:d=3") rather than a file */
  lavfi?: boolean;
  /** swscale algorithm for the scaling, e.g. "area", "bicubic" */
  scaleFlags?: string;
}

export function decodeFrames(file: string, opts: DecodeOptions = {}): Promise<DecodedFrames> {
  const filters: string[] = [];
  if (opts.fps) filters.push(`fps=${opts.fps}`);
  if (opts.everySeconds)
    filters.push(`select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${opts.everySeconds - 0.0005})'`);
  if (opts.maxSide) {
    const f = `min(1,${opts.maxSide}/max(iw,ih))`;
    filters.push(
      `scale=w='max(1,round(iw*${f}))':h='max(1,round(ih*${f}))'${opts.scaleFlags ? `:flags=${opts.scaleFlags}` : ""}`,
    );
  }
  filters.push("showinfo");
  const args = [
    "-hide_banner",
    "-nostdin",
    ...(opts.lavfi ? ["-f", "lavfi"] : []),
    "-i",
    file,
    "-vf",
    filters.join(","),
    "-vsync",
    "vfr",
    "-f",
    "rawvideo",
  ];
  args.push("-pix_fmt", "rgb24", "-");
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    let size: [number, number] | null = null;
    let pending: Buffer = Buffer.alloc(0);
    let index = 0;
    child.stdout.on("data", (b: Buffer) => {
      if (!opts.onFrame) return void out.push(b);
      // the output size is on stderr before the first frame is written
      size ??= outputSize(err);
      if (!size) return void out.push(b);
      const bytes = size[0] * size[1] * 3;
      pending = Buffer.concat([pending, ...out.splice(0), b]);
      let o = 0;
      for (; o + bytes <= pending.length; o += bytes) opts.onFrame(pending.subarray(o, o + bytes), index++);
      pending = pending.subarray(o);
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`));
      const size = outputSize(err);
      if (!size) return reject(new Error("ffmpeg did not report the output size"));
      const input = /Input #0[\s\S]*?Stream #0[^\n]*?Video: [^\n]*?, (\d+)x(\d+)/.exec(err);
      if (!input) return reject(new Error("ffmpeg did not report the input size"));
      const [width, height] = size;
      const all = Buffer.concat([pending, ...out]);
      const frameBytes = width * height * 3;
      const frames: Uint8Array[] = [];
      for (let o = 0; o + frameBytes <= all.length; o += frameBytes) {
        const frame = new Uint8Array(all.buffer, all.byteOffset + o, frameBytes);
        if (opts.onFrame) opts.onFrame(frame, index++);
        else frames.push(frame);
      }
      const seconds = [...err.matchAll(/\[Parsed_showinfo[^\]]*\][^\n]*? pts_time:\s*([-\d.]+)/g)].map((m) =>
        Number(m[1]),
      );
      resolve({ width, height, sourceWidth: Number(input[1]), sourceHeight: Number(input[2]), frames, seconds });
    });
  });
}

function outputSize(stderr: string): [number, number] | null {
  const m = /Output #0[\s\S]*?Video: rawvideo[^\n]*?, (\d+)x(\d+)/.exec(stderr);
  return m ? [Number(m[1]), Number(m[2])] : null;
}
