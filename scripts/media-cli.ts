// What the media CLIs share: the pipeline run on a local file with the configured limits, and the way they
// answer — one JSON object on stdout, or one line on stderr and exit status 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyseFile } from "../server/media/analyse.ts";
import { ffmpegPath } from "../server/media/ffmpeg.ts";
import { DEFAULT_MEDIA_LIMITS, MediaError } from "../server/media/types.ts";

export async function inspectMediaFile(file: string) {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new Error(`${path.basename(file)}: no such file`);
  const out = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vigil-inspect-"));
  try {
    const fps = Number(process.env.VIGIL_MEDIA_FPS ?? 1) || 1;
    const a = await analyseFile(file, { limits: DEFAULT_MEDIA_LIMITS, fps, outDir: out, ffmpeg: ffmpegPath() });
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
    throw err;
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
