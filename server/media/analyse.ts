// One file through the whole pipeline: what it really is (sniffed, then probed by ffmpeg before anything is
// decoded), one decode that samples frames (PDQ-hashed as they arrive), renders a poster and a thumbnail strip and
// measures loudness, the vPDQ hash (consecutive near-duplicate frames pruned), the file's SHA-256 and MD5, and its
// Content Credentials. Used by the media worker, `npm run media:inspect` and the pipeline benchmark.
import crypto from "node:crypto";
import fs from "node:fs";
import { analyseVideo, probeMedia } from "./ffmpeg.ts";
import { pdqFromRgb } from "./pdq.ts";
import { hashVideoFrame, isMatchable, pruneFrames } from "./vpdq.ts";
import { readProvenance } from "./provenance.ts";
import { SNIFF_BYTES, sniffMediaType } from "./sniff.ts";
import { MediaError, type FrameHash, type MediaLimits, type ProbeInfo, type Provenance } from "./types.ts";

/** Frames closer than this to the last kept one are left out of the vPDQ hash (they show the same picture). */
export const VPDQ_PRUNE_DISTANCE = 2;

export interface AnalyseOptions {
  limits: MediaLimits;
  /** frames sampled per second of video */
  fps: number;
  /** where the poster and strip are written (the caller stores and removes them) */
  outDir: string;
  ffmpeg?: string;
}

export interface MediaAnalysis {
  sha256: string;
  md5: string;
  bytes: number;
  mimeType: string;
  kind: "video" | "image";
  probe: ProbeInfo;
  /** every sampled frame, in time order */
  frames: FrameHash[];
  /** the vPDQ hash: the frames kept after pruning, in time order */
  vpdq: FrameHash[];
  matchable: boolean;
  posterFile: string;
  stripFile: string;
  strip: { tiles: number; tileWidth: number; tileHeight: number; atMs: number[] };
  loudness: { atMs: number; lufs: number }[];
  provenance: Provenance;
}

/** SHA-256 and MD5 of a file's bytes. */
function digestsOf(bytes: Uint8Array): { sha256: string; md5: string; bytes: number } {
  return {
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    md5: crypto.createHash("md5").update(bytes).digest("hex"),
    bytes: bytes.length,
  };
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Sniffs a file's real type from its first bytes; a file that is no video or image we read is refused. */
export async function sniffFile(
  file: string,
  limits: MediaLimits,
): Promise<{ mimeType: string; kind: "video" | "image"; bytes: number }> {
  const { size } = await fs.promises.stat(file);
  if (size === 0) throw new MediaError("empty", "the file is empty");
  if (size > limits.maxBytes)
    throw new MediaError("too_large", `the file is ${size} bytes, over the limit of ${limits.maxBytes}`);
  const sniffed = sniffMediaType(await readHead(file));
  if (!sniffed) throw new MediaError("unsupported_type", "the file is not a video or image Vigil can read");
  return { ...sniffed, bytes: size };
}

export async function analyseFile(file: string, opts: AnalyseOptions): Promise<MediaAnalysis> {
  const sniffed = await sniffFile(file, opts.limits);
  const probe = await probeMedia(file, { limits: opts.limits, ffmpeg: opts.ffmpeg });
  const frames: FrameHash[] = [];
  // Frames arrive scaled down; a video frame is hashed as the reference hashes it at the video's own size
  // (as displayed), a still as the reference photo hasher does (shrunk to 512 first).
  const rotated = "rotation" in probe && (probe.rotation === 90 || probe.rotation === 270);
  const source =
    probe.width && probe.height
      ? rotated
        ? { width: probe.height, height: probe.width }
        : { width: probe.width, height: probe.height }
      : undefined;
  const [video, { digests, provenance }] = await Promise.all([
    analyseVideo(file, probe, {
      limits: opts.limits,
      fps: opts.fps,
      outDir: opts.outDir,
      ffmpeg: opts.ffmpeg,
      onFrame: (frame) => {
        if (probe.isImage) {
          const { pdq, quality } = pdqFromRgb(frame.rgb, frame.width, frame.height, {
            sourceWidth: source?.width,
            sourceHeight: source?.height,
          });
          frames.push({ atMs: frame.atMs, pdq, quality });
        } else frames.push(hashVideoFrame(frame.rgb, frame.width, frame.height, frame.atMs, source));
      },
    }),
    // one read of the file (within the size cap) serves both its digests and the Content Credentials check
    fs.promises.readFile(file).then(async (bytes) => ({
      digests: digestsOf(bytes),
      provenance: await readProvenance(bytes, { mimeType: sniffed.mimeType }),
    })),
  ]);
  if (frames.length === 0) throw new MediaError("malformed", "no frame of the file could be decoded");
  const vpdq = pruneFrames(frames, VPDQ_PRUNE_DISTANCE);
  return {
    ...digests,
    mimeType: sniffed.mimeType,
    kind: probe.isImage ? "image" : sniffed.kind,
    probe,
    frames,
    vpdq,
    matchable: isMatchable(vpdq),
    posterFile: video.posterFile,
    stripFile: video.stripFile,
    strip: video.strip,
    loudness: video.loudness,
    provenance,
  };
}
