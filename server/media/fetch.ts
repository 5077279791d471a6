// Downloads one media file from the platform: allowlisted origins only, every redirect re-checked, no private
// addresses (resolved here, and the connection made to exactly the address that was checked), capped in size and
// time, streamed to a temp file while hashed, and typed from its bytes rather than its Content-Type.

import { createHash, randomBytes } from "node:crypto";
import dns from "node:dns";
import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import net from "node:net";
import path from "node:path";
import { MediaError } from "./types.ts";
import { isPrivateAddress, originAllowed, privateAddressAllowed, type MediaOrigin } from "./origins.ts";
import { describeUnsupported, SNIFF_BYTES, sniffMediaType } from "./sniff.ts";

export type MediaLookup = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

export interface FetchMediaOptions {
  origins: MediaOrigin[];
  maxBytes: number;
  /** for the whole fetch: lookups, redirects and the body */
  timeoutMs: number;
  /** longest silence from the server; defaults to the smaller of timeoutMs and 30 s */
  idleTimeoutMs?: number;
  /** where the temp file is written; it must exist */
  dir: string;
  /** DNS; defaults to the system resolver (dns.promises.lookup with all: true) */
  lookup?: MediaLookup;
  /** hex; when given, a file with another SHA-256 is refused */
  expectedSha256?: string;
  /** PEM certificate authorities to trust instead of the system's (tests, a CDN behind a private CA) */
  ca?: string | Buffer;
}

export interface FetchedMedia {
  /** the temp file in opts.dir; the caller moves or deletes it */
  file: string;
  bytes: number;
  sha256: string;
  md5: string;
  mimeType: string;
  kind: "video" | "image";
  /** the Content-Type the server claimed (media type only, lower case), for the record; never used to decide */
  declaredType: string | null;
  finalUrl: string;
}

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const systemLookup: MediaLookup = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The URL as shown in messages: no query or fragment (signed URLs carry credentials there), and not too long. */
function shown(url: URL): string {
  const text = `${url.protocol}//${url.host}${url.pathname}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function durationText(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** Checks one URL (the first or a redirect's target) against the allowlist; returns the origin that allows it. */
function checkUrl(url: URL, origins: MediaOrigin[], redirected: boolean): MediaOrigin {
  const subject = redirected ? `the media URL redirects to ${shown(url)}, which` : `the media URL ${shown(url)}`;
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new MediaError(
      "bad_url",
      redirected
        ? `the media URL redirects to a ${url.protocol} address, which is not a web address`
        : `the media URL uses ${url.protocol}, and only https is accepted`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new MediaError("bad_url", "the media URL carries a user name or password, which Vigil does not send");
  }
  const origin = originAllowed(url, origins);
  if (origin) return origin;
  if (url.protocol === "http:") {
    throw new MediaError(
      "insecure_url",
      redirected
        ? `${subject} is not an allowed media origin (plain http is allowed only for origins listed in VIGIL_MEDIA_ORIGINS)`
        : `${subject} uses plain http, and only https is allowed (except for origins listed in VIGIL_MEDIA_ORIGINS)`,
    );
  }
  throw new MediaError(
    "origin_not_allowed",
    redirected ? `${subject} is not an allowed media origin` : `${subject} is not on an allowed media origin`,
  );
}

function networkError(err: unknown, host: string): MediaError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "";
  const reasons: Record<string, string> = {
    ECONNREFUSED: "the connection was refused",
    ECONNRESET: "the connection was reset",
    EPIPE: "the connection was closed",
    ETIMEDOUT: "the connection timed out",
    EHOSTUNREACH: "the host is unreachable",
    ENETUNREACH: "the network is unreachable",
    ENOTFOUND: "its name does not resolve",
    EAI_AGAIN: "its name could not be resolved just now",
    HPE_INVALID_CONSTANT: "it did not answer in HTTP",
    ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another name",
    CERT_HAS_EXPIRED: "its TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate could not be verified",
    SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate could not be verified",
  };
  const reason =
    reasons[code] ??
    (code.startsWith("HPE_")
      ? "it sent a malformed HTTP answer"
      : code
        ? `the connection failed (${code})`
        : "the connection failed");
  return new MediaError("network", `could not download from the media host ${host}: ${reason}`, true);
}

export async function fetchMedia(url: string, opts: FetchMediaOptions): Promise<FetchedMedia> {
  const lookup = opts.lookup ?? systemLookup;
  const idleMs = opts.idleTimeoutMs ?? Math.min(opts.timeoutMs, 30_000);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new MediaError("bad_url", "the media URL is not a valid URL");
  }

  // One deadline for everything; the first failure recorded wins over the errors it causes downstream.
  let failure: MediaError | null = null;
  const abort = new AbortController();
  const fail = (err: MediaError) => {
    failure ??= err;
    abort.abort(failure);
  };
  const deadline = setTimeout(
    () => fail(new MediaError("timeout", `the media download took longer than ${durationText(opts.timeoutMs)}`, true)),
    opts.timeoutMs,
  );
  const aborted = new Promise<never>((_, reject) => {
    abort.signal.addEventListener("abort", () => reject(failure), { once: true });
  });
  aborted.catch(() => {});

  let file: string | null = null;
  try {
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const origin = checkUrl(current, opts.origins, hop > 0);
      visited.add(current.href);
      const target = await resolve(current, origin, lookup, aborted);
      const { req, res } = await request(current, target, opts.ca, idleMs, abort.signal, fail, aborted);

      if (REDIRECT_STATUSES.has(res.statusCode ?? 0)) {
        const location = res.headers.location;
        req.destroy();
        if (!location) {
          throw new MediaError(
            "http_status",
            `the media host answered HTTP ${res.statusCode} without saying where to go`,
          );
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new MediaError("bad_url", "the media URL redirects to something that is not a valid URL");
        }
        if (visited.has(next.href)) {
          throw new MediaError("redirect_loop", `the media URL redirects in a loop, back to ${shown(next)}`);
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new MediaError("redirect_loop", `the media URL redirects more than ${MAX_REDIRECTS} times`);
        }
        current = next;
        continue;
      }

      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        req.destroy();
        const text = http.STATUS_CODES[status];
        throw new MediaError(
          "http_status",
          `the media host answered HTTP ${status}${text ? ` (${text})` : ""}`,
          status >= 500 || status === 429,
        );
      }

      const declared = res.headers["content-type"]?.split(";")[0]?.trim().toLowerCase() || null;
      const lengthHeader = res.headers["content-length"];
      const declaredLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
      if (declaredLength !== null && declaredLength > opts.maxBytes) {
        req.destroy();
        throw new MediaError(
          "too_large",
          `the media file is ${sizeText(declaredLength)}, more than the ${sizeText(opts.maxBytes)} limit`,
        );
      }
      if (declaredLength === 0 || status === 204) {
        req.destroy();
        throw new MediaError("empty", "the media host sent an empty file");
      }

      file = path.join(opts.dir, `fetch-${randomBytes(12).toString("hex")}.part`);
      const body = await saveBody(res, file, opts.maxBytes, declared);
      req.destroy();
      if (failure) throw failure;

      if (opts.expectedSha256 !== undefined && opts.expectedSha256.trim().toLowerCase() !== body.sha256) {
        throw new MediaError("malformed", "the file's SHA-256 does not match the one the platform sent");
      }
      return { file, ...body, declaredType: declared, finalUrl: current.href };
    }
  } catch (err) {
    if (file) await fs.rm(file, { force: true });
    if (failure) throw failure;
    if (err instanceof MediaError) throw err;
    throw networkError(err, current.host);
  } finally {
    clearTimeout(deadline);
  }
}

interface Target {
  address: string;
  family: 4 | 6;
}

/** The address to connect to, checked before any connection is made. */
async function resolve(url: URL, origin: MediaOrigin, lookup: MediaLookup, aborted: Promise<never>): Promise<Target> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  let answers: Target[];
  const literal = net.isIP(hostname);
  if (literal !== 0) {
    answers = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      answers = await Promise.race([lookup(hostname), aborted]);
    } catch (err) {
      if (err instanceof MediaError) throw err;
      throw networkError(err, url.host);
    }
  }
  if (answers.length === 0) throw networkError({ code: "ENOTFOUND" }, url.host);
  // Refuse if any answer is private: the resolver's order is not ours to trust.
  for (const answer of answers) {
    if (isPrivateAddress(answer.address) && !privateAddressAllowed(origin, answer.address)) {
      throw new MediaError(
        "private_address",
        literal !== 0
          ? `the media host ${url.host} is a private or local address, which Vigil does not download from`
          : `the media host ${hostname} resolves to ${answer.address}, a private or local address, which Vigil does not download from`,
      );
    }
  }
  return answers[0]!;
}

function request(
  url: URL,
  target: Target,
  ca: string | Buffer | undefined,
  idleMs: number,
  signal: AbortSignal,
  fail: (err: MediaError) => void,
  aborted: Promise<never>,
): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  // Hands the socket the checked address, so nothing resolves the name again between check and connect.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return Promise.race([
    aborted,
    new Promise<{ req: http.ClientRequest; res: http.IncomingMessage }>((resolvePromise, reject) => {
      const req = client.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port === "" ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: {
          accept: "video/*, image/*;q=0.9, */*;q=0.1",
          "accept-encoding": "identity",
          "user-agent": "Vigil-media-fetcher",
        },
        lookup: pinned,
        agent: false,
        ...(ca !== undefined && url.protocol === "https:" ? { ca } : {}),
        signal,
      });
      req.setTimeout(idleMs, () =>
        fail(new MediaError("timeout", `the media host ${url.host} sent nothing for ${durationText(idleMs)}`, true)),
      );
      req.on("socket", (socket) => {
        // The address actually connected to, checked once more.
        socket.once("connect", () => {
          const remote = socket.remoteAddress ?? "";
          if (remote !== target.address && isPrivateAddress(remote)) {
            fail(
              new MediaError("private_address", `the media host ${url.host} connected to a private or local address`),
            );
          }
        });
      });
      req.on("response", (res) => resolvePromise({ req, res }));
      req.on("error", reject);
      req.end();
    }),
  ]);
}

async function saveBody(
  res: http.IncomingMessage,
  file: string,
  maxBytes: number,
  declared: string | null,
): Promise<{ bytes: number; sha256: string; md5: string; mimeType: string; kind: "video" | "image" }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "wx", 0o600);
  } catch {
    res.destroy();
    throw new MediaError(
      "processing_failed",
      "could not create a file for the download in the media work directory",
      true,
    );
  }
  const sha256 = createHash("sha256");
  const md5 = createHash("md5");
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let sniffed: ReturnType<typeof sniffMediaType> | undefined;
  let bytes = 0;

  const decide = () => {
    const head = Buffer.concat(headChunks).subarray(0, SNIFF_BYTES);
    sniffed = sniffMediaType(head);
    if (!sniffed) {
      const looksLike = describeUnsupported(head);
      throw new MediaError(
        "unsupported_type",
        `the media file is not a video or image Vigil accepts${looksLike ? `: it is ${looksLike}` : ""}` +
          (declared ? ` (the server called it ${declared})` : ""),
      );
    }
  };

  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        throw new MediaError("too_large", `the media file is larger than the ${sizeText(maxBytes)} limit`);
      }
      if (sniffed === undefined) {
        headChunks.push(chunk);
        headLength += chunk.length;
        // Decide as soon as the head is in, so a large wrong file is not downloaded to the end.
        if (headLength >= SNIFF_BYTES) decide();
      }
      sha256.update(chunk);
      md5.update(chunk);
      for (let offset = 0; offset < chunk.length;) {
        let written: number;
        try {
          ({ bytesWritten: written } = await handle.write(chunk, offset, chunk.length - offset));
        } catch {
          throw new MediaError("processing_failed", "could not write the download to the media work directory", true);
        }
        offset += written;
      }
    }
    if (!res.complete) {
      throw new MediaError("network", "the media host closed the connection before the whole file arrived", true);
    }
    if (bytes === 0) throw new MediaError("empty", "the media host sent an empty file");
    if (sniffed === undefined) decide();
  } catch (err) {
    res.destroy();
    if (!(err instanceof MediaError) && (err as NodeJS.ErrnoException)?.code === "ECONNRESET") {
      throw new MediaError("network", "the media host closed the connection before the whole file arrived", true);
    }
    throw err;
  } finally {
    await handle.close();
  }
  return {
    bytes,
    sha256: sha256.digest("hex"),
    md5: md5.digest("hex"),
    mimeType: sniffed!.mimeType,
    kind: sniffed!.kind,
  };
}
