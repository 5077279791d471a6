// What the media CLIs share: the pipeline run on a local file with the configured limits, and the way they
// answer — one JSON object on stdout, or one line on stderr and exit status 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyseFile } from "../server/media/analyse.ts";
import { ffmpegPath, probeMedia } from "../server/media/ffmpeg.ts";
import { DEFAULT_MEDIA_LIMITS, MediaError } from "../server/media/types.ts";

/** `--fps N` samples N frames a second, `--fps all` every frame; the rest of argv is the files. */
export function parseFps(args: string[], fallback: number | "all"): { fps: number | "all"; files: string[] } {
  const files: string[] = [];
  let fps = fallback;
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "--fps") {
      files.push(args[i]!);
      continue;
    }
    const value = args[++i];
    if (value === "all") fps = "all";
    else if (value && /^\d+(\.\d+)?$/.test(value) && Number(value) > 0 && Number(value) <= 60) fps = Number(value);
    else throw new Error("--fps takes a number of frames a second (at most 60) or all");
  }
  return { fps, files };
}

export async function inspectMediaFile(file: string, fpsOption: number | "all" = 1) {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new Error(`${path.basename(file)}: no such file`);
  const out = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-inspect-"));
  try {
    const ffmpeg = ffmpegPath();
    const fps =
      fpsOption === "all"
        ? Math.min(60, (await probeMedia(file, { limits: DEFAULT_MEDIA_LIMITS, ffmpeg })).fps ?? 30)
        : fpsOption;
    const a = await analyseFile(file, { limits: DEFAULT_MEDIA_LIMITS, fps, outDir: out, ffmpeg });
    const { state, generator, signer, signedAt, digitalSourceType, failures } = a.provenance;
    return {
      sha256: a.sha256,
      mimeType: a.mimeType,
      durationMs: a.probe.durationMs ?? 0,
      width: a.probe.width,
      height: a.probe.height,
      frames: a.frames,
      vpdq: a.vpdq,
      c2pa: { state, generator, signer, signedAt, digitalSourceType, failures },
    };
  } catch (err) {
    if (err instanceof MediaError) throw new Error(`${path.basename(file)}: ${err.message}`);
    // anything else (a file that cannot be read, say) says so without the machine's paths
    throw new Error(`${path.basename(file)}: the file could not be read`);
  } finally {
    await fs.promises.rm(out, { recursive: true, force: true });
  }
}

export function runCli(main: (args: string[]) => Promise<unknown>): void {
  main(process.argv.slice(2)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`${message.split("\n")[0]}\n`);
      process.exitCode = 1;
    },
  );
}
