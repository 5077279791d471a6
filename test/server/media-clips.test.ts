// The demo's clip library and the tests' media builders make real MP4s with the bundled ffmpeg: checked by reading
// the files back with ffmpeg (duration, size, codecs, loudness, decoded frames), not by trusting the builders.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDemoClips,
  DEMO_CLIP_LIBRARY_VERSION,
  ffmpegPath,
  probeClip,
  type DemoClip,
} from "../../prisma/seed/media-clips.ts";
import { makeClip, makeReencodedCopy, makeSharedFrameClip, makeSolidClip, makeStill } from "../support/media-clips.ts";
import { MediaError } from "../../server/media/types.ts";

const ffmpeg = ffmpegPath();
const TIMEOUT = 60_000;
const prompts = [
  "a corgi in a tiny raincoat dancing on the surface of the moon, cinematic, 35mm film",
  "a barista robot juggling flaming torches in a Paris café",
  "two grandmothers racing on a frozen lake, VHS footage",
  "a capybara meditating under the sea, claymation",
  "a DJ rapping at a 1970s disco, 80s music video",
  "an astronaut baking bread inside a snow globe",
];

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function ffmpegStderr(args: string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile(ffmpeg, ["-hide_banner", "-nostdin", ...args], { encoding: "utf8" }, (_e, _o, err) => resolve(err)),
  );
}

/** A 64-bit difference hash of every frame sampled at 1 fps: enough to tell "same picture" from "other picture". */
function frameHashes(file: string): Promise<bigint[]> {
  return new Promise((resolve, reject) =>
    execFile(
      ffmpeg,
      ["-nostdin", "-v", "error", "-i", file, "-vf", "fps=1,scale=9:8:flags=area,format=gray", "-f", "rawvideo", "-"],
      { encoding: "buffer", maxBuffer: 1 << 20 },
      (err, out) => {
        if (err) return reject(err);
        const hashes: bigint[] = [];
        for (let f = 0; f + 72 <= out.length; f += 72) {
          let h = 0n;
          for (let y = 0; y < 8; y++)
            for (let x = 0; x < 8; x++) h = (h << 1n) | (out[f + y * 9 + x]! > out[f + y * 9 + x + 1]! ? 1n : 0n);
          hashes.push(h);
        }
        resolve(hashes);
      },
    ),
  );
}

const distance = (a: bigint, b: bigint) => (a ^ b).toString(2).replace(/0/g, "").length;
const nearest = (h: bigint, others: bigint[]) => Math.min(...others.map((o) => distance(h, o)));

async function maxVolumeDb(file: string): Promise<number> {
  const out = await ffmpegStderr(["-i", file, "-af", "volumedetect", "-vn", "-f", "null", "-"]);
  return Number(/max_volume: (-?[\d.]+|-inf) dB/.exec(out)?.[1] ?? Number.NaN);
}

describe("the demo clip library", () => {
  let dir: string;
  let clips: DemoClip[];
  const byName = (name: string) => clips.find((c) => c.name === name)!;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-demo-clips-test-"));
    clips = await buildDemoClips({ dir, count: 3, prompts });
  }, TIMEOUT);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("makes the shared clips, the removed original, its re-upload, the silent black clip, the reported video and its copy", () => {
    expect(clips.map((c) => [c.name, c.kind])).toEqual([
      ["clip-01", "shared"],
      ["clip-02", "shared"],
      ["clip-03", "shared"],
      ["removed-original", "removed-original"],
      ["reupload", "reupload"],
      ["silent-black", "silent-black"],
      ["reported-original", "reported-original"],
      ["reported-copy", "reported-copy"],
    ]);
    for (const c of clips) expect(path.dirname(c.file)).toBe(path.resolve(dir));
    expect(new Set(clips.map((c) => c.sha256)).size).toBe(clips.length);
  });

  it(
    "writes playable vertical H.264 and AAC files of 3 to 4 seconds that match what it reports",
    async () => {
      for (const c of clips) {
        const probe = await probeClip(ffmpeg, c.file);
        expect(probe.videoCodec, c.name).toBe("h264");
        expect(probe.audioCodec, c.name).toBe("aac");
        expect(probe.durationMs, c.name).toBeGreaterThanOrEqual(2_900);
        expect(probe.durationMs, c.name).toBeLessThanOrEqual(4_100);
        expect([probe.durationMs, probe.width, probe.height]).toEqual([c.durationMs, c.width, c.height]);
        expect(probe.height, c.name).toBeGreaterThan(probe.width);
        expect(c.sha256).toBe(sha(c.file));
        expect(c.bytes).toBe(fs.statSync(c.file).size);
        // The whole file decodes without an error.
        const decode = await ffmpegStderr(["-v", "error", "-i", c.file, "-f", "null", "-"]);
        expect(decode.trim(), c.name).toBe("");
      }
    },
    TIMEOUT,
  );

  it("moves the MP4 index to the front, so a browser can start playing before the download ends", () => {
    for (const c of clips) {
      const head = fs.readFileSync(c.file).subarray(0, 64 * 1024);
      expect(head.indexOf("moov"), c.name).toBeGreaterThan(-1);
      expect(head.indexOf("moov"), c.name).toBeLessThan(head.indexOf("mdat"));
    }
  });

  it("writes a manifest listing every file with the library version", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.version).toBe(DEMO_CLIP_LIBRARY_VERSION);
    expect(manifest.clips.map((c: { fileName: string; sha256: string }) => [c.fileName, c.sha256])).toEqual(
      clips.map((c) => [path.basename(c.file), c.sha256]),
    );
  });

  it("draws each prompt in as the clip's caption, and none on the black clip", () => {
    expect(clips.slice(0, 3).map((c) => c.caption)).toEqual(prompts.slice(0, 3));
    expect(byName("removed-original").caption).toBe(prompts[3]);
    expect(byName("reported-original").caption).toBe(prompts[4]);
    expect(byName("silent-black").caption).toBeNull();
  });

  it(
    "gives one clip a short, very loud stretch and the black clip silence",
    async () => {
      expect(clips.filter((c) => c.loud).map((c) => c.name)).toEqual(["clip-02"]);
      expect(await maxVolumeDb(byName("clip-02").file)).toBeGreaterThan(-3);
      expect(await maxVolumeDb(byName("clip-01").file)).toBeLessThan(-10);
      expect(await maxVolumeDb(byName("silent-black").file)).toBeLessThan(-60);
    },
    TIMEOUT,
  );

  it(
    "makes the re-upload a smaller, re-encoded file with other bytes but the same pictures",
    async () => {
      const original = byName("removed-original");
      const reupload = byName("reupload");
      expect(reupload.sha256).not.toBe(original.sha256);
      expect([reupload.width, reupload.height]).toEqual([288, 512]);
      expect(reupload.bytes).toBeLessThan(original.bytes);
      const ours = await frameHashes(original.file);
      const theirs = await frameHashes(reupload.file);
      expect(theirs.length).toBeGreaterThanOrEqual(3);
      const close = theirs.filter((h) => nearest(h, ours) <= 8).length;
      expect(close / theirs.length).toBeGreaterThanOrEqual(0.8);
      // A different clip is far from the original at every second.
      for (const h of await frameHashes(byName("clip-01").file)) expect(nearest(h, ours)).toBeGreaterThan(12);
    },
    TIMEOUT,
  );

  it(
    "makes the reported video's copy rescaled, with other bytes but the same pictures, and far from the rest",
    async () => {
      const original = byName("reported-original");
      const copy = byName("reported-copy");
      expect(copy.sha256).not.toBe(original.sha256);
      expect([copy.width, copy.height]).toEqual([270, 480]);
      const ours = await frameHashes(original.file);
      const theirs = await frameHashes(copy.file);
      expect(theirs.length).toBeGreaterThanOrEqual(3);
      for (const h of theirs) expect(nearest(h, ours)).toBeLessThanOrEqual(8);
      for (const other of ["clip-01", "clip-02", "clip-03", "removed-original"])
        for (const h of await frameHashes(byName(other).file)) expect(nearest(h, ours), other).toBeGreaterThan(12);
    },
    TIMEOUT,
  );

  it(
    "keeps the black clip black",
    async () => {
      const out = await ffmpegStderr([
        "-i",
        byName("silent-black").file,
        "-vf",
        "signalstats,metadata=print",
        "-f",
        "null",
        "-",
      ]);
      const maxLuma = Math.max(...[...out.matchAll(/signalstats\.YMAX=(\d+)/g)].map((m) => Number(m[1])));
      expect(maxLuma).toBeLessThanOrEqual(20);
    },
    TIMEOUT,
  );

  it(
    "reuses every file on a second build, without touching them or the manifest",
    async () => {
      const files = [...clips.map((c) => c.file), path.join(dir, "manifest.json")];
      const before = files.map((f) => fs.statSync(f).mtimeMs);
      const again = await buildDemoClips({ dir, count: 3, prompts });
      expect(again).toEqual(clips);
      expect(files.map((f) => fs.statSync(f).mtimeMs)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    "makes again only the clip whose caption changed and the files that went missing, with the same bytes",
    async () => {
      const mtimes = () => Object.fromEntries(clips.map((c) => [c.name, fs.statSync(c.file).mtimeMs]));
      const before = mtimes();
      fs.rmSync(byName("clip-01").file);
      fs.rmSync(byName("removed-original").file);
      const changed = [...prompts];
      changed[2] = "a giant snail skateboarding in a brutalist library";
      const again = await buildDemoClips({ dir, count: 3, prompts: changed });
      const after = mtimes();
      const remade = Object.keys(before).filter((n) => after[n] !== before[n]);
      expect(remade.sort()).toEqual(["clip-01", "clip-03", "removed-original"]);
      const sums = (list: DemoClip[]) => Object.fromEntries(list.map((c) => [c.name, c.sha256]));
      // Made again from nothing, a recipe gives the same bytes, so the re-upload made from the original still stands.
      expect({ ...sums(again), "clip-03": "changed" }).toEqual({ ...sums(clips), "clip-03": "changed" });
      expect(sums(again)["clip-03"]).not.toBe(sums(clips)["clip-03"]);
      expect(again.find((c) => c.name === "clip-03")!.caption).toBe(changed[2]);
    },
    TIMEOUT,
  );
});

describe("the test media builders", () => {
  it(
    "rejects a source ffmpeg cannot make with a plain reason that names no path",
    async () => {
      const err = await makeClip({ source: "no_such_source_filter", seconds: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaError);
      expect((err as MediaError).code).toBe("processing_failed");
      expect((err as MediaError).message).toMatch(/^Could not make the test file clip: .+\.$/);
      expect((err as MediaError).message).not.toContain(os.tmpdir());
    },
    TIMEOUT,
  );

  it(
    "makes a clip of the source, size and length asked for, and hands back the same file next time",
    async () => {
      const file = await makeClip({ source: "testsrc2", seconds: 2, width: 160, height: 96, audio: "noise" });
      const probe = await probeClip(ffmpeg, file);
      expect([probe.width, probe.height, probe.videoCodec, probe.audioCodec]).toEqual([160, 96, "h264", "aac"]);
      expect(probe.durationMs).toBeGreaterThanOrEqual(1_950);
      expect(probe.durationMs).toBeLessThanOrEqual(2_100);
      const mtime = fs.statSync(file).mtimeMs;
      expect(await makeClip({ source: "testsrc2", seconds: 2, width: 160, height: 96, audio: "noise" })).toBe(file);
      expect(fs.statSync(file).mtimeMs).toBe(mtime);
      expect(path.basename(path.dirname(file))).toMatch(/^vigil-test-clips-[0-9a-f]+$/);
      const silent = await makeClip({ source: "testsrc2", seconds: 2, width: 160, height: 96, audio: "none" });
      expect(silent).not.toBe(file);
      expect((await probeClip(ffmpeg, silent)).hasAudio).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "makes a clip that is one colour throughout",
    async () => {
      const file = await makeSolidClip("black", 2);
      const out = await ffmpegStderr(["-i", file, "-vf", "signalstats,metadata=print", "-f", "null", "-"]);
      const maxLuma = [...out.matchAll(/signalstats\.YMAX=(\d+)/g)].map((m) => Number(m[1]));
      expect(maxLuma.length).toBeGreaterThan(10);
      expect(Math.max(...maxLuma)).toBeLessThanOrEqual(20);
    },
    TIMEOUT,
  );

  it(
    "re-encodes a copy with other bytes and the same pictures",
    async () => {
      const original = await makeClip({ source: "mandelbrot=maxiter=100", seconds: 3 });
      const copy = await makeReencodedCopy(original, { width: 144, height: 256, crf: 32 });
      expect(sha(copy)).not.toBe(sha(original));
      const probe = await probeClip(ffmpeg, copy);
      expect([probe.width, probe.height, probe.hasAudio]).toEqual([144, 256, true]);
      const ours = await frameHashes(original);
      for (const h of await frameHashes(copy)) expect(nearest(h, ours)).toBeLessThanOrEqual(8);
      expect(await makeReencodedCopy(original, { width: 144, height: 256, crf: 32 })).toBe(copy);
    },
    TIMEOUT,
  );

  it(
    "makes a clip that shares exactly its first sampled second with a banked clip",
    async () => {
      const banked = await makeClip({ source: "testsrc2", seconds: 4 });
      const file = await makeSharedFrameClip(banked);
      const probe = await probeClip(ffmpeg, file);
      expect([probe.width, probe.height]).toEqual([180, 320]);
      expect(probe.durationMs).toBeGreaterThanOrEqual(3_950);
      const bankedHashes = await frameHashes(banked);
      const [first, ...rest] = await frameHashes(file);
      expect(rest.length).toBe(3);
      expect(distance(first!, bankedHashes[0]!)).toBeLessThanOrEqual(4);
      for (const h of rest) expect(nearest(h, bankedHashes)).toBeGreaterThan(12);
      // The unrelated seconds differ from one another too.
      expect(new Set(rest.map(String)).size).toBe(3);
    },
    TIMEOUT,
  );

  it(
    "makes PNG and JPEG stills of the size asked for",
    async () => {
      const png = await makeStill({ source: "testsrc2", width: 120, height: 90, format: "png" });
      const jpg = await makeStill({ source: "testsrc2", width: 120, height: 90, format: "jpg" });
      expect(fs.readFileSync(png).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(fs.readFileSync(jpg).subarray(0, 3).toString("hex")).toBe("ffd8ff");
      for (const file of [png, jpg]) {
        const info = await ffmpegStderr(["-i", file]);
        expect(info).toMatch(/, 120x90\b/);
      }
      expect(path.extname(png)).toBe(".png");
      expect(path.extname(jpg)).toBe(".jpg");
    },
    TIMEOUT,
  );
});
