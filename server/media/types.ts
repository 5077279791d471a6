// The vocabulary of the media pipeline, shared by the fetcher, the store, ffmpeg processing, the hashers, the
// provenance reader, the worker and the CLI.
import type { ProvenanceView } from "../contracts/provenance-words.ts";

/** One sampled frame's PDQ hash (64 hex digits) and quality (0–100), at its time in the video. */
export interface FrameHash {
  atMs: number;
  pdq: string;
  quality: number;
}

/** What ffmpeg says about a file before anything is decoded. */
export interface ProbeInfo {
  /** ffmpeg's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "png_pipe", "image2" */
  format: string;
  /** true for a still image (JPEG, PNG, WebP, GIF with one frame) */
  isImage: boolean;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  /** frames per second of the video stream, when known */
  fps: number | null;
}

/** Content Credentials as read from the file, in the words a reviewer needs (declared with the console's words). */
export type Provenance = ProvenanceView;
export type C2paState = Provenance["state"];

/** A failure the worker records on the post, with a stable code and a reason a reviewer can read. */
export type MediaErrorCode =
  | "origin_not_allowed"
  | "private_address"
  | "insecure_url"
  | "bad_url"
  | "redirect_loop"
  | "http_status"
  | "network"
  | "timeout"
  | "too_large"
  | "empty"
  | "unsupported_type"
  | "malformed"
  | "too_long"
  | "too_many_pixels"
  | "processing_failed";

export class MediaError extends Error {
  readonly code: MediaErrorCode;
  /** false when trying again cannot help (a refused origin, a bad file); true for network trouble */
  readonly retryable: boolean;
  constructor(code: MediaErrorCode, message: string, retryable = false) {
    super(message);
    this.name = "MediaError";
    this.code = code;
    this.retryable = retryable;
  }
}

/** Limits on what one file may ask of a worker. */
export interface MediaLimits {
  maxBytes: number;
  /** longest video accepted, from its header, before anything is decoded */
  maxDurationMs: number;
  /** largest width × height accepted */
  maxPixels: number;
  /** wall-clock limit for one ffmpeg run */
  ffmpegTimeoutMs: number;
  /** address-space cap for one ffmpeg run, in bytes */
  ffmpegMemoryBytes: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxDurationMs: 15 * 60 * 1000,
  maxPixels: 4096 * 4096,
  ffmpegTimeoutMs: 120_000,
  ffmpegMemoryBytes: 2 * 1024 * 1024 * 1024,
};
