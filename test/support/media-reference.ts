// The reference data for PDQ, vPDQ and C2PA (`../shared/media-reference`, beside the checkout), read once for the
// tests that check our hashers and the CLI against it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FrameHash } from "../../server/media/types.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const MEDIA_REFERENCE = path.resolve(REPO_ROOT, "../shared/media-reference");
export const REFERENCE_VIDEOS: readonly string[] = [
  "chair-19-sd-bar",
  "chair-20-sd-bar",
  "pattern-sd-grey-bar",
  "pattern-sd-with-small-logo-bar",
];

const rows = (file: string, separator: string, skipHeader: boolean) =>
  fs
    .readFileSync(path.join(MEDIA_REFERENCE, file), "utf8")
    .trim()
    .split("\n")
    .slice(skipHeader ? 1 : 0)
    .map((line) => line.split(separator));

/** pdq/reference.tsv: each photo's reference PDQ hash and quality. */
export function referencePhotos(): { file: string; pdq: string; quality: number }[] {
  return rows("pdq/reference.tsv", "\t", true).map(([file, pdq, quality]) => ({
    file: file!,
    pdq: pdq!,
    quality: Number(quality),
  }));
}

/** vpdq/<name>.txt: the reference implementation's hash of every frame of a video. */
export function referenceFrames(name: string): FrameHash[] {
  return rows(`vpdq/${name}.txt`, ",", false).map(([, quality, pdq, seconds]) => ({
    atMs: Math.round(Number(seconds) * 1000),
    quality: Number(quality),
    pdq: pdq!,
  }));
}

/** vpdq/expected-matches.tsv: the reference's match percentages for every ordered pair of videos. */
export function expectedMatches() {
  return rows("vpdq/expected-matches.tsv", "\t", true).map(([query, comparison, queryPct, comparisonPct, match]) => ({
    query: query!,
    comparison: comparison!,
    queryPct: Number(queryPct),
    comparisonPct: Number(comparisonPct),
    match: match === "yes",
  }));
}
