// PDQ hashing throughput on video frames, against the floor every PDQ hasher pays on the same input: one plain
// pass turning the same rgb24 frames into float luminance. Frames are ffmpeg's testsrc2 at 1280 × 720, both
// as the pipeline gets them (scaled to fit 512, hashed as their 1280 × 720 source) and at full size. No database.
import { pdqFromRgb } from "../../server/media/pdq.ts";
import { decodeFrames } from "../support/decode-frames.ts";
import { pairedMs, type Measure } from "./support.ts";

const FRAMES = 30;

async function frames(maxSide?: number) {
  const d = await decodeFrames(`testsrc2=s=1280x720:r=${FRAMES}:d=1`, { lavfi: true, maxSide, scaleFlags: "area" });
  if (d.frames.length !== FRAMES) throw new Error(`expected ${FRAMES} frames, got ${d.frames.length}`);
  return d;
}

function lumaPass(rgb: Uint8Array, out: Float32Array): void {
  for (let i = 0, p = 0, n = out.length; i < n; i++, p += 3)
    out[i] = 0.299 * rgb[p]! + 0.587 * rgb[p + 1]! + 0.114 * rgb[p + 2]!;
}

function measure(name: string, maxSide?: number): Measure {
  return {
    name,
    async run(ctx) {
      const d = await frames(maxSide);
      ctx.log(
        `bench: ${name}: ${FRAMES} frames of ${d.width} × ${d.height} (source ${d.sourceWidth} × ${d.sourceHeight})`,
      );
      const luma = new Float32Array(d.width * d.height);
      const opts = { sourceWidth: d.sourceWidth, sourceHeight: d.sourceHeight, maxSide: Infinity };
      let sink = 0;
      const t = await pairedMs(
        async () => {
          for (const f of d.frames) sink += pdqFromRgb(f, d.width, d.height, opts).quality;
        },
        async () => {
          for (const f of d.frames) {
            lumaPass(f, luma);
            sink += luma[luma.length >> 1]!;
          }
        },
        { runs: 20, warmup: 3 },
      );
      if (!Number.isFinite(sink)) throw new Error("unreachable");
      return { value: FRAMES / (t.value / 1000), baseline: FRAMES / (t.baseline / 1000) };
    },
  };
}

export const measures: Measure[] = [measure("pdq_frames_per_s", 512), measure("pdq_720p_frames_per_s")];
