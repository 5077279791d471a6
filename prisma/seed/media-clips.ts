// The demo world's video clips, made with the bundled ffmpeg: a small library of distinct vertical clips that the
// demo's posts share, plus the few files that a scenario needs to itself (a removed original and its re-upload, an
// all-black silent clip). Generation is deterministic for one ffmpeg build and is skipped for files already made.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { MediaError } from "../../server/media/types.ts";

/** Bump when any recipe or encoding setting changes: every file is then made again. */
export const DEMO_CLIP_LIBRARY_VERSION = 1;

export type DemoClipKind =
  "shared" | "removed-original" | "reupload" | "silent-black" | "reported-original" | "reported-copy";

export interface DemoClip {
  name: string;
  /** absolute path of the MP4 */
  file: string;
  kind: DemoClipKind;
  durationMs: number;
  width: number;
  height: number;
  /** the caption drawn into the picture; null when none was drawn */
  caption: string | null;
  audio: "sine" | "noise" | "silence";
  /** true for the clip whose sound has a short, very loud stretch */
  loud: boolean;
  sha256: string;
  bytes: number;
}

export interface BuildDemoClipsOptions {
  dir: string;
  ffmpeg?: string;
  /** how many shared clips; 16 unless told */
  count?: number;
  /** one caption per shared clip; prompts[count], when given, captions the removed original */
  prompts: string[];
  /** ffmpeg runs at once; 2 unless told */
  concurrency?: number;
}

const WIDTH = 360;
const HEIGHT = 640;
const FPS = 24;
const REUPLOAD = { width: 288, height: 512, crf: 31, trimSeconds: 0.12, audioBitrate: "64k" };
/** The reported video's copy on another account: rescaled and re-encoded, found by lookup by file. */
const REPORTED_COPY = { width: 270, height: 480, crf: 30, trimSeconds: 0, audioBitrate: "64k" };
const MANIFEST = "manifest.json";

/** The ffmpeg to run: VIGIL_FFMPEG_PATH when set, else the static build inside @ffmpeg-installer. */
export function ffmpegPath(): string {
  const fromEnv = process.env.VIGIL_FFMPEG_PATH;
  if (fromEnv) return fromEnv;
  const require = createRequire(import.meta.url);
  return (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}

const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
  "/usr/local/share/fonts/DejaVuSans.ttf",
  "/System/Library/Fonts/Supplemental/Arial.ttf",
];
let fontCache: string | null | undefined;

/** A font for captions, or null when the machine has none (captions are then left out, not an error). */
export function findCaptionFont(): string | null {
  if (fontCache !== undefined) return fontCache;
  fontCache = FONT_CANDIDATES.find((f) => fs.existsSync(f)) ?? searchFonts("/usr/share/fonts", 3);
  return fontCache;
}

function searchFonts(dir: string, depth: number): string | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const hit = entries.find((e) => e.isFile() && e.name === "DejaVuSans.ttf");
  if (hit) return path.join(dir, hit.name);
  if (depth === 0) return null;
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const found = searchFonts(path.join(dir, e.name), depth - 1);
    if (found) return found;
  }
  return null;
}

/** Escapes a value for a filter option inside a filtergraph (both of ffmpeg's quoting levels). */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** Runs ffmpeg; rejects with a MediaError naming what was being made (never a path) and ffmpeg's last words. */
export function runFfmpeg(ffmpeg: string, args: string[], what: string, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      ["-hide_banner", "-nostdin", ...args],
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (err, _stdout, stderr) => {
        if (!err) return resolve(stderr);
        const last = stderr
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l && !l.includes("/"))
          .slice(-1)[0];
        const e = err as { killed?: boolean; code?: unknown };
        const reason = e.killed
          ? "it took too long"
          : typeof e.code === "string"
            ? "ffmpeg could not be started"
            : (last ?? "ffmpeg failed");
        reject(new MediaError("processing_failed", `Could not make ${what}: ${reason}.`));
      },
    );
  });
}

export interface ClipProbe {
  durationMs: number;
  width: number;
  height: number;
  hasAudio: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
}

/** Reads duration, size and codecs from `ffmpeg -i` (there is no ffprobe here). */
export async function probeClip(ffmpeg: string, file: string): Promise<ClipProbe> {
  // ffmpeg exits with an error when given no output; its stderr still describes the input.
  const stderr = await new Promise<string>((resolve) =>
    execFile(ffmpeg, ["-hide_banner", "-nostdin", "-i", file], { encoding: "utf8" }, (_e, _o, err) => resolve(err)),
  );
  const d = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const video = /Stream #\d+:\d+.*?: Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})/.exec(stderr);
  const audio = /Stream #\d+:\d+.*?: Audio: (\w+)/.exec(stderr);
  if (!d || !video) throw new MediaError("malformed", "The clip could not be read as a video.");
  const durationMs = Math.round((Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 1000);
  return {
    durationMs,
    width: Number(video[2]),
    height: Number(video[3]),
    hasAudio: audio !== null,
    videoCodec: video[1] ?? null,
    audioCodec: audio?.[1] ?? null,
  };
}

/** Settings that make the same inputs give the same bytes with one ffmpeg build. */
export const BITEXACT = [
  "-fflags",
  "+bitexact",
  "-flags:v",
  "+bitexact",
  "-flags:a",
  "+bitexact",
  "-map_metadata",
  "-1",
];

export function h264(crf: number): string[] {
  return ["-c:v", "libx264", "-preset", "veryfast", "-crf", String(crf), "-threads", "1", "-pix_fmt", "yuv420p"];
}

export function aac(bitrate: string): string[] {
  return ["-c:a", "aac", "-b:a", bitrate, "-ar", "44100", "-ac", "1"];
}

export const MP4_OUT = ["-movflags", "+faststart", "-f", "mp4"];

export function sha256File(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Writes via a temporary name and renames, so a reader never sees half a file. */
export async function writeAtomically(file: string, make: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.part`;
  try {
    await make(tmp);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

// ---- recipes ----------------------------------------------------------------------------------------------------

interface Recipe {
  /** a lavfi graph giving WIDTH×HEIGHT video at FPS */
  video: string;
  /** a lavfi graph giving mono audio */
  sound: string;
  audio: "sine" | "noise" | "silence";
  seconds: number;
  loud?: boolean;
}

const W = WIDTH;
const H = HEIGHT;
const half = `${W / 2}x${H / 2}`;
const up = `scale=${W}:${H}:flags=neighbor`;
const sine = (f: number) => `sine=f=${f}:r=44100`;
const noise = (color: string, seed: number, amp = 0.12) => `anoisesrc=r=44100:c=${color}:a=${amp}:seed=${seed}`;
const geq = (size: string, lum: string, cb = "128", cr = "128") =>
  `color=c=black:s=${size}:r=${FPS},format=yuv444p,geq=lum='${lum}':cb='${cb}':cr='${cr}',scale=${W}:${H}`;

// Sixteen structurally different pictures (a hash sees luminance, so a colour change alone would not be distinct),
// each with its own sound. `v` varies seeds and centres when more than sixteen are asked for.
const RECIPES: ((v: number) => Recipe)[] = [
  () => ({ video: `testsrc2=s=${W}x${H}:r=${FPS}`, sound: sine(440), audio: "sine", seconds: 3.5 }),
  () => ({
    // SMPTE bars with a sweeping box, and the one loud sound: quiet tone, then 0.8 s near full scale.
    video: `smptehdbars=s=${W}x${H}:r=${FPS},drawbox=x='mod(t*120\\,${W - 90})':y=${H / 2 - 45}:w=90:h=90:c=white:t=fill`,
    sound: `aevalsrc='if(between(t\\,1.4\\,2.2)\\,0.95\\,0.03)*sin(2*PI*520*t)':s=44100`,
    audio: "sine",
    seconds: 3.5,
    loud: true,
  }),
  (v) => ({
    video: `mandelbrot=s=${half}:r=${FPS}:maxiter=250:start_scale=${2.5 + v}:end_scale=0.2:end_pts=300,scale=${W}:${H}`,
    sound: noise("pink", 11 + v),
    audio: "noise",
    seconds: 3,
  }),
  (v) => ({
    video: `life=s=90x160:r=${FPS}:seed=${7 + v}:ratio=0.25:mold=12:life_color=#40ff90:death_color=#0c1030:mold_color=#3060a0,${up}`,
    sound: sine(660),
    audio: "sine",
    seconds: 4,
  }),
  (v) => ({
    video: `cellauto=s=90x160:r=${FPS}:rule=30:seed=${3 + v}:ratio=0.5,${up}`,
    sound: noise("white", 23 + v, 0.06),
    audio: "noise",
    seconds: 3.5,
  }),
  (v) => ({
    video: geq(half, `128+100*sin(X/9+T*2+${v})*cos(Y/13-T)`, "128+50*sin(T)", "150"),
    sound: `aevalsrc='0.12*sin(2*PI*330*t)+0.12*sin(2*PI*495*t)':s=44100`,
    audio: "sine",
    seconds: 3,
  }),
  (v) => ({
    video: geq(half, `128+120*sin(hypot(X-W*${0.3 + 0.1 * v}-T*12,Y-H*0.4)/6)`, "100", "170"),
    sound: sine(220),
    audio: "sine",
    seconds: 4,
  }),
  (v) => ({
    video: geq(half, `if(mod(floor((X+T*30)/${20 + v})+floor(Y/${20 + v}),2),225,30)`, "150", "110"),
    sound: noise("brown", 37 + v, 0.2),
    audio: "noise",
    seconds: 3.5,
  }),
  () => ({
    video: `rgbtestsrc=s=${H}x${W}:r=${FPS},transpose=1,drawbox=x=0:y='mod(t*160\\,${H})':w=${W}:h=40:c=black:t=fill`,
    sound: sine(880),
    audio: "sine",
    seconds: 3,
  }),
  (v) => ({
    video: `mandelbrot=s=${half}:r=${FPS}:maxiter=250:start_x=-1.25066:start_y=0.02012:start_scale=${0.2 + v * 0.05}:end_scale=0.01:end_pts=400:inner=period,scale=${W}:${H}`,
    sound: sine(550),
    audio: "sine",
    seconds: 4,
  }),
  (v) => ({
    video: `life=s=72x128:r=${FPS}:rule=B36/S23:seed=${42 + v}:ratio=0.4:life_color=#ffa040:death_color=#201008,scale=${W}:${H}:flags=neighbor`,
    sound: noise("pink", 51 + v, 0.1),
    audio: "noise",
    seconds: 3.5,
  }),
  () => ({ video: `testsrc=s=${W}x${H}:r=${FPS},vflip`, sound: sine(330), audio: "sine", seconds: 3 }),
  (v) => ({
    video: geq(half, `128+127*sin((X+2*Y)/${14 + v}-T*4)`, "90", "128+40*sin(T*2)"),
    sound: sine(990),
    audio: "sine",
    seconds: 4,
  }),
  (v) => ({
    video:
      `color=c=#1d3557:s=${W}x${H}:r=${FPS},` +
      `drawbox=x='mod(t*140\\,${W - 120})':y=${80 + v * 10}:w=120:h=160:c=#f1faee:t=fill,` +
      `drawbox=x=40:y='${H - 240}-mod(t*90\\,${H - 300})':w=200:h=60:c=#e63946:t=fill`,
    sound: noise("white", 67 + v, 0.05),
    audio: "noise",
    seconds: 3.5,
  }),
  (v) => ({
    video: `cellauto=s=${half}:r=${FPS}:rule=90:pattern=1:start_full=1:scroll=1,negate,${up}${v ? `,hflip` : ""}`,
    sound: sine(260),
    audio: "sine",
    seconds: 3,
  }),
  (v) => ({
    video: geq(
      "120x214",
      `128+60*(sin(X/11+T)+sin(Y/17-T*1.3+${v}))`,
      "128+90*sin(hypot(X-60,Y-107)/14+T)",
      "128+90*cos(X/19-T*0.7)",
    ),
    sound: noise("pink", 83 + v, 0.08),
    audio: "noise",
    seconds: 4,
  }),
];

// The removed original: a slowly drifting, high-contrast composition, so a re-upload trimmed by a few frames
// still shows nearly the same picture at every sampled second.
const REMOVED_ORIGINAL: Recipe = {
  video:
    geq(half, "128+110*sin(hypot(X-W*0.35-T*4,Y-H*0.3-T*3)/9)*cos(X/31)", "128+40*sin(Y/40)", "160") +
    `,drawbox=x=${W - 150}:y=${H - 260}:w=110:h=110:c=#ffd000:t=fill`,
  sound: `aevalsrc='0.15*sin(2*PI*392*t)*(0.6+0.4*sin(2*PI*2*t))':s=44100`,
  audio: "sine",
  seconds: 4,
};

// The video a TAKE IT DOWN request reports: a composition of its own, so lookup by file finds exactly the
// reported post and its rescaled copy.
const REPORTED_ORIGINAL: Recipe = {
  video:
    geq(half, "128+105*cos(hypot(X-W*0.6+T*3,Y-H*0.65+T*2)/8)*sin(Y/27)", "110", "128+50*sin(X/35)") +
    `,drawbox=x=40:y=90:w=120:h=90:c=#20e0ff:t=fill`,
  sound: `aevalsrc='0.15*sin(2*PI*294*t)*(0.6+0.4*sin(2*PI*3*t))':s=44100`,
  audio: "sine",
  seconds: 4,
};

const SILENT_BLACK: Recipe = {
  video: `color=c=black:s=${W}x${H}:r=${FPS}`,
  sound: "anullsrc=r=44100:cl=mono",
  audio: "silence",
  seconds: 3,
};

const CHARS_PER_LINE = 24;
const MAX_LINES = 4;

/** Breaks a caption into short lines for a narrow picture; a caption too long ends with an ellipsis. */
export function wrapCaption(text: string, perLine = CHARS_PER_LINE, maxLines = MAX_LINES): string {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const w = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    if (!line) line = w;
    else if (line.length + 1 + w.length <= perLine) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    const last = lines[maxLines - 1]!;
    lines[maxLines - 1] = `${last.length >= perLine ? last.slice(0, perLine - 1) : last}…`;
  }
  return lines.join("\n");
}

interface Job {
  name: string;
  kind: DemoClipKind;
  caption: string | null;
  recipe: Recipe;
}

interface ManifestEntry extends Omit<DemoClip, "file"> {
  fileName: string;
  /** hash of everything that decides the file's content */
  key: string;
}

interface Manifest {
  version: number;
  clips: ManifestEntry[];
}

function readManifest(dir: string): Manifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as Manifest;
    return m.version === DEMO_CLIP_LIBRARY_VERSION && Array.isArray(m.clips) ? m : null;
  } catch {
    return null;
  }
}

function keyOf(parts: unknown): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([DEMO_CLIP_LIBRARY_VERSION, parts]))
    .digest("hex");
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/**
 * Makes (or finds already made) the demo's clips in `dir`: `count` shared clips, then the removed original, its
 * re-upload and the silent black clip, then the reported video and its rescaled copy. A manifest in `dir` records what was made, so a restart makes nothing.
 */
export async function buildDemoClips(opts: BuildDemoClipsOptions): Promise<DemoClip[]> {
  const ffmpeg = opts.ffmpeg ?? ffmpegPath();
  const count = opts.count ?? 16;
  const concurrency = opts.concurrency ?? 2;
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(dir, { recursive: true });
  const font = findCaptionFont();
  const previous = new Map((readManifest(dir)?.clips ?? []).map((c) => [c.name, c]));
  const textDir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-captions-"));

  const jobs: Job[] = [];
  for (let i = 0; i < count; i++) {
    const recipe = RECIPES[i % RECIPES.length]!(Math.floor(i / RECIPES.length));
    const caption = opts.prompts[i] ?? null;
    jobs.push({ name: `clip-${String(i + 1).padStart(2, "0")}`, kind: "shared", caption, recipe });
  }
  const originalCaption = opts.prompts[count] ?? "A clip that was taken down";
  jobs.push({ name: "removed-original", kind: "removed-original", caption: originalCaption, recipe: REMOVED_ORIGINAL });
  jobs.push({ name: "silent-black", kind: "silent-black", caption: null, recipe: SILENT_BLACK });
  const reportedCaption = opts.prompts[count + 1] ?? "A video reported by the person in it";
  jobs.push({
    name: "reported-original",
    kind: "reported-original",
    caption: reportedCaption,
    recipe: REPORTED_ORIGINAL,
  });

  const made = new Map<string, ManifestEntry>();

  // A file is kept when the manifest says it was made from the same recipe and it is still there, whole.
  const reusable = (name: string, key: string): ManifestEntry | null => {
    const old = previous.get(name);
    if (!old || old.key !== key || old.fileName !== `${name}.mp4`) return null;
    const file = path.join(dir, old.fileName);
    return fs.existsSync(file) && fs.statSync(file).size === old.bytes ? old : null;
  };

  const record = async (
    job: Omit<Job, "recipe">,
    key: string,
    audio: DemoClip["audio"],
    loud: boolean,
    args: (out: string) => string[],
  ) => {
    const reused = reusable(job.name, key);
    if (reused) {
      made.set(job.name, reused);
      return;
    }
    const fileName = `${job.name}.mp4`;
    const file = path.join(dir, fileName);
    await writeAtomically(file, async (tmp) => {
      await runFfmpeg(ffmpeg, args(tmp), `the demo clip ${job.name}`);
    });
    const probe = await probeClip(ffmpeg, file);
    made.set(job.name, {
      name: job.name,
      fileName,
      kind: job.kind,
      key,
      durationMs: probe.durationMs,
      width: probe.width,
      height: probe.height,
      caption: job.caption && font ? job.caption : null,
      audio,
      loud,
      sha256: sha256File(file),
      bytes: fs.statSync(file).size,
    });
  };

  const buildOne = async (job: Job) => {
    let vf = "format=yuv420p";
    let text: string | null = null;
    if (job.caption && font) {
      text = wrapCaption(job.caption);
      const textFile = path.join(textDir, `${job.name}.txt`);
      fs.writeFileSync(textFile, text);
      vf =
        `drawtext=fontfile=${filterValue(font)}:textfile=${filterValue(textFile)}:expansion=none:fontsize=22:` +
        `fontcolor=white:line_spacing=6:box=1:boxcolor=black@0.6:boxborderw=10:x=(w-text_w)/2:y=h-text_h-70,` +
        vf;
    }
    const key = keyOf({ recipe: job.recipe, text, font: text ? path.basename(font!) : null });
    await record(job, key, job.recipe.audio, job.recipe.loud ?? false, (out) => [
      "-f",
      "lavfi",
      "-i",
      job.recipe.video,
      "-f",
      "lavfi",
      "-i",
      job.recipe.sound,
      "-t",
      String(job.recipe.seconds),
      "-vf",
      vf,
      "-r",
      String(FPS),
      ...h264(23),
      "-g",
      String(FPS * 2),
      ...aac("96k"),
      ...BITEXACT,
      ...MP4_OUT,
      "-y",
      out,
    ]);
  };

  try {
    await pool(jobs, concurrency, buildOne);
    // The copies are made from their originals' files, so they follow them.
    const copyOf = async (
      from: string,
      job: { name: string; kind: "reupload" | "reported-copy" },
      how: typeof REUPLOAD,
    ) => {
      const original = made.get(from)!;
      const originalFile = path.join(dir, original.fileName);
      const key = keyOf(
        job.kind === "reupload" ? { reupload: how, from: original.sha256 } : { copy: how, from: original.sha256 },
      );
      const seconds = (original.durationMs / 1000 - how.trimSeconds).toFixed(3);
      await record({ ...job, caption: original.caption }, key, "sine", false, (out) => [
        "-ss",
        String(how.trimSeconds),
        "-i",
        originalFile,
        "-t",
        seconds,
        "-vf",
        `scale=${how.width}:${how.height}:flags=bicubic,format=yuv420p`,
        "-r",
        String(FPS),
        ...h264(how.crf),
        ...aac(how.audioBitrate),
        ...BITEXACT,
        ...MP4_OUT,
        "-y",
        out,
      ]);
    };
    await copyOf("removed-original", { name: "reupload", kind: "reupload" }, REUPLOAD);
    await copyOf("reported-original", { name: "reported-copy", kind: "reported-copy" }, REPORTED_COPY);
  } finally {
    fs.rmSync(textDir, { recursive: true, force: true });
  }

  const order = [
    ...jobs.slice(0, count + 1).map((j) => j.name),
    "reupload",
    "silent-black",
    "reported-original",
    "reported-copy",
  ];
  const entries = order.map((n) => made.get(n)!);
  const manifest: Manifest = { version: DEMO_CLIP_LIBRARY_VERSION, clips: entries };
  const manifestFile = path.join(dir, MANIFEST);
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  const current = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile, "utf8") : null;
  if (current !== json) {
    await writeAtomically(manifestFile, async (tmp) => fs.writeFileSync(tmp, json));
  }
  return entries.map(({ fileName, key: _key, ...rest }) => ({ ...rest, file: path.join(dir, fileName) }));
}
