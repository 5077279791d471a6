// The real type of a file from its first bytes: files ffmpeg writes in every accepted container and image
// format, the reference media, and the things a media URL should never deliver (HTML, ZIP, PDF, text, stills
// and audio in MP4-family boxes).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeUnsupported, SNIFF_BYTES, sniffMediaType } from "../../server/media/sniff.ts";

const require = createRequire(import.meta.url);
const ffmpeg: string = process.env.VIGIL_FFMPEG_PATH ?? (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reference = path.resolve(repoRoot, "../shared/media-reference");

const head = (file: string) => {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
};

let dir: string;
const made: Record<string, Buffer> = {};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-sniff-"));
  const clip = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=0.4"];
  const still = ["-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1"];
  const outputs: [string, string[]][] = [
    ["clip.mp4", [...clip, "-c:v", "libx264", "-pix_fmt", "yuv420p"]],
    ["clip.mov", [...clip, "-c:v", "libx264", "-pix_fmt", "yuv420p"]],
    ["clip.m4v", [...clip, "-c:v", "libx264", "-pix_fmt", "yuv420p"]],
    ["clip.mkv", [...clip, "-c:v", "libx264", "-pix_fmt", "yuv420p"]],
    ["clip.webm", [...clip, "-c:v", "libvpx"]],
    ["still.jpg", still],
    ["still.png", still],
    ["still.gif", still],
    ["still.webp", [...still, "-c:v", "libwebp"]],
  ];
  for (const [name, args] of outputs) {
    const file = path.join(dir, name);
    execFileSync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-y", ...args, file], { stdio: "pipe" });
    made[name] = head(file);
  }
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("sniffMediaType: accepted formats", () => {
  it.each([
    ["clip.mp4", "video/mp4", "video"],
    ["clip.mov", "video/quicktime", "video"],
    ["clip.m4v", "video/x-m4v", "video"],
    ["clip.mkv", "video/x-matroska", "video"],
    ["clip.webm", "video/webm", "video"],
    ["still.jpg", "image/jpeg", "image"],
    ["still.png", "image/png", "image"],
    ["still.gif", "image/gif", "image"],
    ["still.webp", "image/webp", "image"],
  ])("knows %s, as ffmpeg writes it, as %s", (name, mimeType, kind) => {
    expect(sniffMediaType(made[name]!)).toEqual({ mimeType, kind });
  });

  it.each([
    ["vpdq/chair-19-sd-bar.mp4", "video/mp4", "video"],
    ["c2pa/video1.mp4", "video/mp4", "video"],
    ["c2pa/CA.jpg", "image/jpeg", "image"],
    ["pdq/aaa-orig.jpg", "image/jpeg", "image"],
  ])("knows the reference file %s as %s", (file, mimeType, kind) => {
    expect(sniffMediaType(head(path.join(reference, file)))).toEqual({ mimeType, kind });
  });

  it("needs no more than SNIFF_BYTES, and decides on the first bytes alone", () => {
    expect(SNIFF_BYTES).toBeGreaterThanOrEqual(64);
    for (const bytes of Object.values(made)) {
      expect(sniffMediaType(bytes.subarray(0, SNIFF_BYTES))).not.toBeNull();
    }
  });

  it("accepts an unfamiliar major brand that declares an MP4 or QuickTime compatible brand", () => {
    const ftyp = (major: string, ...compatible: string[]) => {
      const box = Buffer.alloc(16 + 4 * compatible.length);
      box.writeUInt32BE(box.length, 0);
      box.write("ftyp", 4, "latin1");
      box.write(major, 8, "latin1");
      compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, "latin1"));
      return box;
    };
    expect(sniffMediaType(ftyp("xyz1", "abcd", "mp42"))).toEqual({ mimeType: "video/mp4", kind: "video" });
    expect(sniffMediaType(ftyp("xyz1", "qt  "))).toEqual({ mimeType: "video/quicktime", kind: "video" });
    expect(sniffMediaType(ftyp("xyz1", "abcd"))).toBeNull();
    // Stills and audio in the same box structure are not videos.
    expect(sniffMediaType(ftyp("heic", "mif1", "heic"))).toBeNull();
    expect(sniffMediaType(ftyp("avif", "mif1", "avif"))).toBeNull();
    expect(sniffMediaType(ftyp("M4A ", "M4A ", "mp42", "isom"))).toBeNull();
  });
});

describe("sniffMediaType: refused contents", () => {
  const text = (s: string) => Buffer.from(s, "utf8");
  const storedZip = () => {
    const content = text("hello");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(zlib.crc32(content), 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(5, 26);
    return Buffer.concat([local, text("a.txt"), content]);
  };

  it.each([
    ["an HTML page", text("<!DOCTYPE html>\n<html><body>Video removed</body></html>"), "an HTML page"],
    ["an HTML page with a BOM and blank lines", text("\uFEFF\n\n  <html lang=en><head></head></html>"), "an HTML page"],
    ["an SVG", text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), "an XML or SVG document"],
    ["a ZIP archive", storedZip(), "a ZIP archive"],
    ["a PDF", text("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "a PDF document"],
    ["JSON", text('{"error":"not found"}'), "JSON or other text"],
    ["plain text", text("Access denied\n"), "text"],
    ["gzip", zlib.gzipSync(text("x".repeat(100))), "gzip-compressed data"],
  ])("refuses %s", (_name, bytes, looksLike) => {
    expect(sniffMediaType(bytes)).toBeNull();
    expect(describeUnsupported(bytes)).toBe(looksLike);
  });

  it("refuses a Matroska header with another document type, and truncated or empty heads", () => {
    const mkv = made["clip.mkv"]!;
    const docTypeAt = mkv.indexOf(Buffer.from("matroska"));
    const other = Buffer.from(mkv);
    other.write("notmkvxx", docTypeAt, "latin1");
    expect(sniffMediaType(other)).toBeNull();
    expect(sniffMediaType(mkv.subarray(0, 6))).toBeNull();
    expect(sniffMediaType(made["clip.mp4"]!.subarray(0, 10))).toBeNull();
    expect(sniffMediaType(made["still.png"]!.subarray(0, 7))).toBeNull();
    expect(sniffMediaType(new Uint8Array(0))).toBeNull();
    expect(describeUnsupported(new Uint8Array(0))).toBeNull();
  });

  it("refuses binary noise without naming it", () => {
    const noise = Buffer.from(Array.from({ length: SNIFF_BYTES }, (_, i) => (i * 37 + 11) % 256));
    expect(sniffMediaType(noise)).toBeNull();
    expect(describeUnsupported(noise)).toBeNull();
  });
});
