// Hash lists as other trust-and-safety tools exchange them, read and written without a database.
//
// The conventions are those of Meta's python-threatexchange, which HMA (hasher-matcher-actioner) stores and
// exchanges through:
// - A signal type's name is its class name in lower_snake_case without "Signal" (SignalType.get_name()):
//   PdqSignal "pdq", VideoMD5Signal "video_md5", VPDQSignal "vpdq", VideoSHA256Signal "video_sha256". Vigil's
//   "sha256" is that last one, so "video_sha256" is read as "sha256"; "photo_md5" is Vigil's own, the MD5 of a
//   still, which threatexchange does not name.
// - MD5 and SHA-256 values are lowercase hex after trimming; PDQ is 64 hex characters.
// - A vPDQ value (vpdq_util.vpdq_to_json) is a JSON array with one string per kept frame, "pdqhex,quality,seconds":
//   quality a whole number 0–100, seconds a non-negative decimal (Python writes 3 significant digits, so long
//   videos arrive as "1.23e+03"). An older form was a JSON object keyed by frame number with
//   {quality, hash, timestamp}; both are read, the array is written, with millisecond precision.
// - Lists travel as text lines: the CLI's `dataset --csv` writes a header `signal_type,signal_str,collab,...`, its
//   plain printing and the local-file exchange use "type value" with a space, and `match --hashes` and a local file
//   configured with one signal type take one value a line. So the separator may be a comma or a space, a header
//   of more columns picks the two it names, and a declared type reads plain lines.
// Quoted fields follow RFC 4180 within a line; a quoted value spanning lines is not read (no hash contains one).

export const SIGNAL_TYPES = ["pdq", "vpdq", "video_md5", "photo_md5", "sha256"] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export interface VpdqFrame {
  pdq: string;
  quality: number;
  atMs: number;
}

export type HashListEntry =
  | { signalType: "pdq" | "video_md5" | "photo_md5" | "sha256"; value: string; line: number }
  | { signalType: "vpdq"; value: string; frames: VpdqFrame[]; line: number };

export interface HashListError {
  line: number;
  message: string;
}

export interface HashListParseResult {
  entries: HashListEntry[];
  errors: HashListError[];
  errorCount: number;
  lines: number;
}

export interface ParseOptions {
  declaredType?: SignalType;
  /** Errors kept in `errors`, default 100; `errorCount` counts every one. */
  maxErrors?: number;
  /** Reading stops with an error naming the limit when the list has more entries than this. */
  maxEntries?: number;
  /** Called every 10,000 lines and once at the end; `bytes` is what has been read so far. */
  onProgress?: (p: { lines: number; bytes: number }) => void;
  /** A line longer than this (in characters) is an error rather than held in memory; default 4 MiB. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_ERRORS = 100;
export const DEFAULT_MAX_LINE_LENGTH = 4 * 1024 * 1024;
const PROGRESS_EVERY = 10_000;

const HEX_LENGTH: Record<Exclude<SignalType, "vpdq">, number> = {
  pdq: 64,
  video_md5: 32,
  photo_md5: 32,
  sha256: 64,
};

/** Names other tools use for Vigil's types. */
const SIGNAL_TYPE_ALIASES: Record<string, SignalType> = { video_sha256: "sha256" };

const HEADER_TYPE_COLUMN = "signal_type";
const HEADER_VALUE_COLUMNS = new Set(["value", "signal_str", "signal", "hash"]);

/** Reads the name another tool gives a signal type; undefined when it is none Vigil keeps. */
export function signalTypeNamed(name: string): SignalType | undefined {
  const lower = name.toLowerCase();
  if ((SIGNAL_TYPES as readonly string[]).includes(lower)) return lower as SignalType;
  return SIGNAL_TYPE_ALIASES[lower];
}

const CH_TAB = 9;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_COMMA = 44;
const CH_BOM = 0xfeff;

const isBlank = (c: number) => c === CH_SPACE || c === CH_TAB || c === 13 || c === 10 || c === CH_BOM;

/**
 * Lowercase hex of exactly `length` characters, or null. An already lowercase value stays a slice of its chunk,
 * so kept entries keep their chunks' text alive (the list's text once, never twice): copying every value costs
 * more than twice the parse time to save about a fifth of the memory.
 */
function normaliseHex(text: string, start: number, end: number, length: number): string | null {
  if (end - start !== length) return null;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c >= 97 && c <= 102) continue;
    if (c >= 65 && c <= 70) {
      upper = true;
      continue;
    }
    return null;
  }
  const slice = text.slice(start, end);
  return upper ? slice.toLowerCase() : slice;
}

function hexMessage(type: SignalType, length: number): string {
  return `${type} value must be ${length} hexadecimal characters`;
}

function validateValue(
  type: SignalType,
  text: string,
  start: number,
  end: number,
  line: number,
): HashListEntry | { error: string } {
  if (start >= end) return { error: `missing ${type} value` };
  if (type === "vpdq") {
    try {
      const frames = parseVpdqValue(text.slice(start, end));
      return { signalType: "vpdq", value: formatVpdqValue(frames), frames, line };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  const length = HEX_LENGTH[type];
  const value = normaliseHex(text, start, end, length);
  if (value === null) return { error: hexMessage(type, length) };
  return { signalType: type, value, line };
}

/** Reads an RFC 4180 quoted field starting at the opening quote; returns the value and the index after it. */
function readQuoted(text: string, open: number, end: number): { value: string; next: number } | { error: string } {
  let out = "";
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close < 0 || close >= end) return { error: "a quoted field is not closed on its line" };
    out += text.slice(from, close);
    if (close + 1 < end && text.charCodeAt(close + 1) === CH_QUOTE) {
      out += '"';
      from = close + 2;
      continue;
    }
    return { value: out, next: close + 1 };
  }
}

/** Splits one line into RFC 4180 fields (whitespace around a field is dropped). */
function splitCsvFields(text: string, start: number, end: number): string[] | { error: string } {
  const fields: string[] = [];
  let i = start;
  for (;;) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i < end && text.charCodeAt(i) === CH_QUOTE) {
      const quoted = readQuoted(text, i, end);
      if ("error" in quoted) return quoted;
      fields.push(quoted.value);
      i = quoted.next;
      while (i < end && isBlank(text.charCodeAt(i))) i++;
      if (i < end && text.charCodeAt(i) !== CH_COMMA) return { error: "unexpected text after a quoted field" };
    } else {
      let j = text.indexOf(",", i);
      if (j < 0 || j > end) j = end;
      let k = j;
      while (k > i && isBlank(text.charCodeAt(k - 1))) k--;
      fields.push(text.slice(i, k));
      i = j;
    }
    if (i >= end) return fields;
    i++; // the comma
  }
}

/** Where a header of more than two columns (the threatexchange CLI's dataset CSV) keeps the type and the value. */
interface Columns {
  type: number;
  value: number;
}

/** The header's columns, or undefined when the line is not a header. */
function headerColumns(text: string, start: number, end: number): Columns | "plain" | undefined {
  const fields = splitCsvFields(text, start, end);
  if (!Array.isArray(fields) || fields[0]?.toLowerCase() !== HEADER_TYPE_COLUMN) return undefined;
  const value = fields.findIndex((f, i) => i > 0 && HEADER_VALUE_COLUMNS.has(f.toLowerCase()));
  if (fields.length <= 2 || value < 0) return "plain";
  return { type: 0, value };
}

function parseColumnsLine(
  text: string,
  start: number,
  end: number,
  line: number,
  columns: Columns,
): HashListEntry | null | { error: string } {
  const fields = splitCsvFields(text, start, end);
  if (!Array.isArray(fields)) return fields;
  const typeName = fields[columns.type] ?? "";
  if (typeName.toLowerCase() === HEADER_TYPE_COLUMN) return null;
  const type = signalTypeNamed(typeName);
  if (!type) return { error: typeName ? `unknown signal type ${JSON.stringify(typeName)}` : "missing signal type" };
  const value = fields[columns.value] ?? "";
  return validateValue(type, value, 0, value.length, line);
}

function parseLineRange(
  text: string,
  start: number,
  end: number,
  line: number,
  declaredType: SignalType | undefined,
  columns: Columns | undefined,
): HashListEntry | null | { error: string } {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end || text.charCodeAt(start) === CH_HASH) return null;

  if (declaredType) {
    if (text.charCodeAt(start) !== CH_QUOTE) return validateValue(declaredType, text, start, end, line);
    const quoted = readQuoted(text, start, end);
    if ("error" in quoted) return quoted;
    if (quoted.next !== end) return { error: "unexpected text after a quoted value" };
    return validateValue(declaredType, quoted.value, 0, quoted.value.length, line);
  }

  if (columns) return parseColumnsLine(text, start, end, line, columns);

  // The type: a quoted field, or up to the first comma, space or tab.
  let typeName: string;
  let i: number;
  if (text.charCodeAt(start) === CH_QUOTE) {
    const quoted = readQuoted(text, start, end);
    if ("error" in quoted) return quoted;
    typeName = quoted.value;
    i = quoted.next;
  } else {
    i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === CH_COMMA || c === CH_SPACE || c === CH_TAB) break;
    }
    typeName = text.slice(start, i);
  }
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (i < end && text.charCodeAt(i) === CH_COMMA) {
    i++;
    while (i < end && isBlank(text.charCodeAt(i))) i++;
  }

  if (typeName.toLowerCase() === HEADER_TYPE_COLUMN) return null;
  const type = signalTypeNamed(typeName);
  if (!type) return { error: typeName ? `unknown signal type ${JSON.stringify(typeName)}` : "missing signal type" };

  if (i < end && text.charCodeAt(i) === CH_QUOTE) {
    const quoted = readQuoted(text, i, end);
    if ("error" in quoted) return quoted;
    if (quoted.next !== end) return { error: "unexpected text after a quoted value" };
    return validateValue(type, quoted.value, 0, quoted.value.length, line);
  }
  return validateValue(type, text, i, end, line);
}

/** One line at a time, for callers that already split lines; returns an entry, null for blank/comment/header, or an error message. */
export function parseHashLine(
  text: string,
  line: number,
  declaredType?: SignalType,
): HashListEntry | null | { error: string } {
  return parseLineRange(text, 0, text.length, line, declaredType, undefined);
}

/** Reads a whole list from a stream of bytes (a file upload or fs.createReadStream) line by line without holding the text twice. */
export async function parseHashList(
  input: AsyncIterable<Uint8Array | string>,
  opts: ParseOptions = {},
): Promise<HashListParseResult> {
  const maxErrors = opts.maxErrors ?? DEFAULT_MAX_ERRORS;
  const maxEntries = opts.maxEntries ?? Infinity;
  const maxLineLength = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const { declaredType, onProgress } = opts;

  const entries: HashListEntry[] = [];
  const errors: HashListError[] = [];
  let errorCount = 0;
  let lines = 0;
  let bytes = 0;
  let columns: Columns | undefined;
  let seenContent = false;
  let refused = false;
  /** The line so far when a chunk ended inside it. */
  let carry = "";
  /** Set while skipping the rest of a line already reported as too long. */
  let overlong = false;

  const tooLongMessage = `line is longer than ${maxLineLength.toLocaleString("en")} characters`;
  let reported = { lines: 0, bytes: 0 };
  const progress = () => {
    reported = { lines, bytes };
    onProgress?.(reported);
  };

  const fail = (line: number, message: string) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ line, message });
  };

  const takeLine = (text: string, start: number, end: number) => {
    lines++;
    if (lines % PROGRESS_EVERY === 0) progress();
    if (end - start > maxLineLength) return fail(lines, tooLongMessage);
    if (!seenContent && !declaredType) {
      let s = start;
      while (s < end && isBlank(text.charCodeAt(s))) s++;
      if (s < end && text.charCodeAt(s) !== CH_HASH) {
        seenContent = true;
        const header = headerColumns(text, start, end);
        if (header) {
          if (header !== "plain") columns = header;
          return;
        }
      }
    }
    const parsed = parseLineRange(text, start, end, lines, declaredType, columns);
    if (parsed === null) return;
    if ("error" in parsed) fail(lines, parsed.error);
    else if (entries.length >= maxEntries) {
      fail(lines, `the list has more than ${maxEntries.toLocaleString("en")} entries, the most one list may hold`);
      refused = true;
    } else entries.push(parsed);
  };

  const takeText = (chunk: string) => {
    let text = chunk;
    let pos = 0;
    if (carry) {
      const nl = chunk.indexOf("\n");
      if (nl < 0) {
        carry += chunk;
        if (carry.length > maxLineLength) tooLong();
        return;
      }
      text = carry + chunk.slice(0, nl);
      carry = "";
      takeLine(text, 0, text.length);
      text = chunk;
      pos = nl + 1;
    } else if (overlong) {
      const nl = chunk.indexOf("\n");
      if (nl < 0) return;
      overlong = false;
      pos = nl + 1;
    }
    while (!refused) {
      const nl = text.indexOf("\n", pos);
      if (nl < 0) break;
      takeLine(text, pos, nl);
      pos = nl + 1;
    }
    if (refused || pos >= text.length) return;
    carry = text.slice(pos);
    if (carry.length > maxLineLength) tooLong();
  };

  const tooLong = () => {
    lines++;
    fail(lines, tooLongMessage);
    carry = "";
    overlong = true;
  };

  const decoder = new TextDecoder("utf-8");
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      bytes += Buffer.byteLength(chunk, "utf8");
      // A text chunk after bytes ends any character the bytes left open.
      takeText(decoder.decode() + chunk);
    } else {
      bytes += chunk.byteLength;
      takeText(decoder.decode(chunk, { stream: true }));
    }
    if (refused) break;
  }
  if (!refused) {
    const rest = decoder.decode();
    if (rest) takeText(rest);
    if (carry) {
      const last = carry;
      carry = "";
      takeLine(last, 0, last.length);
    }
  }
  if (reported.lines !== lines || reported.bytes !== bytes || lines === 0) progress();
  return { entries, errors, errorCount, lines };
}

const needsQuotes = (value: string) => /[",\r\n]/.test(value);

/** The export format: `signal_type,value` lines (value CSV-quoted when it contains a comma or quote), with a header line, ending in \n. */
export function formatHashLine(entry: { signalType: SignalType; value: string }): string {
  const { signalType, value } = entry;
  if (/[\r\n]/.test(value)) throw new Error(`a ${signalType} value cannot contain a line break`);
  return `${signalType},${needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value}\n`;
}

export function formatHashListHeader(): string {
  return "signal_type,value\n";
}

/** Seconds as threatexchange reads them, to the millisecond and no further: 0 → "0.0", 1500 → "1.5". */
function secondsOf(atMs: number): string {
  const whole = Math.floor(atMs / 1000);
  const ms = String(atMs % 1000)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return `${whole}.${ms || "0"}`;
}

function checkFrame(frame: VpdqFrame, index: number): void {
  if (!/^[0-9a-f]{64}$/.test(frame.pdq))
    throw new Error(`vpdq frame ${index + 1}: pdq must be 64 hexadecimal characters`);
  if (!Number.isInteger(frame.quality) || frame.quality < 0 || frame.quality > 100)
    throw new Error(`vpdq frame ${index + 1}: quality must be a whole number from 0 to 100`);
  if (!Number.isSafeInteger(frame.atMs) || frame.atMs < 0)
    throw new Error(`vpdq frame ${index + 1}: time must be a whole, non-negative number of milliseconds`);
}

/** A vPDQ value in threatexchange's serialisation: a JSON array of "pdqhex,quality,seconds" strings. */
export function formatVpdqValue(frames: VpdqFrame[]): string {
  frames.forEach(checkFrame);
  return `[${frames.map((f) => `"${f.pdq},${f.quality},${secondsOf(f.atMs)}"`).join(", ")}]`;
}

const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function frameFrom(pdqText: unknown, qualityText: unknown, secondsText: unknown, index: number): VpdqFrame {
  const at = `vpdq frame ${index + 1}`;
  const pdq = typeof pdqText === "string" ? pdqText.trim() : "";
  if (!/^[0-9a-fA-F]{64}$/.test(pdq)) throw new Error(`${at}: pdq must be 64 hexadecimal characters`);
  const qualityStr = typeof qualityText === "number" ? String(qualityText) : String(qualityText ?? "").trim();
  if (!/^\d{1,3}$/.test(qualityStr) || Number(qualityStr) > 100)
    throw new Error(`${at}: quality must be a whole number from 0 to 100`);
  const secondsStr = typeof secondsText === "number" ? String(secondsText) : String(secondsText ?? "").trim();
  const atMs = Math.round(Number(secondsStr) * 1000);
  if (!DECIMAL.test(secondsStr) || !Number.isSafeInteger(atMs))
    throw new Error(`${at}: timestamp must be a non-negative number of seconds`);
  return { pdq: pdq.toLowerCase(), quality: Number(qualityStr), atMs };
}

/** Frames from a vPDQ value; throws an Error saying what is wrong with it. */
export function parseVpdqValue(value: string): VpdqFrame[] {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('vpdq value must be a JSON list of "pdq,quality,seconds" frames');
  }
  let frames: VpdqFrame[];
  if (Array.isArray(json)) {
    frames = json.map((item, i) => {
      if (typeof item !== "string") throw new Error(`vpdq frame ${i + 1} must be a "pdq,quality,seconds" string`);
      const parts = item.split(",");
      if (parts.length !== 3) throw new Error(`vpdq frame ${i + 1} must be a "pdq,quality,seconds" string`);
      return frameFrom(parts[0], parts[1], parts[2], i);
    });
  } else if (json !== null && typeof json === "object") {
    // The older form, keyed by frame number.
    frames = Object.entries(json as Record<string, unknown>)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, f], i) => {
        if (f === null || typeof f !== "object")
          throw new Error(`vpdq frame ${i + 1} must have a hash, a quality and a timestamp`);
        const { hash, quality, timestamp } = f as Record<string, unknown>;
        return frameFrom(hash, quality, timestamp, i);
      });
  } else {
    throw new Error('vpdq value must be a JSON list of "pdq,quality,seconds" frames');
  }
  if (frames.length === 0) throw new Error("vpdq value has no frames");
  return frames;
}
