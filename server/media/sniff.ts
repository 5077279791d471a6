// What a file really is, from its first bytes. The platform's Content-Type header is a claim, not a fact: the
// pipeline decides from the bytes and accepts only the video and image formats it can process.

export interface SniffedType {
  mimeType: string;
  kind: "video" | "image";
}

/** How many leading bytes sniffMediaType looks at (fewer is fine for a file that is shorter). */
export const SNIFF_BYTES = 256;

const ascii = (head: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...head.subarray(from, Math.min(to, head.length)));

const startsWith = (head: Uint8Array, bytes: number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);

const u32 = (head: Uint8Array, at: number): number =>
  ((head[at]! << 24) | (head[at + 1]! << 16) | (head[at + 2]! << 8) | head[at + 3]!) >>> 0;

// ISO base media brands (major or compatible) that mean an MP4-family video.
const MP4_BRANDS = new Set([
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "iso7",
  "iso8",
  "iso9",
  "mp41",
  "mp42",
  "mp71",
  "avc1",
  "dash",
  "msnv",
  "MSNV",
  "ndas",
  "NDAS",
  "f4v ",
  "cmfc",
  "cmf2",
  "3gp4",
  "3gp5",
  "3gp6",
  "3g2a",
]);
const M4V_BRANDS = new Set(["M4V ", "M4VH", "M4VP"]);
// Still-image and audio-only brands: an ftyp box alone does not make a video.
const NOT_VIDEO_BRANDS = new Set([
  "heic",
  "heix",
  "heim",
  "heis",
  "hevc",
  "hevx",
  "mif1",
  "msf1",
  "avif",
  "avis",
  "M4A ",
  "M4B ",
  "M4P ",
  "crx ",
]);

function sniffFtyp(head: Uint8Array): SniffedType | null {
  const boxSize = u32(head, 0);
  if (boxSize < 16) return null;
  const major = ascii(head, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) compatible.push(ascii(head, at, at + 4));
  if (NOT_VIDEO_BRANDS.has(major)) return null;
  if (major === "qt  ") return { mimeType: "video/quicktime", kind: "video" };
  if (M4V_BRANDS.has(major)) return { mimeType: "video/x-m4v", kind: "video" };
  if (MP4_BRANDS.has(major)) return { mimeType: "video/mp4", kind: "video" };
  // An unfamiliar major brand still counts when it declares compatibility with a known one.
  if (compatible.includes("qt  ")) return { mimeType: "video/quicktime", kind: "video" };
  if (compatible.some((b) => M4V_BRANDS.has(b))) return { mimeType: "video/x-m4v", kind: "video" };
  if (compatible.some((b) => MP4_BRANDS.has(b))) return { mimeType: "video/mp4", kind: "video" };
  return null;
}

// Reads an EBML variable-length integer; returns [value, length] or null.
function readVint(head: Uint8Array, at: number): [number, number] | null {
  const first = head[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (!(first & (0x80 >> (length - 1)))) length++;
  if (at + length > head.length) return null;
  let value = first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + head[at + i]!;
  return [value, length];
}

function sniffEbml(head: Uint8Array): SniffedType | null {
  const header = readVint(head, 4);
  if (!header) return null;
  const [headerSize, sizeLength] = header;
  const end = Math.min(head.length, 4 + sizeLength + headerSize);
  // Walk the EBML header's children until DocType (ID 0x4282).
  let at = 4 + sizeLength;
  while (at + 2 < end) {
    const idLength = readVint(head, at)?.[1];
    if (!idLength) return null;
    const id = head.subarray(at, at + idLength);
    const size = readVint(head, at + idLength);
    if (!size) return null;
    const dataAt = at + idLength + size[1];
    if (idLength === 2 && id[0] === 0x42 && id[1] === 0x82) {
      const docType = ascii(head, dataAt, dataAt + size[0]).replace(/\0+$/, "");
      if (docType === "webm") return { mimeType: "video/webm", kind: "video" };
      if (docType === "matroska") return { mimeType: "video/x-matroska", kind: "video" };
      return null;
    }
    at = dataAt + size[0];
  }
  return null;
}

/** The real type of a file from its first bytes, or null when it is not a video or image the pipeline accepts. */
export function sniffMediaType(head: Uint8Array): SniffedType | null {
  if (head.length >= 12 && ascii(head, 4, 8) === "ftyp") return sniffFtyp(head);
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return sniffEbml(head);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mimeType: "image/jpeg", kind: "image" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mimeType: "image/png", kind: "image" };
  const six = ascii(head, 0, 6);
  if (six === "GIF87a" || six === "GIF89a") return { mimeType: "image/gif", kind: "image" };
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP" && /^VP8[ LX]$/.test(ascii(head, 12, 16))) {
    return { mimeType: "image/webp", kind: "image" };
  }
  // QuickTime files from before the ftyp box start straight with a movie or media atom.
  if (head.length >= 8 && u32(head, 0) >= 8 && ["moov", "mdat", "wide"].includes(ascii(head, 4, 8))) {
    return { mimeType: "video/quicktime", kind: "video" };
  }
  return null;
}

/** A few words on what an unaccepted file looks like, for the reviewer's error message; null if unknown. */
export function describeUnsupported(head: Uint8Array): string | null {
  if (head.length === 0) return null;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "a ZIP archive";
  if (ascii(head, 0, 5) === "%PDF-") return "a PDF document";
  if (startsWith(head, [0x1f, 0x8b])) return "gzip-compressed data";
  if (ascii(head, 4, 8) === "ftyp") return "an MP4-family file that is not a video (a still image or audio)";
  let text = ascii(head, 0, head.length);
  if (text.startsWith("\u00ef\u00bb\u00bf")) text = text.slice(3);
  text = text.trimStart().toLowerCase();
  if (
    text.startsWith("<!doctype html") ||
    text.startsWith("<html") ||
    text.startsWith("<head") ||
    text.startsWith("<body")
  ) {
    return "an HTML page";
  }
  if (text.startsWith("<?xml") || text.startsWith("<svg")) return "an XML or SVG document";
  if (text.startsWith("{") || text.startsWith("[")) return "JSON or other text";
  const printable = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80);
  return printable ? "text" : null;
}
