// The content-addressed media store: originals and derived images under keys made from the original's SHA-256,
// kept in the data folder or in S3-compatible object storage. A key, once written, never changes, so a put of an
// existing key leaves it as it is.
//
// Layout: originals/ab/cd/<sha256> and derived/ab/cd/<sha256>/<name> (two levels of fan-out keep folders small).
// Content type: keys carry no extension, so the FS store keeps it in a sidecar file beside the data,
// "<key>~type" ("~" cannot appear in a key, so no key can name a sidecar); S3 keeps it as the object's Content-Type.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { MediaError } from "./types.ts";

export interface MediaStore {
  readonly kind: "fs" | "s3";
  /** Copies a local file in under `key` (streamed, never held in memory). An existing key is left as it is. */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  putBytes(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when nothing is stored under `key` */
  stat(key: string): Promise<{ size: number; contentType: string } | null>;
  /** The bytes under `key`, or the inclusive `range` of them; rejects when the key is missing. */
  read(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream | Readable>;
  /** Removes `key`; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/._-]*$/;
// every path segment starts with a letter or digit: no "", ".", ".." or hidden names, so a key stays inside the store
const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
const SHA256 = /^[0-9a-f]{64}$/;
const DERIVED_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
// type/subtype with optional parameters; no control characters, so it is always safe as a header value
const CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\\\p{Cc}]*"|[a-z0-9!#$&^_.+-]+))*$/iu;
const MAX_KEY_LENGTH = 512;
const FALLBACK_TYPE = "application/octet-stream";

export function isValidKey(key: string): boolean {
  return (
    typeof key === "string" &&
    key.length <= MAX_KEY_LENGTH &&
    KEY.test(key) &&
    !key.includes("..") &&
    key.split("/").every((s) => SEGMENT.test(s))
  );
}

function checkKey(key: string): void {
  if (!isValidKey(key)) throw new MediaError("processing_failed", "The media key is not a valid store key.");
}

function checkContentType(contentType: string): void {
  if (typeof contentType !== "string" || contentType.length > 200 || !CONTENT_TYPE.test(contentType)) {
    throw new MediaError("processing_failed", "The content type is not a valid media type.");
  }
}

function checkRange(range: { start: number; end: number } | undefined): void {
  if (!range) return;
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new MediaError("processing_failed", "The byte range asked of the media store is not valid.");
  }
}

function checkSha(sha256: string): void {
  if (!SHA256.test(sha256)) throw new MediaError("processing_failed", "The media hash is not a SHA-256 hex digest.");
}

/** The key of an original file, from the SHA-256 of its bytes (lowercase hex). */
export function originalKey(sha256: string): string {
  checkSha(sha256);
  return `originals/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** The key of an image derived from an original, e.g. its poster or contact strip. */
export function derivedKey(sha256: string, name: "poster.jpg" | "strip.jpg" | (string & {})): string {
  checkSha(sha256);
  if (!DERIVED_NAME.test(name) || name.includes("..")) {
    throw new MediaError("processing_failed", "The derived media name is not valid.");
  }
  return `derived/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}/${name}`;
}

function storeFailure(doing: string, cause: unknown): MediaError {
  if (cause instanceof MediaError) return cause;
  // retryable: a full disk or an unreachable bucket may well be fine next time
  const err = new MediaError("processing_failed", `The media store could not ${doing}.`, true);
  (err as { cause?: unknown }).cause = cause;
  return err;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

// ---- data folder ----

export function createFsStore(dir: string): MediaStore {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    checkKey(key);
    const file = path.join(root, ...key.split("/"));
    // belt and braces: the key rules already keep every key inside root
    if (!file.startsWith(root + path.sep)) throw new MediaError("processing_failed", "The media key is not valid.");
    return file;
  };
  const typeFileOf = (file: string) => `${file}~type`;

  /** Writes through a temporary name in the same folder, then renames: readers never see a partial file. */
  async function atomicWrite(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await write(tmp);
      await fsp.rename(tmp, target);
    } catch (err) {
      await fsp.rm(tmp, { force: true }).catch(() => {});
      throw err;
    }
  }

  async function put(key: string, contentType: string, write: (tmp: string) => Promise<void>): Promise<void> {
    const file = fileOf(key);
    checkContentType(contentType);
    try {
      if (await exists(file)) return;
      await fsp.mkdir(path.dirname(file), { recursive: true });
      // the sidecar goes first, so a data file that exists always has its type beside it
      await atomicWrite(typeFileOf(file), (tmp) => fsp.writeFile(tmp, contentType, { flag: "wx" }));
      await atomicWrite(file, write);
    } catch (err) {
      throw storeFailure("save a file", err);
    }
  }

  async function exists(file: string): Promise<boolean> {
    try {
      return (await fsp.stat(file)).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  return {
    kind: "fs",
    putFile(key, file, contentType) {
      return put(key, contentType, (tmp) => fsp.copyFile(file, tmp, fs.constants.COPYFILE_EXCL));
    },
    putBytes(key, bytes, contentType) {
      return put(key, contentType, (tmp) => fsp.writeFile(tmp, bytes, { flag: "wx" }));
    },
    async stat(key) {
      const file = fileOf(key);
      try {
        const info = await fsp.stat(file);
        if (!info.isFile()) return null;
        let contentType = FALLBACK_TYPE;
        try {
          const stored = (await fsp.readFile(typeFileOf(file), "utf8")).trim();
          if (CONTENT_TYPE.test(stored)) contentType = stored;
        } catch (err) {
          if (!isMissing(err)) throw err;
        }
        return { size: info.size, contentType };
      } catch (err) {
        if (isMissing(err)) return null;
        throw storeFailure("look up a file", err);
      }
    },
    async read(key, range) {
      const file = fileOf(key);
      checkRange(range);
      // open first, so a missing key rejects here rather than failing the stream later
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(file, "r");
      } catch (err) {
        throw isMissing(err)
          ? new MediaError("processing_failed", "Nothing is stored under that media key.")
          : storeFailure("read a file", err);
      }
      // a key that names a folder (a prefix of other keys) holds nothing, as stat says
      const isFile = await handle.stat().then(
        (info) => info.isFile(),
        () => false,
      );
      if (!isFile) {
        await handle.close().catch(() => {});
        throw new MediaError("processing_failed", "Nothing is stored under that media key.");
      }
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      const file = fileOf(key);
      try {
        await fsp.rm(file, { force: true });
        await fsp.rm(typeFileOf(file), { force: true });
      } catch (err) {
        throw storeFailure("delete a file", err);
      }
    },
  };
}

// ---- S3-compatible object storage ----

export interface S3Location {
  bucket: string;
  prefix: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,40}$/;
const S3_PARAMS = new Set(["endpoint", "region", "forcePathStyle"]);

function badUrl(reason: string): Error {
  return new Error(`VIGIL_MEDIA_S3_URL is not valid: ${reason}.`);
}

/**
 * Reads `s3://[KEY:SECRET@]BUCKET[/PREFIX]?endpoint=…&region=…&forcePathStyle=true`. Credentials come from the
 * userinfo (percent-encode a "/" in the secret as %2F) or else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
 * (and AWS_SESSION_TOKEN) in `env`. Errors name the reason and never repeat the URL or a secret.
 */
export function parseS3Url(url: string, env: NodeJS.ProcessEnv = process.env): S3Location {
  if (typeof url !== "string" || !url.trim()) throw badUrl("it is empty");
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw badUrl("it is not a URL of the form s3://BUCKET[/PREFIX]?endpoint=…");
  }
  if (parsed.protocol !== "s3:") throw badUrl("it must start with s3://");
  const bucket = parsed.hostname;
  if (!BUCKET.test(bucket) || bucket.includes("..")) {
    throw badUrl("the bucket name must be 3–63 lowercase letters, digits, dots or hyphens");
  }
  if (parsed.port) throw badUrl("a port belongs in the endpoint parameter, not after the bucket");
  if (parsed.hash) throw badUrl("it must not have a #fragment");

  // the URL parser quietly resolves "." and ".." segments; look at what was written
  const rawPath = /^s3:\/\/[^/?#]*([^?#]*)/i.exec(url.trim())?.[1] ?? "";
  if (/(^|\/)(\.|%2e)/i.test(rawPath)) throw badUrl("the prefix must not have dot segments");
  const prefix = decodeSafely(parsed.pathname).replace(/^\/+|\/+$/g, "");
  if (prefix && !isValidKey(prefix)) {
    throw badUrl("the prefix may hold only lowercase letters, digits and / . _ - (no empty or dot segments)");
  }

  for (const name of parsed.searchParams.keys()) {
    if (!S3_PARAMS.has(name))
      throw badUrl(`unknown parameter "${name.slice(0, 40)}" (known: endpoint, region, forcePathStyle)`);
  }
  let endpoint: string | undefined;
  const rawEndpoint = parsed.searchParams.get("endpoint");
  if (rawEndpoint !== null) {
    let ep: URL;
    try {
      ep = new URL(rawEndpoint);
    } catch {
      throw badUrl("the endpoint parameter is not a URL");
    }
    if (ep.protocol !== "http:" && ep.protocol !== "https:") throw badUrl("the endpoint must be an http or https URL");
    if (ep.username || ep.password) throw badUrl("the endpoint must not carry credentials");
    if ((ep.pathname !== "/" && ep.pathname !== "") || ep.search || ep.hash) {
      throw badUrl("the endpoint must be only scheme, host and port");
    }
    endpoint = ep.origin;
  }
  const region = parsed.searchParams.get("region") ?? env.AWS_REGION ?? "us-east-1";
  if (!REGION.test(region)) throw badUrl("the region must be lowercase letters, digits and hyphens");
  const rawPathStyle = parsed.searchParams.get("forcePathStyle");
  if (rawPathStyle !== null && rawPathStyle !== "true" && rawPathStyle !== "false") {
    throw badUrl("forcePathStyle must be true or false");
  }
  const forcePathStyle = rawPathStyle === "true";

  let credentials: S3Location["credentials"];
  if (parsed.username || parsed.password) {
    const accessKeyId = decodeSafely(parsed.username);
    const secretAccessKey = decodeSafely(parsed.password);
    if (!accessKeyId || !secretAccessKey) throw badUrl("credentials in the URL need both KEY and SECRET (KEY:SECRET@)");
    credentials = { accessKeyId, secretAccessKey };
  } else {
    const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
    if (!accessKeyId || !secretAccessKey) {
      throw badUrl(
        "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put KEY:SECRET@ before the bucket",
      );
    }
    const sessionToken = env.AWS_SESSION_TOKEN?.trim();
    credentials = sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
  }
  return { bucket, prefix, endpoint, region, forcePathStyle, credentials };
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw badUrl("it has a broken %-escape");
  }
}

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) {
    return err.$metadata?.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey";
  }
  return false;
}

export function createS3Store(url: string, env: NodeJS.ProcessEnv = process.env): MediaStore {
  const loc = parseS3Url(url, env);
  // Everything the SDK would otherwise discover (credentials chain, instance metadata, shared config files) is
  // given here, so it never looks beyond the configured endpoint.
  const client = new S3Client({
    region: loc.region,
    endpoint: loc.endpoint,
    forcePathStyle: loc.forcePathStyle,
    credentials: loc.credentials,
    defaultsMode: "standard",
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    disableS3ExpressSessionAuth: true,
    followRegionRedirects: false,
    maxAttempts: 3,
    retryMode: "standard",
    // S3-compatible servers vary in what checksums they understand; send and check them only where S3 requires
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 300_000 },
  });
  const objectKey = (key: string) => {
    checkKey(key);
    return loc.prefix ? `${loc.prefix}/${key}` : key;
  };

  async function head(key: string): Promise<{ size: number; contentType: string } | null> {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: loc.bucket, Key: objectKey(key) }));
      const stored = out.ContentType ?? "";
      return { size: out.ContentLength ?? 0, contentType: CONTENT_TYPE.test(stored) ? stored : FALLBACK_TYPE };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw storeFailure("look up an object", err);
    }
  }

  async function put(key: string, contentType: string, body: () => Promise<[Readable | Uint8Array, number]>) {
    const Key = objectKey(key);
    checkContentType(contentType);
    if (await head(key)) return;
    let stream: Readable | undefined;
    try {
      const [Body, ContentLength] = await body();
      if (!(Body instanceof Uint8Array)) stream = Body;
      await client.send(
        new PutObjectCommand({ Bucket: loc.bucket, Key, Body, ContentLength, ContentType: contentType }),
      );
    } catch (err) {
      throw storeFailure("save an object", err);
    } finally {
      stream?.destroy();
    }
  }

  return {
    kind: "s3",
    putFile(key, file, contentType) {
      return put(key, contentType, async () => {
        const handle = await fsp.open(file, "r");
        const { size } = await handle.stat();
        return [handle.createReadStream(), size];
      });
    },
    putBytes(key, bytes, contentType) {
      return put(key, contentType, async () => [bytes, bytes.byteLength]);
    },
    stat: head,
    async read(key, range) {
      const Key = objectKey(key);
      checkRange(range);
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket: loc.bucket,
            Key,
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        if (!out.Body) throw new Error("empty body");
        const body = out.Body as Readable;
        if (!range) return body;
        // some S3-compatible servers answer a range loosely (s3rver sends everything for bytes=0-0): never hand
        // out bytes from the wrong place, and never more than were asked for
        const served = /^bytes (\d+)-/.exec(out.ContentRange ?? "");
        if (Number(served?.[1] ?? 0) !== range.start) {
          body.destroy();
          throw new Error("range not honoured");
        }
        return limitBytes(body, range.end - range.start + 1);
      } catch (err) {
        if (isNotFound(err)) throw new MediaError("processing_failed", "Nothing is stored under that media key.");
        throw storeFailure("read an object", err);
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: loc.bucket, Key: objectKey(key) }));
      } catch (err) {
        if (isNotFound(err)) return;
        throw storeFailure("delete an object", err);
      }
    },
  };
}

/** At most `limit` bytes of `source`; stops reading it (and frees its connection) once they have passed. */
function limitBytes(source: Readable, limit: number): Readable {
  return Readable.from(
    (async function* () {
      let left = limit;
      for await (const chunk of source) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        if (buf.length >= left) {
          yield buf.subarray(0, left);
          return;
        }
        left -= buf.length;
        yield buf;
      }
    })(),
    { objectMode: false },
  );
}

/** S3 when `s3Url` is set (VIGIL_MEDIA_S3_URL), else the data folder's `media/`. */
export function createMediaStore(opts: {
  dataDir: string;
  s3Url?: string | null;
  env?: NodeJS.ProcessEnv;
}): MediaStore {
  if (opts.s3Url) return createS3Store(opts.s3Url, opts.env ?? process.env);
  return createFsStore(path.join(opts.dataDir, "media"));
}
