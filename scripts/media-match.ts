// `npm run -s media:match -- A B`: compares two files as the hash bank does — A as the query, B as the banked
// (comparison) video: frames within 31 bits, frames below quality 50 ignored, unique frames — and prints
// `{ "queryPct", "comparisonPct", "match" }`, a match being comparisonPct ≥ 80. A bad file exits 1 with a
// one-line reason on stderr.
import { inspectMediaFile, runCli } from "./media-cli.ts";
import { matchPercentages } from "../server/media/vpdq.ts";
import { DEFAULT_MATCH_PCT, DEFAULT_MIN_QUALITY } from "../server/domain/hashbank/perceptual.ts";
import { DEFAULT_MAX_DISTANCE } from "../server/domain/hashbank/scan.ts";

runCli(async (args) => {
  if (args.length !== 2) throw new Error("Usage: npm run -s media:match -- A B");
  const [a, b] = await Promise.all(args.map((file) => inspectMediaFile(file)));
  const { queryPct, comparisonPct } = matchPercentages(a!.vpdq, b!.vpdq, {
    maxDistance: DEFAULT_MAX_DISTANCE,
    minQuality: DEFAULT_MIN_QUALITY,
  });
  return { queryPct, comparisonPct, match: comparisonPct >= DEFAULT_MATCH_PCT };
});
