// Builders of hostile media files for tests: each one is a real file that a careless pipeline would choke on
// (an empty upload, a web page or a ZIP named .mp4, lying box sizes and durations, an absurd PNG header, a cut
// download). The MP4s are patched copies of a small clip ffmpeg makes from lavfi sources.

import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegPath } from "../../server/media/ffmpeg.ts";

const run = promisify(execFile);

export type HostileName =
  "zeroBytes" | "htmlAsMp4" | "zipAsMp4" | "hugeBoxMp4" | "hugePng" | "tenHourMp4" | "truncatedMp4";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG and ZIP use it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG signature and a valid IHDR (correct CRC) claiming width × height RGB pixels, then IEND and no data. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A ZIP archive with one stored (uncompressed) text entry. */
export function zipWithOneFile(name: string, content: string): Buffer {
  const data = Buffer.from(content, "utf8");
  const fileName = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localSize = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

export interface Box {
  type: string;
  /** offset of the box's size field */
  start: number;
  /** offset of the box's payload */
  body: number;
  end: number;
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "edts", "udta", "dinf"]);

/** Every ISO BMFF box in the buffer, depth first, descending into the usual containers. */
export function listBoxes(buf: Buffer, from = 0, to = buf.length): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < 8 || at + size > to) break;
    boxes.push({ type, start: at, body, end: at + size });
    if (CONTAINERS.has(type)) boxes.push(...listBoxes(buf, body, at + size));
    at += size;
  }
  return boxes;
}

/** Rewrites the durations in mvhd, tkhd, mdhd and elst so the movie claims `seconds` of play time. */
export function patchMp4Duration(input: Buffer, seconds: number): Buffer {
  const buf = Buffer.from(input);
  const boxes = listBoxes(buf);
  const mvhd = boxes.find((b) => b.type === "mvhd");
  if (!mvhd) throw new Error("no mvhd box");
  const mvhdVersion = buf[mvhd.body]!;
  const movieTimescale = buf.readUInt32BE(mvhd.body + (mvhdVersion === 1 ? 20 : 12));
  const write = (offset: number, version: number, value: number) => {
    if (version === 1) buf.writeBigUInt64BE(BigInt(value), offset);
    else buf.writeUInt32BE(value, offset);
  };
  for (const box of boxes) {
    const version = buf[box.body]!;
    if (box.type === "mvhd") {
      write(box.body + (version === 1 ? 28 : 16), version, seconds * movieTimescale);
    } else if (box.type === "tkhd") {
      write(box.body + (version === 1 ? 28 : 20), version, seconds * movieTimescale);
    } else if (box.type === "mdhd") {
      const timescale = buf.readUInt32BE(box.body + (version === 1 ? 20 : 12));
      write(box.body + (version === 1 ? 24 : 16), version, seconds * timescale);
    } else if (box.type === "elst") {
      const entries = buf.readUInt32BE(box.body + 4);
      const entrySize = version === 1 ? 20 : 12;
      for (let i = 0; i < entries; i++) {
        const entry = box.body + 8 + i * entrySize;
        const mediaTime = version === 1 ? Number(buf.readBigInt64BE(entry + 8)) : buf.readInt32BE(entry + 4);
        if (mediaTime >= 0) write(entry, version, seconds * movieTimescale);
      }
    }
  }
  return buf;
}

/** Sets the 32-bit size field of the first box of `type` to `size` (e.g. 0xfffffff0, about 4 GB). */
export function patchBoxSize(input: Buffer, type: string, size: number): Buffer {
  const buf = Buffer.from(input);
  const box = listBoxes(buf).find((b) => b.type === type);
  if (!box) throw new Error(`no ${type} box`);
  buf.writeUInt32BE(size >>> 0, box.start);
  return buf;
}

/** A small H.264 + AAC MP4 (moov first when faststart) made from lavfi sources. */
export async function makeSmallMp4(file: string, opts: { faststart: boolean; ffmpeg?: string }): Promise<void> {
  await run(
    opts.ffmpeg ?? ffmpegPath(),
    [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=160x120:rate=10:duration=2",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=2",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      ...(opts.faststart ? ["-movflags", "+faststart"] : []),
      file,
    ],
    { timeout: 60_000 },
  );
}

/** Writes every hostile file into `dir` and returns their paths by name. */
export async function writeHostileFiles(dir: string, ffmpeg?: string): Promise<Record<HostileName, string>> {
  await mkdir(dir, { recursive: true });
  const fast = path.join(dir, "source-faststart.mp4");
  const tail = path.join(dir, "source-moov-last.mp4");
  await makeSmallMp4(fast, { faststart: true, ffmpeg });
  await makeSmallMp4(tail, { faststart: false, ffmpeg });
  const fastBytes = await readFile(fast);
  const tailBytes = await readFile(tail);

  const files: Record<HostileName, [string, Buffer]> = {
    zeroBytes: ["zero-bytes.mp4", Buffer.alloc(0)],
    htmlAsMp4: [
      "page.mp4",
      Buffer.from(
        "<!doctype html>\n<html><head><title>Video</title></head><body><p>This is not a video.</p></body></html>\n",
      ),
    ],
    zipAsMp4: ["archive.mp4", zipWithOneFile("video.mp4", "not a video, ".repeat(200))],
    // moov is last, so the lying mdat size sends the demuxer 4 GB past the end of the file.
    hugeBoxMp4: ["huge-box.mp4", patchBoxSize(tailBytes, "mdat", 0xfffffff0)],
    hugePng: ["huge.png", pngHeaderOnly(100_000, 100_000)],
    tenHourMp4: ["ten-hours.mp4", patchMp4Duration(fastBytes, 10 * 3600)],
    // The download stopped before the moov box arrived.
    truncatedMp4: ["truncated.mp4", tailBytes.subarray(0, Math.floor(tailBytes.length * 0.6))],
  };
  const out = {} as Record<HostileName, string>;
  for (const [name, [fileName, bytes]] of Object.entries(files) as [HostileName, [string, Buffer]][]) {
    const file = path.join(dir, fileName);
    await writeFile(file, bytes);
    out[name] = file;
  }
  return out;
}
