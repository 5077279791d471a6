// The whole media pipeline on a 60 s 1280 × 720 H.264 + AAC clip, in seconds of video per second of wall time,
// against the floor it cannot beat: ffmpeg decoding the same frames (1 a second, longest side 512) and nothing
// else. The pipeline (sniff, probe, one decode with poster, strip and loudness, PDQ of every frame, vPDQ, digests,
// Content Credentials, the puts into a fresh data-folder store) should keep up with at least 0.8 of that.
// No database. The clip is made once by ffmpeg into a cache folder under the system's temporary folder.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { analyseIntoStore } from "../../server/domain/media/jobs.ts";
import { decodeFramesOnly, ffmpegPath, probeMedia } from "../../server/media/ffmpeg.ts";
import { createFsStore } from "../../server/media/store.ts";
import { DEFAULT_MEDIA_LIMITS } from "../../server/media/types.ts";
import { pairedMs, type Measure } from "./support.ts";

const CLIP = { width: 1280, height: 720, fps: 30, seconds: 60 };
const SAMPLE_FPS = 1;
const MAX_SIDE = 512;
const PAIRS = 5;

/** The clip, made once per set of parameters (a rerun finds it in the cache). */
async function benchClip(log: (m: string) => void): Promise<string> {
  const { width, height, fps, seconds } = CLIP;
  const dir = path.join(os.tmpdir(), "vigil-bench-media");
  const file = path.join(dir, `testsrc2-${width}x${height}-${fps}fps-${seconds}s-x264-veryfast-aac.mp4`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  log(`bench: media_pipeline: making the ${seconds} s clip (once)`);
  // written under a temporary name, so an interrupted run leaves no half clip in the cache
  const tmp = `${file}.${process.pid}.tmp.mp4`;
  await promisify(execFile)(
    ffmpegPath(),
    // prettier-ignore
    [
      "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
      "-f", "lavfi", "-i", `testsrc2=s=${width}x${height}:r=${fps}:d=${seconds}`,
      "-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
      "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
      "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart", tmp,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  fs.renameSync(tmp, file);
  return file;
}

export const measures: Measure[] = [
  {
    name: "media_pipeline_x_realtime",
    async run(ctx) {
      const clip = await benchClip(ctx.log);
      const ffmpeg = ffmpegPath();
      const limits = DEFAULT_MEDIA_LIMITS;
      // the baseline is the decode alone: the probe it needs is made once, outside the timing
      const probe = await probeMedia(clip, { limits, ffmpeg });
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-bench-pipeline-"));
      let pipelineFrames = 0;
      let decodedFrames = 0;
      try {
        const t = await pairedMs(
          async (i) => {
            // a fresh store and work folder each run: every put writes the file anew
            const run = path.join(scratch, String(i));
            const store = createFsStore(path.join(run, "store"));
            const a = await analyseIntoStore({ store, limits, fps: SAMPLE_FPS, ffmpeg }, clip, path.join(run, "work"));
            pipelineFrames = a.frames.length;
            await fs.promises.rm(run, { recursive: true, force: true });
          },
          async () => {
            let n = 0;
            decodedFrames = await decodeFramesOnly(clip, {
              fps: SAMPLE_FPS,
              maxSide: MAX_SIDE,
              limits,
              ffmpeg,
              probe,
              onFrame: () => {
                n++;
              },
            });
            if (n !== decodedFrames) throw new Error("decodeFramesOnly counted other frames than it gave");
          },
          { runs: PAIRS, warmup: 1 },
        );
        if (pipelineFrames !== decodedFrames)
          throw new Error(`the pipeline hashed ${pipelineFrames} frames, the baseline decoded ${decodedFrames}`);
        ctx.log(
          `bench: media_pipeline_x_realtime: ${pipelineFrames} frames; pipeline ${Math.round(t.value)} ms, decode alone ${Math.round(t.baseline)} ms (median of ${PAIRS})`,
        );
        return { value: CLIP.seconds / (t.value / 1000), baseline: CLIP.seconds / (t.baseline / 1000) };
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    },
  },
];
