// Hash lists exchanged with other tools: each signal type read and refused plainly, vPDQ values in
// python-threatexchange's serialisation, streams split anywhere, and the limits an upload is held to.
import { describe, expect, it } from "vitest";
import {
  formatHashLine,
  formatHashListHeader,
  formatVpdqValue,
  parseHashLine,
  parseHashList,
  parseVpdqValue,
  type HashListEntry,
  type ParseOptions,
  type VpdqFrame,
} from "../../server/domain/hashbank/hash-list.ts";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const PDQ2 = "0".repeat(63) + "1";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const FRAMES: VpdqFrame[] = [
  { pdq: PDQ, quality: 100, atMs: 0 },
  { pdq: PDQ2, quality: 49, atMs: 1500 },
  { pdq: PDQ, quality: 87, atMs: 61_234 },
];

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> {
  for (const part of parts) yield part;
}

const parseText = (text: string, opts?: ParseOptions) => parseHashList(chunksOf(Buffer.from(text)), opts);

describe("parseHashLine", () => {
  it("reads each signal type and lowercases its hex", () => {
    expect(parseHashLine(`pdq,${PDQ.toUpperCase()}`, 1)).toEqual({ signalType: "pdq", value: PDQ, line: 1 });
    expect(parseHashLine(`video_md5,${MD5}`, 2)).toEqual({ signalType: "video_md5", value: MD5, line: 2 });
    expect(parseHashLine(`photo_md5,${MD5.toUpperCase()}`, 3)).toEqual({
      signalType: "photo_md5",
      value: MD5,
      line: 3,
    });
    expect(parseHashLine(`sha256,${SHA256}`, 4)).toEqual({ signalType: "sha256", value: SHA256, line: 4 });
    const vpdq = parseHashLine(`vpdq,"[""${PDQ},100,0.0"", ""${PDQ2.toUpperCase()},49,1.5""]"`, 5);
    expect(vpdq).toEqual({
      signalType: "vpdq",
      value: `["${PDQ},100,0.0", "${PDQ2},49,1.5"]`,
      frames: [FRAMES[0], FRAMES[1]],
      line: 5,
    });
  });

  it("refuses a malformed value of each type, naming the problem", () => {
    expect(parseHashLine(`pdq,${PDQ.slice(1)}`, 1)).toEqual({ error: "pdq value must be 64 hexadecimal characters" });
    expect(parseHashLine(`pdq,${PDQ.slice(1)}g`, 1)).toEqual({ error: "pdq value must be 64 hexadecimal characters" });
    expect(parseHashLine(`video_md5,${SHA256}`, 1)).toEqual({
      error: "video_md5 value must be 32 hexadecimal characters",
    });
    expect(parseHashLine(`photo_md5,${MD5.slice(0, 31)}z`, 1)).toEqual({
      error: "photo_md5 value must be 32 hexadecimal characters",
    });
    expect(parseHashLine(`sha256,${MD5}`, 1)).toEqual({ error: "sha256 value must be 64 hexadecimal characters" });
    expect(parseHashLine(`pdqq,${PDQ}`, 1)).toEqual({ error: 'unknown signal type "pdqq"' });
    expect(parseHashLine("pdq,", 1)).toEqual({ error: "missing pdq value" });
    expect(parseHashLine(`vpdq,not json`, 1)).toEqual({
      error: 'vpdq value must be a JSON list of "pdq,quality,seconds" frames',
    });
    expect(parseHashLine(`vpdq,"[""${PDQ},101,0.0""]"`, 1)).toEqual({
      error: "vpdq frame 1: quality must be a whole number from 0 to 100",
    });
    expect(parseHashLine(`vpdq,"[""${PDQ},1,0.0"", ""${PDQ},1,-1""]"`, 1)).toEqual({
      error: "vpdq frame 2: timestamp must be a non-negative number of seconds",
    });
    expect(parseHashLine(`vpdq,["${PDQ},1,1e300"]`, 1)).toEqual({
      error: "vpdq frame 1: timestamp must be a non-negative number of seconds",
    });
    expect(parseHashLine(`vpdq,[]`, 1)).toEqual({ error: "vpdq value has no frames" });
    expect(parseHashLine(`vpdq,"[""${PDQ},1,0.0]`, 1)).toEqual({ error: "a quoted field is not closed on its line" });
  });

  it("skips blank lines, comments and the header, and tolerates a carriage return", () => {
    expect(parseHashLine("", 1)).toBeNull();
    expect(parseHashLine("   \r", 1)).toBeNull();
    expect(parseHashLine("# exported from somewhere", 1)).toBeNull();
    expect(parseHashLine("signal_type,value", 1)).toBeNull();
    expect(parseHashLine(`pdq,${PDQ}\r`, 7)).toEqual({ signalType: "pdq", value: PDQ, line: 7 });
  });

  it("reads threatexchange's own spellings: a space separator and video_sha256", () => {
    expect(parseHashLine(`video_md5 ${MD5}`, 1)).toEqual({ signalType: "video_md5", value: MD5, line: 1 });
    expect(parseHashLine(`video_sha256,${SHA256}`, 1)).toEqual({ signalType: "sha256", value: SHA256, line: 1 });
    expect(parseHashLine(`vpdq ["${PDQ},100,0.0"]`, 1)).toMatchObject({ signalType: "vpdq", frames: [FRAMES[0]] });
  });

  it("reads a plain value of a declared type", () => {
    expect(parseHashLine(MD5.toUpperCase(), 3, "video_md5")).toEqual({ signalType: "video_md5", value: MD5, line: 3 });
    expect(parseHashLine(`pdq,${PDQ}`, 3, "pdq")).toEqual({ error: "pdq value must be 64 hexadecimal characters" });
  });

  it("round-trips a quoted vPDQ value through formatHashLine", () => {
    const value = formatVpdqValue(FRAMES);
    const line = formatHashLine({ signalType: "vpdq", value });
    expect(line).toBe(`vpdq,"${value.replaceAll('"', '""')}"\n`);
    expect(parseHashLine(line, 9)).toEqual({ signalType: "vpdq", value, frames: FRAMES, line: 9 });
  });
});

describe("vPDQ values", () => {
  it("are written as threatexchange writes them: a JSON list of pdq,quality,seconds strings", () => {
    expect(formatVpdqValue(FRAMES)).toBe(`["${PDQ},100,0.0", "${PDQ2},49,1.5", "${PDQ},87,61.234"]`);
    expect(parseVpdqValue(formatVpdqValue(FRAMES))).toEqual(FRAMES);
  });

  it("read threatexchange's three significant digits and the older form keyed by frame number", () => {
    expect(parseVpdqValue(`["${PDQ},90,1.23e+03"]`)).toEqual([{ pdq: PDQ, quality: 90, atMs: 1_230_000 }]);
    const older = JSON.stringify({
      1: { quality: 49, hash: PDQ2, timestamp: 1.5 },
      0: { quality: 100, hash: PDQ, timestamp: 0 },
    });
    expect(parseVpdqValue(older)).toEqual([FRAMES[0], FRAMES[1]]);
  });

  it("throw a plain message for bad input", () => {
    expect(() => parseVpdqValue(`["${PDQ},100"]`)).toThrow('vpdq frame 1 must be a "pdq,quality,seconds" string');
    expect(() => parseVpdqValue(`["abc,100,0.0"]`)).toThrow("vpdq frame 1: pdq must be 64 hexadecimal characters");
    expect(() => parseVpdqValue("42")).toThrow('vpdq value must be a JSON list of "pdq,quality,seconds" frames');
    expect(() => formatVpdqValue([{ pdq: PDQ, quality: 50, atMs: 1.5 }])).toThrow(
      "vpdq frame 1: time must be a whole, non-negative number of milliseconds",
    );
  });
});

describe("parseHashList", () => {
  it("skips the header and reports exactly the bad lines among a thousand", async () => {
    const bad = new Set([17, 500, 998]);
    const rows = [formatHashListHeader().trimEnd()];
    for (let line = 2; line <= 1000; line++) {
      const hex = line.toString(16).padStart(64, "0");
      rows.push(bad.has(line) ? `pdq,${hex.slice(1)}` : `pdq,${hex}`);
    }
    const result = await parseText(rows.join("\r\n") + "\r\n");
    expect(result.lines).toBe(1000);
    expect(result.errorCount).toBe(3);
    expect(result.errors).toEqual(
      [...bad].map((line) => ({ line, message: "pdq value must be 64 hexadecimal characters" })),
    );
    expect(result.entries).toHaveLength(996);
    expect(result.entries[0]).toEqual({ signalType: "pdq", value: "2".padStart(64, "0"), line: 2 });
  });

  it("reads lines and multi-byte characters split across chunks at every byte", async () => {
    const text = `# liste exportée ✓ 🙂\npdq,${PDQ}\n# ünïcödé\r\nvideo_md5,${MD5}\npdqé,${PDQ}\nsha256,${SHA256}`;
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      for (const second of [cut + 1, cut + 3]) {
        const result = await parseHashList(
          chunksOf(bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)),
        );
        expect(result.entries.map((e) => [e.line, e.value])).toEqual([
          [2, PDQ],
          [4, MD5],
          [6, SHA256],
        ]);
        expect(result.errors).toEqual([{ line: 5, message: 'unknown signal type "pdqé"' }]);
        expect(result.lines).toBe(6);
      }
    }
  });

  it("takes text chunks as well as bytes", async () => {
    const result = await parseHashList(
      chunksOf(`pdq,${PDQ.slice(0, 10)}`, Buffer.from(PDQ.slice(10)), "\nsha", `256,${SHA256}`),
    );
    expect(result.entries.map((e) => e.signalType)).toEqual(["pdq", "sha256"]);
  });

  it("reads plain files of a declared type", async () => {
    const result = await parseText(`${MD5}\n\n${MD5.toUpperCase()}\nnope\n`, { declaredType: "photo_md5" });
    expect(result.entries).toEqual([
      { signalType: "photo_md5", value: MD5, line: 1 },
      { signalType: "photo_md5", value: MD5, line: 3 },
    ]);
    expect(result.errors).toEqual([{ line: 4, message: "photo_md5 value must be 32 hexadecimal characters" }]);
  });

  it("reads the threatexchange CLI's dataset CSV, taking the columns its header names", async () => {
    const text = [
      "signal_type,signal_str,collab,category,tags",
      `pdq,${PDQ},Sample Signals,POSITIVE_CLASS,media_type_photo`,
      `vpdq,"[""${PDQ},100,0.0""]",Sample Signals,INVESTIGATION_SEED,`,
      `video_md5,${MD5.slice(2)},Sample Signals,POSITIVE_CLASS,`,
    ].join("\n");
    const result = await parseText(text);
    expect(result.entries.map((e) => [e.signalType, e.line])).toEqual([
      ["pdq", 2],
      ["vpdq", 3],
    ]);
    expect(result.errors).toEqual([{ line: 4, message: "video_md5 value must be 32 hexadecimal characters" }]);
  });

  it("keeps maxErrors errors and still counts every one", async () => {
    const text = Array.from({ length: 50 }, (_, i) => (i % 2 ? `pdq,${PDQ}` : "pdq,zz")).join("\n");
    const result = await parseText(text, { maxErrors: 5 });
    expect(result.errorCount).toBe(25);
    expect(result.errors.map((e) => e.line)).toEqual([1, 3, 5, 7, 9]);
    expect(result.entries).toHaveLength(25);
  });

  it("refuses a list beyond maxEntries, naming the limit, and stops reading", async () => {
    let pulled = 0;
    async function* many() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield `pdq,${PDQ}\n`;
      }
    }
    const result = await parseHashList(many(), { maxEntries: 10 });
    expect(result.entries).toHaveLength(10);
    expect(result.errors).toEqual([
      { line: 11, message: "the list has more than 10 entries, the most one list may hold" },
    ]);
    expect(result.errorCount).toBe(1);
    expect(pulled).toBe(11);
  });

  it("reports a line too long to hold and goes on with the next", async () => {
    const result = await parseHashList(chunksOf("pdq,", "a".repeat(60), "b".repeat(60), `\npdq,${PDQ}\n`), {
      maxLineLength: 100,
    });
    expect(result.errors).toEqual([{ line: 1, message: "line is longer than 100 characters" }]);
    expect(result.entries).toEqual([{ signalType: "pdq", value: PDQ, line: 2 }]);
    const inOneChunk = await parseText(`pdq,${PDQ}\nvpdq,${"x".repeat(200)}\n`, { maxLineLength: 100 });
    expect(inOneChunk.errors).toEqual([{ line: 2, message: "line is longer than 100 characters" }]);
  });

  it("exports a mixed list that parses back to the same entries", async () => {
    const entries: HashListEntry[] = [
      { signalType: "pdq", value: PDQ, line: 2 },
      { signalType: "vpdq", value: formatVpdqValue(FRAMES), frames: FRAMES, line: 3 },
      { signalType: "video_md5", value: MD5, line: 4 },
      { signalType: "photo_md5", value: "0".repeat(32), line: 5 },
      { signalType: "sha256", value: SHA256, line: 6 },
    ];
    const exported = formatHashListHeader() + entries.map(formatHashLine).join("");
    expect(exported.endsWith("\n")).toBe(true);
    expect(exported.split("\n")[0]).toBe("signal_type,value");
    const result = await parseText(exported);
    expect(result.errorCount).toBe(0);
    expect(result.entries).toEqual(entries);
  });

  it("reports progress every 10,000 lines with increasing counts, and at the end", async () => {
    const short: number[] = [];
    await parseText(`pdq,${PDQ}\n`.repeat(25_001), { onProgress: (p) => short.push(p.lines) });
    expect(short).toEqual([10_000, 20_000, 25_001]);

    const lines = 200_000;
    const text = `pdq,${PDQ}\n`.repeat(lines);
    const bytes = Buffer.from(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
    }
    const seen: { lines: number; bytes: number }[] = [];
    const result = await parseHashList(chunks(), { maxEntries: lines, onProgress: (p) => seen.push(p) });
    expect(result.entries).toHaveLength(lines);
    expect(result.errorCount).toBe(0);
    // The last line falls on a multiple of 10,000 with every byte read, so the call at the end is that one.
    expect(seen.map((p) => p.lines)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10_000));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
    expect(seen.at(-1)).toEqual({ lines, bytes: bytes.length });
  });
});
