// `npm run -s media:inspect -- FILE [--fps N|all]`: one file through Vigil's media pipeline, printed as one JSON object —
// SHA-256, real type, duration and size, every sampled frame's PDQ hash and quality, the vPDQ hash (pruned
// frames) and the Content Credentials. For operators checking a file, and for checking the hashers against other
// implementations. A bad file exits 1 with a one-line reason on stderr.
import { inspectMediaFile, parseFps, runCli } from "./media-cli.ts";

runCli(async (args) => {
  const { fps, files } = parseFps(args, Number(process.env.VIGIL_MEDIA_FPS ?? 1) || 1);
  if (files.length !== 1) throw new Error("Usage: npm run -s media:inspect -- FILE [--fps N|all]");
  return inspectMediaFile(files[0]!, fps);
});
