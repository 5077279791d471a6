// Sends a stored media file over HTTP with byte ranges, so a browser's <video> can seek. One range at a time:
// a request for several ranges gets the whole file (200), which RFC 9110 allows and every player accepts, and
// spares us multipart/byteranges. There are no validators (ETag, Last-Modified), so a request with If-Range also
// gets the whole file, as RFC 9110 §13.1.5 asks.
import type express from "express";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { isValidKey, type MediaStore } from "./store.ts";

const SECURITY_HEADERS: Record<string, string> = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'",
  "Cross-Origin-Resource-Policy": "same-origin",
};
const SAFE_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=[a-z0-9!#$&^_.+-]+)*$/i;
const MAX_RANGE_HEADER = 200;

export type ByteRange = { start: number; end: number };

/**
 * What a Range header asks of a file of `size` bytes: "all" (no header, another unit, several ranges or a
 * malformed one, all of which RFC 9110 lets a server ignore), one inclusive range, or "unsatisfiable".
 */
export function parseRange(header: string | undefined, size: number): "all" | "unsatisfiable" | ByteRange {
  if (header === undefined || header.length > MAX_RANGE_HEADER) return "all";
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return "all";
  const specs = match[1]!.split(",").map((s) => s.trim());
  if (specs.length !== 1) return "all";
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!spec) return "all";
  const [, first, last] = spec as unknown as [string, string, string];
  if (first === "" && last === "") return "all";
  if (first === "") {
    // suffix: the last n bytes
    const n = Number(last);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  if (end < start) return "all";
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

// encodeURIComponent leaves ' ( ) * alone, which RFC 8187's attr-char does not allow
const encodeRfc8187 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function contentDisposition(name: string): string {
  const short = name.slice(0, 150);
  const ascii = short.replace(/[^A-Za-z0-9._ -]/g, "_") || "media";
  let utf8: string;
  try {
    utf8 = encodeRfc8187(short);
  } catch {
    // a lone surrogate cannot be encoded: the plain name alone will do
    return `attachment; filename="${ascii}"`;
  }
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

function sendError(res: express.Response, status: number, error: string): void {
  res.status(status).set(SECURITY_HEADERS).json({ error });
}

/** Ends the response without a word: used once something went wrong after the status could still be chosen. */
function abort(res: express.Response): void {
  res.destroy();
}

export async function sendStoredMedia(
  req: express.Request,
  res: express.Response,
  store: MediaStore,
  key: string,
  opts: { contentType?: string; downloadName?: string } = {},
): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.set("Allow", "GET, HEAD");
    return sendError(res, 405, "Method not allowed.");
  }
  if (!isValidKey(key)) return sendError(res, 404, "No such media.");

  let info: { size: number; contentType: string } | null;
  try {
    info = await store.stat(key);
  } catch {
    return sendError(res, 503, "Media is not available right now.");
  }
  if (!info) return sendError(res, 404, "No such media.");
  const { size } = info;

  const type = opts.contentType && SAFE_TYPE.test(opts.contentType) ? opts.contentType : info.contentType;
  res.set(SECURITY_HEADERS);
  res.set("Accept-Ranges", "bytes");

  const range = req.headers["if-range"] !== undefined ? "all" : parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.set("Content-Range", `bytes */${size}`);
    return sendError(res, 416, "Range not satisfiable.");
  }

  res.set("Content-Type", SAFE_TYPE.test(type) ? type : "application/octet-stream");
  if (opts.downloadName) res.set("Content-Disposition", contentDisposition(opts.downloadName));
  if (range === "all") {
    res.status(200).set("Content-Length", String(size));
  } else {
    res
      .status(206)
      .set("Content-Range", `bytes ${range.start}-${range.end}/${size}`)
      .set("Content-Length", String(range.end - range.start + 1));
  }

  if (req.method === "HEAD" || size === 0) {
    res.end();
    return;
  }

  let body: NodeJS.ReadableStream | Readable;
  try {
    body = await store.read(key, range === "all" ? undefined : range);
  } catch {
    // the headers are set but not sent; the file went away or the store failed: close rather than lie
    return abort(res);
  }
  if (res.destroyed) {
    (body as Readable).destroy?.();
    return;
  }
  try {
    // pipeline destroys the store's stream when the client goes away, and the response when the store fails
    await pipeline(body, res);
  } catch {
    abort(res);
  }
}
