// `npm run -s media:match -- A B [--fps N|all]`: compares two files with vPDQ — A as the query, B as the banked
// (comparison) video: frames within 31 bits, frames below quality 50 ignored, unique frames — and prints
// `{ "queryPct", "comparisonPct", "match" }`, a match being comparisonPct ≥ 80. Both files are hashed at every
// frame by default, as the reference vPDQ does (a copy shifted in time by a fraction of a second then still lines
// up); `--fps 1` compares as the worker samples. A bad file exits 1 with a one-line reason on stderr.
import { inspectMediaFile, parseFps, runCli } from "./media-cli.ts";
import { matchPercentages } from "../server/media/vpdq.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "../server/domain/hashbank/perceptual.ts";
import { DEFAULT_MAX_DISTANCE } from "../server/domain/hashbank/scan.ts";

runCli(async (args) => {
  const { fps, files } = parseFps(args, "all");
  if (files.length !== 2) throw new Error("Usage: npm run -s media:match -- A B [--fps N|all]");
  const a = await inspectMediaFile(files[0]!, fps);
  const b = await inspectMediaFile(files[1]!, fps);
  const { queryPct, comparisonPct } = matchPercentages(a!.vpdq, b!.vpdq, {
    maxDistance: DEFAULT_MAX_DISTANCE,
    minQuality: DEFAULT_MIN_QUALITY,
  });
  const round = (n: number) => Math.round(n * 10) / 10;
  return { queryPct: round(queryPct), comparisonPct: round(comparisonPct), match: comparisonPct >= DEFAULT_MATCH_PCT };
});
