// The media store on a real folder and on a real local S3 server (s3rver): round trips, idempotent content-addressed
// puts, atomic writes, key rules, ranged reads and the S3 URL's parse errors.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFsStore,
  createMediaStore,
  createS3Store,
  derivedKey,
  originalKey,
  parseS3Url,
  type MediaStore,
} from "../../server/media/store.ts";
import { MediaError } from "../../server/media/types.ts";
import { startS3Server, type S3TestServer } from "../support/s3-server.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** every file under dir, relative, with "/" separators */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
    .sort();
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-media-store-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("keys", () => {
  const digest = "ab".repeat(32);

  it("fan out by the first two bytes of the hash", () => {
    expect(originalKey(digest)).toBe(`originals/ab/ab/${digest}`);
    expect(derivedKey(digest, "poster.jpg")).toBe(`derived/ab/ab/${digest}/poster.jpg`);
    expect(derivedKey(digest, "strip.jpg")).toBe(`derived/ab/ab/${digest}/strip.jpg`);
  });

  it("refuse what is not a lowercase SHA-256 or a plain file name", () => {
    expect(() => originalKey("AB".repeat(32))).toThrow(MediaError);
    expect(() => originalKey("ab".repeat(31))).toThrow(MediaError);
    expect(() => originalKey("../../etc/passwd")).toThrow(MediaError);
    expect(() => derivedKey(digest, "../poster.jpg")).toThrow(MediaError);
    expect(() => derivedKey(digest, "a/b.jpg")).toThrow(MediaError);
    expect(() => derivedKey(digest, ".hidden")).toThrow(MediaError);
  });
});

/** The behaviour both stores share, run against each. */
function contract(name: string, make: () => MediaStore) {
  describe(`${name} store`, () => {
    let store: MediaStore;
    beforeAll(() => {
      store = make();
    });

    it("round-trips bytes with their content type", async () => {
      const bytes = randomBytes(70_000);
      const key = originalKey(sha(bytes));
      expect(await store.stat(key)).toBeNull();
      await store.putBytes(key, bytes, "video/mp4");
      expect(await store.stat(key)).toEqual({ size: bytes.length, contentType: "video/mp4" });
      expect((await readAll(await store.read(key))).equals(bytes)).toBe(true);
    });

    it("round-trips a file, streamed from disk", async () => {
      const bytes = randomBytes(300_000);
      const file = path.join(tmp, `src-${name}-${sha(bytes).slice(0, 8)}.bin`);
      fs.writeFileSync(file, bytes);
      const key = derivedKey(sha(bytes), "poster.jpg");
      await store.putFile(key, file, "image/jpeg");
      expect(await store.stat(key)).toEqual({ size: bytes.length, contentType: "image/jpeg" });
      expect((await readAll(await store.read(key))).equals(bytes)).toBe(true);
    });

    it("leaves an existing key as it is on a second put", async () => {
      const first = randomBytes(1000);
      const key = originalKey(sha(first));
      await store.putBytes(key, first, "video/mp4");
      await store.putBytes(key, randomBytes(10), "image/png");
      expect(await store.stat(key)).toEqual({ size: 1000, contentType: "video/mp4" });
      expect((await readAll(await store.read(key))).equals(first)).toBe(true);
    });

    it("reads an inclusive byte range", async () => {
      const bytes = randomBytes(10_000);
      const key = originalKey(sha(bytes));
      await store.putBytes(key, bytes, "video/webm");
      expect((await readAll(await store.read(key, { start: 0, end: 0 }))).equals(bytes.subarray(0, 1))).toBe(true);
      expect((await readAll(await store.read(key, { start: 100, end: 4099 }))).equals(bytes.subarray(100, 4100))).toBe(
        true,
      );
      expect((await readAll(await store.read(key, { start: 9990, end: 9999 }))).equals(bytes.subarray(9990))).toBe(
        true,
      );
      await expect(store.read(key, { start: 5, end: 4 })).rejects.toThrow(MediaError);
      await expect(store.read(key, { start: -1, end: 4 })).rejects.toThrow(MediaError);
    });

    it("deletes, and a missing key stats as null and cannot be read", async () => {
      const bytes = randomBytes(500);
      const key = originalKey(sha(bytes));
      await store.putBytes(key, bytes, "video/mp4");
      await store.delete(key);
      expect(await store.stat(key)).toBeNull();
      await expect(store.read(key)).rejects.toThrow(MediaError);
      await store.delete(key); // a second delete is fine
      expect(await store.stat(originalKey("0".repeat(64)))).toBeNull();
      // a prefix of stored keys is not itself a stored key
      const folder = key.split("/").slice(0, 2).join("/");
      expect(await store.stat(folder)).toBeNull();
      await expect(store.read(folder)).rejects.toThrow(MediaError);
    });

    it("refuses keys that could name something outside the store", async () => {
      for (const key of ["../x", "/etc/passwd", "originals/../../x", "a//b", "a/./b", "a/.hidden", "A/b", "a\\b", ""]) {
        await expect(store.putBytes(key, new Uint8Array([1]), "video/mp4"), key).rejects.toThrow(MediaError);
        await expect(store.stat(key), key).rejects.toThrow(MediaError);
        await expect(store.read(key), key).rejects.toThrow(MediaError);
        await expect(store.delete(key), key).rejects.toThrow(MediaError);
      }
    });

    it("refuses a content type that could break a header", async () => {
      const bytes = randomBytes(20);
      const key = originalKey(sha(bytes));
      await expect(store.putBytes(key, bytes, "video/mp4\r\nSet-Cookie: a=b")).rejects.toThrow(MediaError);
      await expect(store.putBytes(key, bytes, "not a type")).rejects.toThrow(MediaError);
      expect(await store.stat(key)).toBeNull();
      await store.putBytes(key, bytes, "text/plain; charset=utf-8");
      expect((await store.stat(key))?.contentType).toBe("text/plain; charset=utf-8");
    });
  });
}

describe("the data folder", () => {
  const dir = () => path.join(tmp, "fs-store");
  contract("fs", () => createFsStore(dir()));

  it("keeps the content type in a sidecar and leaves no temporary files", async () => {
    const store = createFsStore(path.join(tmp, "atomic"));
    const bytes = randomBytes(2048);
    const digest = sha(bytes);
    const key = originalKey(digest);
    // concurrent puts of one key race for the same name; each writes its own temp file and renames
    await Promise.all(Array.from({ length: 8 }, () => store.putBytes(key, bytes, "video/mp4")));
    const source = path.join(tmp, "atomic-src.bin");
    fs.writeFileSync(source, bytes);
    await store.putFile(derivedKey(digest, "strip.jpg"), source, "image/jpeg");
    expect(listFiles(path.join(tmp, "atomic"))).toEqual([
      `derived/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}/strip.jpg`,
      `derived/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}/strip.jpg~type`,
      key,
      `${key}~type`,
    ]);
    expect(fs.readFileSync(path.join(tmp, "atomic", `${key}~type`), "utf8")).toBe("video/mp4");
    expect(fs.readFileSync(path.join(tmp, "atomic", key)).equals(bytes)).toBe(true);
  });

  it("removes its temporary file when the copy fails", async () => {
    const root = path.join(tmp, "failed-copy");
    const store = createFsStore(root);
    const key = originalKey("1".repeat(64));
    const err = await store.putFile(key, path.join(tmp, "no-such-source.bin"), "video/mp4").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).message).not.toContain(tmp);
    expect(await store.stat(key)).toBeNull();
    expect(listFiles(root).filter((f) => !f.endsWith("~type"))).toEqual([]);
  });

  it("is what createMediaStore gives without an S3 URL, under <dataDir>/media", async () => {
    const store = createMediaStore({ dataDir: path.join(tmp, "data"), s3Url: null });
    expect(store.kind).toBe("fs");
    const bytes = randomBytes(10);
    await store.putBytes(originalKey(sha(bytes)), bytes, "image/png");
    expect(fs.existsSync(path.join(tmp, "data", "media", originalKey(sha(bytes))))).toBe(true);
  });
});

describe("S3", () => {
  let s3: S3TestServer;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3?.close();
  });

  contract("s3", () => createS3Store(s3.storeUrl(), s3.env));

  it("keeps objects under the prefix, with credentials from the URL", async () => {
    const url = s3
      .storeUrl("tenant-a/media")
      .replace("s3://", `s3://${s3.env.AWS_ACCESS_KEY_ID}:${s3.env.AWS_SECRET_ACCESS_KEY}@`);
    const store = createMediaStore({ dataDir: path.join(tmp, "unused"), s3Url: url, env: {} });
    expect(store.kind).toBe("s3");
    const bytes = randomBytes(64);
    const key = originalKey(sha(bytes));
    await store.putBytes(key, bytes, "image/png");
    // the same bucket without the prefix does not see it there
    const bare = createS3Store(s3.storeUrl(), s3.env);
    expect(await bare.stat(key)).toBeNull();
    expect(await bare.stat(`tenant-a/media/${key}`)).toEqual({ size: 64, contentType: "image/png" });
  });

  it("wraps a failure to reach the server in a retryable MediaError without detail", async () => {
    const url = s3.storeUrl().replace(/endpoint=[^&]+/, `endpoint=${encodeURIComponent("http://127.0.0.1:1")}`);
    const store = createS3Store(url, s3.env);
    const err = await store.stat(originalKey("2".repeat(64))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).retryable).toBe(true);
    expect((err as MediaError).message).toBe("The media store could not look up an object.");
  });
});

describe("VIGIL_MEDIA_S3_URL", () => {
  const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "very-secret-value" };

  it("reads bucket, prefix, endpoint, region, path style and credentials", () => {
    expect(
      parseS3Url("s3://media-bucket/a/b/?endpoint=http://127.0.0.1:4569&region=eu-west-1&forcePathStyle=true", env),
    ).toEqual({
      bucket: "media-bucket",
      prefix: "a/b",
      endpoint: "http://127.0.0.1:4569",
      region: "eu-west-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "very-secret-value" },
    });
    const fromUser = parseS3Url("s3://KEY1:se%2Fcret@media-bucket", { AWS_REGION: "ap-south-1" });
    expect(fromUser).toMatchObject({
      prefix: "",
      endpoint: undefined,
      region: "ap-south-1",
      forcePathStyle: false,
      credentials: { accessKeyId: "KEY1", secretAccessKey: "se/cret" },
    });
  });

  it.each([
    ["", /empty/],
    ["not a url", /not a URL/],
    ["https://media-bucket/x", /s3:\/\//],
    ["s3://Bad_Bucket/x", /bucket name/],
    ["s3://ab", /bucket name/],
    ["s3://media-bucket:9000/x", /port/],
    ["s3://media-bucket/../x", /prefix/],
    ["s3://media-bucket/a/%2E%2E/x", /prefix/],
    ["s3://media-bucket/Upper", /prefix/],
    ["s3://media-bucket?endpoint=ftp://host", /http or https/],
    ["s3://media-bucket?endpoint=nonsense", /endpoint parameter is not a URL/],
    ["s3://media-bucket?endpoint=http://u:p@host", /must not carry credentials/],
    ["s3://media-bucket?forcePathStyle=yes", /forcePathStyle/],
    ["s3://media-bucket?regoin=us-east-1", /unknown parameter "regoin"/],
    ["s3://media-bucket?region=US_EAST", /region/],
    ["s3://KEYONLY@media-bucket", /both KEY and SECRET/],
  ])("refuses %j, naming the variable and the reason", (url, reason) => {
    expect(() => parseS3Url(url, env)).toThrow(/^VIGIL_MEDIA_S3_URL is not valid: /);
    expect(() => parseS3Url(url, env)).toThrow(reason);
  });

  it("fails at creation when no credentials are configured, before any request", () => {
    expect(() => createS3Store("s3://media-bucket?endpoint=http://127.0.0.1:1", {})).toThrow(
      /VIGIL_MEDIA_S3_URL is not valid: no credentials/,
    );
  });

  it("never repeats the secret in an error", () => {
    for (const url of [
      "s3://AKID:topsecret123@Bad_Bucket",
      "s3://AKID:topsecret123@media-bucket?bogus=1",
      "s3://AKID:topsecret123@media-bucket/%zz",
    ]) {
      const err = (() => {
        try {
          parseS3Url(url, {});
        } catch (e) {
          return e as Error;
        }
        throw new Error("expected a parse error");
      })();
      expect(err.message).toMatch(/^VIGIL_MEDIA_S3_URL is not valid/);
      expect(err.message).not.toContain("topsecret123");
      expect(err.message).not.toContain("AKID");
    }
  });
});
