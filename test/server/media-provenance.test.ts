// Content Credentials (C2PA) read from real files: the C2PA SDK's signed fixtures (test/fixtures/media/c2pa, MIT
// licence beside them), copies of them damaged on purpose, and files ffmpeg writes here (PNG, GIF, WebM, MP4, MOV).
// Also the words the console shows for a reading, and for a platform whose flags disagree with the file.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProvenance } from "../../server/media/provenance.ts";
import type { Provenance } from "../../server/media/types.ts";
import {
  describeProvenance,
  formatSignedDate,
  platformDisagreement,
  type ProvenanceView,
} from "../../server/contracts/provenance-words.ts";

// Every rejection nobody handled, from the first line of this file to the last test.
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);
process.on("unhandledRejection", collect);

const fixtures = path.resolve(import.meta.dirname, "../fixtures/media/c2pa");
const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(fixtures, name)));
const run = promisify(execFile);
const ffmpegPath: string =
  process.env.VIGIL_FFMPEG_PATH ??
  (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

// A Provenance must fit the client's view of it (checked by tsc).
const asView = (p: Provenance): ProvenanceView => p;

/** Offset of the first occurrence of `text` (latin1) in `bytes`, from `from`. */
function indexOf(bytes: Uint8Array, text: string, from = 0): number {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(text, "latin1"), from);
  if (at < 0) throw new Error(`${text} not found`);
  return at;
}

/** Top-level ISO BMFF boxes: type, offset, size. */
function topBoxes(bytes: Uint8Array): { type: string; offset: number; size: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = [];
  for (let at = 0; at + 8 <= bytes.length;) {
    let size = view.getUint32(at);
    if (size === 1) size = Number(view.getBigUint64(at + 8));
    if (size < 8) break;
    boxes.push({ type: Buffer.from(bytes.subarray(at + 4, at + 8)).toString("latin1"), offset: at, size });
    at += size;
  }
  return boxes;
}

/** End of the APP11 (JUMBF) segments of a JPEG: the manifest lies before it, the image data after. */
function jpegManifestRange(bytes: Uint8Array): { start: number; end: number } {
  let at = 2;
  let start = -1;
  let end = -1;
  while (at + 4 <= bytes.length && bytes[at] === 0xff && bytes[at + 1] !== 0xda) {
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (bytes[at + 1] === 0xeb) {
      if (start < 0) start = at;
      end = at + 2 + length;
    }
    at += 2 + length;
  }
  if (start < 0) throw new Error("no APP11 segment");
  return { start, end };
}

const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at]! ^= 0xff;
  return copy;
};

let tmp: string;
const made: Record<string, Uint8Array> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-provenance-"));
  const source = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "1"];
  const outputs: [string, string[]][] = [
    ["still.png", ["-frames:v", "1"]],
    ["anim.gif", []],
    ["clip.webm", ["-c:v", "libvpx", "-b:v", "100k"]],
    ["clip.mp4", ["-c:v", "libx264", "-pix_fmt", "yuv420p"]],
    ["clip.mov", ["-c:v", "libx264", "-pix_fmt", "yuv420p"]],
  ];
  await Promise.all(
    outputs.map(async ([name, args]) => {
      const file = path.join(tmp, name);
      await run(ffmpegPath, ["-hide_banner", "-loglevel", "error", "-y", ...source, ...args, file]);
      made[name] = new Uint8Array(fs.readFileSync(file));
    }),
  );
}, 60_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("readProvenance on signed fixtures", () => {
  it("reads C.jpg as valid, with its generator, signer, time and digital source type", async () => {
    const p = await readProvenance(read("C.jpg"), { mimeType: "image/jpeg" });
    expect(p.state).toBe("valid");
    expect(p.failures).toBeUndefined();
    expect(p.generator).toBe("make_test_images/0.33.1");
    // The fixtures are signed with the C2PA SDK's test certificate (O=C2PA Test Signing Cert, CN=C2PA Signer).
    expect(p.signer).toBe("C2PA Test Signing Cert");
    expect(p.signedAt).toBe("2024-08-06T21:53:37.000Z");
    expect(p.actions).toEqual(["c2pa.created"]);
    // IPTC algorithmicMedia: made by software without a trained model, so not flagged as AI-generated.
    expect(p.digitalSourceType).toBe("algorithmicMedia");
    expect(p.aiGenerated).toBe(false);
    expect(p.ingredients).toBeUndefined();
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.data", matches: true });
    expect(describeProvenance(asView(p))).toBe(
      "Made with make_test_images/0.33.1, signed by C2PA Test Signing Cert on 6 Aug 2024",
    );
  });

  it("reads CA.jpg as valid, with its ingredient and actions", async () => {
    const p = await readProvenance(read("CA.jpg"));
    expect(p.state).toBe("valid");
    expect(p.generator).toBe("make_test_images/0.33.1");
    expect(p.ingredients).toEqual([{ title: "A.jpg", relationship: "parentOf" }]);
    expect(p.actions).toEqual(["c2pa.opened", "c2pa.color_adjustments"]);
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.data", matches: true });
  });

  it("finds the MP4 manifest of video1.mp4 and reports its BMFF hash binding as matching", async () => {
    const p = await readProvenance(read("video1.mp4"), { mimeType: "video/mp4" });
    expect(p.generator).toBe("TestApp c2patool/0.6.2 c2pa-rs/0.28.2");
    expect(p.signer).toBe("C2PA Test Signing Cert");
    expect(p.signedAt).toBe("2023-12-02T16:34:19.000Z");
    expect(p.ingredients).toEqual([{ title: "video1.mp4", relationship: "parentOf" }]);
    expect(p.actions).toEqual(["c2pa.opened"]);
    // The file's bytes are exactly what was signed: the BMFF v2 hash matches.
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.bmff.v2", matches: true });
    // The truth about this fixture: its c2pa.opened action names no ingredient, which the validation rules
    // reject (assertion.action.ingredientMismatch; the fixture's expected.tsv notes some readers report it). So
    // the credentials are invalid for that one reason, and for nothing to do with the content.
    expect(p.state).toBe("invalid");
    expect(p.failures).toEqual([expect.stringContaining("action ingredient mismatch")]);
  });

  it("reads video1_no_manifest.mp4 as absent", async () => {
    expect(await readProvenance(read("video1_no_manifest.mp4"))).toEqual({ state: "absent" });
  });
});

describe("readProvenance on tampered copies", () => {
  it("reports a data hash mismatch for C.jpg with one byte of image data flipped", async () => {
    const original = read("C.jpg");
    const { end } = jpegManifestRange(original);
    const at = Math.floor((end + original.length) / 2);
    expect(at).toBeGreaterThan(end);
    const p = await readProvenance(flipped(original, at));
    expect(p.state).toBe("invalid");
    expect(p.failures).toEqual(["The file's content does not match its Content Credentials (data hash mismatch)"]);
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.data", matches: false });
    // What the file claims is still shown to the reviewer.
    expect(p.generator).toBe("make_test_images/0.33.1");
    expect(describeProvenance(asView(p))).toBe("Credentials do not match this file");
  });

  it("reports a BMFF hash mismatch for video1.mp4 with one byte of mdat flipped", async () => {
    const original = read("video1.mp4");
    const mdat = topBoxes(original).find((box) => box.type === "mdat")!;
    const manifest = topBoxes(original).find((box) => box.type === "uuid")!;
    const at = mdat.offset + Math.floor(mdat.size / 2);
    expect(at < manifest.offset || at >= manifest.offset + manifest.size).toBe(true);
    const p = await readProvenance(flipped(original, at));
    expect(p.state).toBe("invalid");
    expect(p.failures).toContain("The file's content does not match its Content Credentials (BMFF hash mismatch)");
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.bmff.v2", matches: false });
  });

  it("reports a broken signature when the signature's bytes are changed", async () => {
    const original = read("C.jpg");
    const { start, end } = jpegManifestRange(original);
    // COSE_Sign1 ends with the signature bytes, and the signature box closes the manifest store.
    const at = end - 10;
    expect(at).toBeGreaterThan(indexOf(original, "c2pa.signature", start));
    const p = await readProvenance(flipped(original, at));
    expect(p.state).toBe("invalid");
    expect(p.failures).toContain("The signature does not match the claim");
    // The image itself was not touched.
    expect(p.contentBinding).toEqual({ assertion: "c2pa.hash.data", matches: true });
  });
});

describe("readProvenance on damaged files", () => {
  it("reads a JPEG cut in the middle of its manifest as malformed", async () => {
    const original = read("C.jpg");
    const { start, end } = jpegManifestRange(original);
    const p = await readProvenance(original.slice(0, Math.floor((start + end) / 2)));
    expect(p).toEqual({ state: "malformed", failures: ["The JPEG file's structure is damaged or cut short"] });
    expect(describeProvenance(asView(p))).toBe("Content Credentials could not be read");
  });

  it("reads an MP4 cut in the middle of its manifest as malformed", async () => {
    const original = read("video1.mp4");
    const manifest = topBoxes(original).find((box) => box.type === "uuid")!;
    const p = await readProvenance(original.slice(0, manifest.offset + Math.floor(manifest.size / 2)));
    expect(p).toEqual({ state: "malformed", failures: ["The MP4 file's structure is damaged or cut short"] });
  });

  it.each(["C.jpg", "video1.mp4"])("reads %s cut to 100 bytes as malformed", async (name) => {
    const p = await readProvenance(read(name).slice(0, 100));
    expect(p.state).toBe("malformed");
    expect(p.failures).toHaveLength(1);
  });

  it("reads garbage after a valid JPEG start-of-image marker as malformed", async () => {
    const garbage = read("C.jpg");
    for (let i = 2; i < 600; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    garbage[2] = 0x5a; // not a marker byte
    expect(await readProvenance(garbage)).toEqual({
      state: "malformed",
      failures: ["The JPEG file's structure is damaged or cut short"],
    });
  });

  it("reads an MP4 with a random-bytes box in its header as malformed", async () => {
    const original = read("video1.mp4");
    const ftyp = topBoxes(original)[0]!;
    expect(ftyp.type).toBe("ftyp");
    // A box after ftyp whose header and body are noise: its declared size runs far past the end of the file.
    const noise = new Uint8Array(64);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 131 + 7) & 0xff;
    noise.set([0x7f, 0x3a, 0x91, 0x0c], 0);
    const corrupt = new Uint8Array(original.length + noise.length);
    corrupt.set(original.subarray(0, ftyp.size), 0);
    corrupt.set(noise, ftyp.size);
    corrupt.set(original.subarray(ftyp.size), ftyp.size + noise.length);
    expect(await readProvenance(corrupt)).toEqual({
      state: "malformed",
      failures: ["The MP4 file's structure is damaged or cut short"],
    });
  });

  it("reads a manifest store whose claim is not valid CBOR as malformed", async () => {
    const original = read("C.jpg");
    const { start } = jpegManifestRange(original);
    const claim = indexOf(original, "c2pa.claim", start);
    const bad = original.slice();
    const cbor = indexOf(original, "cbor", claim) + 4;
    bad[cbor] = 0xff;
    bad[cbor + 1] = 0xff;
    const p = await readProvenance(bad);
    expect(p.state).toBe("malformed");
    expect(p.failures).toEqual([
      "The Content Credentials store is damaged (its JUMBF boxes or their CBOR cannot be decoded)",
    ]);
  });

  it("reads a manifest store whose JUMBF boxes are broken as malformed", async () => {
    const original = read("C.jpg");
    const { start } = jpegManifestRange(original);
    const bad = original.slice();
    // Inside the store's description box, past the JUMBF headers the JPEG reader looks at.
    const at = indexOf(original, "jumd", start) + 16;
    for (let i = 0; i < 8; i++) bad[at + i]! ^= 0x5a;
    const p = await readProvenance(bad);
    expect(p.state).toBe("malformed");
    expect(p.failures?.[0]).toMatch(/^The Content Credentials/);
  });

  it("reads an empty file as unsupported, or as malformed when it was sent as a JPEG", async () => {
    expect(await readProvenance(new Uint8Array())).toEqual({ state: "unsupported" });
    const p = await readProvenance(new Uint8Array(), { mimeType: "image/jpeg" });
    expect(p.state).toBe("malformed");
  });
});

describe("readProvenance on files without credentials", () => {
  it("reads a PNG without a manifest as absent", async () => {
    expect(await readProvenance(made["still.png"]!, { mimeType: "image/png" })).toEqual({ state: "absent" });
  });

  it("reads an MP4 ffmpeg wrote (isom brand) as absent", async () => {
    expect(await readProvenance(made["clip.mp4"]!)).toEqual({ state: "absent" });
  });

  it.each([
    ["a text file", () => new TextEncoder().encode("Not a picture, just words.\n")],
    ["a GIF", () => made["anim.gif"]!],
    ["a WebM video", () => made["clip.webm"]!],
    ["a QuickTime movie", () => made["clip.mov"]!],
  ])("reads %s as unsupported", async (_label, bytes) => {
    const p = await readProvenance(bytes());
    expect(p).toEqual({ state: "unsupported" });
    expect(describeProvenance(asView(p))).toBe("This file type cannot carry Content Credentials we can read");
  });

  it("goes by the bytes, and by the declared type only when the bytes are no known format", async () => {
    expect(await readProvenance(made["anim.gif"]!, { mimeType: "image/png" })).toEqual({ state: "unsupported" });
    expect((await readProvenance(read("C.jpg"), { mimeType: "video/webm" })).state).toBe("valid");
    const noise = new TextEncoder().encode("\u0001\u0002 no signature here");
    expect(await readProvenance(noise)).toEqual({ state: "unsupported" });
    expect(await readProvenance(noise, { mimeType: "image/png; charset=binary" })).toEqual({
      state: "malformed",
      failures: ["The PNG file's structure is damaged or cut short"],
    });
  });
});

describe("describeProvenance", () => {
  const valid: ProvenanceView = {
    state: "valid",
    generator: "Sora/2.1",
    signer: "OpenAI",
    signedAt: "2024-03-03T23:30:00.000Z",
    digitalSourceType: "trainedAlgorithmicMedia",
    aiGenerated: true,
  };

  it("says who made and signed valid credentials, when, and whether the content is AI-generated", () => {
    expect(describeProvenance(valid)).toBe("Made with Sora/2.1, signed by OpenAI on 3 Mar 2024, AI-generated");
  });

  it("dates in UTC", () => {
    expect(describeProvenance({ ...valid, signedAt: "2024-03-03T23:59:59-05:00" })).toContain("on 4 Mar 2024");
    expect(formatSignedDate("2024-12-31T23:59:59.999Z")).toBe("31 Dec 2024");
    expect(formatSignedDate("not a date")).toBeNull();
  });

  it("leaves out what the credentials do not say", () => {
    expect(describeProvenance({ ...valid, aiGenerated: false })).toBe(
      "Made with Sora/2.1, signed by OpenAI on 3 Mar 2024",
    );
    expect(describeProvenance({ ...valid, generator: undefined })).toBe("Signed by OpenAI on 3 Mar 2024, AI-generated");
    expect(describeProvenance({ ...valid, signedAt: undefined })).toBe(
      "Made with Sora/2.1, signed by OpenAI, AI-generated",
    );
    expect(describeProvenance({ ...valid, signer: undefined })).toBe(
      "Made with Sora/2.1, signed on 3 Mar 2024, AI-generated",
    );
    expect(describeProvenance({ ...valid, signedAt: "garbage" })).toBe(
      "Made with Sora/2.1, signed by OpenAI, AI-generated",
    );
    expect(describeProvenance({ state: "valid", aiGenerated: true })).toBe("AI-generated");
    expect(describeProvenance({ state: "valid" })).toBe("Valid Content Credentials");
  });

  it("names each other state", () => {
    expect(describeProvenance({ state: "absent" })).toBe("No Content Credentials");
    expect(describeProvenance({ state: "invalid", failures: ["x"] })).toBe("Credentials do not match this file");
    expect(describeProvenance({ state: "malformed", failures: ["x"] })).toBe("Content Credentials could not be read");
    expect(describeProvenance({ state: "unsupported" })).toBe(
      "This file type cannot carry Content Credentials we can read",
    );
  });
});

describe("platformDisagreement", () => {
  const says = (hasC2pa: boolean, hasWatermark = false) => ({ hasC2pa, hasWatermark });

  it("is null when the platform and the file agree", () => {
    expect(platformDisagreement(says(true), { state: "valid" })).toBeNull();
    expect(platformDisagreement(says(false), { state: "absent" })).toBeNull();
    expect(platformDisagreement(says(false), { state: "unsupported" })).toBeNull();
    expect(platformDisagreement(says(false, true), { state: "absent" })).toBeNull();
  });

  it("speaks up when the platform says credentials are present but the file has none", () => {
    expect(platformDisagreement(says(true), { state: "absent" })).toBe(
      "The platform says this file has Content Credentials, but the file carries none.",
    );
    expect(platformDisagreement(says(true, true), { state: "absent" })).toBe(
      "The platform says this file has Content Credentials, but the file carries none. The platform also reports a watermark.",
    );
  });

  it("speaks up when the platform says credentials are present but they do not check out", () => {
    expect(platformDisagreement(says(true), { state: "invalid" })).toMatch(/do not match it\.$/);
    expect(platformDisagreement(says(true), { state: "malformed" })).toMatch(/could not be read\.$/);
    expect(platformDisagreement(says(true), { state: "unsupported" })).toMatch(
      /cannot read credentials in this file type\.$/,
    );
  });

  it("speaks up when the platform says none but the file carries credentials", () => {
    expect(platformDisagreement(says(false), { state: "valid" })).toBe(
      "The platform says this file has no Content Credentials, but the file carries valid ones.",
    );
    expect(platformDisagreement(says(false), { state: "invalid" })).toMatch(
      /carries credentials that do not check out/,
    );
  });

  it("works on what the reader really says about the fixtures", async () => {
    const signed = await readProvenance(read("CA.jpg"));
    const bare = await readProvenance(read("video1_no_manifest.mp4"));
    expect(platformDisagreement(says(true), signed)).toBeNull();
    expect(platformDisagreement(says(false), signed)).not.toBeNull();
    expect(platformDisagreement(says(true), bare)).not.toBeNull();
    expect(platformDisagreement(says(false), bare)).toBeNull();
  });
});

describe("the reader never leaves a rejection behind", () => {
  it("survives every prefix length and stray byte flips of the fixtures without throwing", async () => {
    const inputs: Uint8Array[] = [];
    for (const name of ["C.jpg", "CA.jpg", "video1.mp4"]) {
      const bytes = read(name);
      for (let cut = 0; cut < bytes.length; cut += Math.ceil(bytes.length / 20)) inputs.push(bytes.slice(0, cut));
      for (let at = 3; at < Math.min(bytes.length, 60_000); at += 2999) inputs.push(flipped(bytes, at));
    }
    const readings = await Promise.all(inputs.map((bytes) => readProvenance(bytes)));
    for (const p of readings) expect(["valid", "invalid", "absent", "malformed", "unsupported"]).toContain(p.state);
  }, 60_000);

  it("saw no unhandled rejection in this whole file", async () => {
    // Let anything still queued surface before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off("unhandledRejection", collect);
    expect(unhandled).toEqual([]);
  });
});
