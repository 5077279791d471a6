// Range serving of stored media over a real express app on 127.0.0.1, for the data-folder store and for the S3
// store against s3rver, plus an S3 endpoint that fails mid-answer (outside the system, so the test fakes it).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFsStore, createS3Store, derivedKey, originalKey, type MediaStore } from "../../server/media/store.ts";
import { parseRange, sendStoredMedia } from "../../server/media/serve-range.ts";
import { startS3Server, type S3TestServer } from "../support/s3-server.ts";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** An app with one route that serves the store's keys by short names, as the real media router will. */
async function startApp(store: MediaStore, keys: Map<string, string>) {
  const app = express();
  app.get("/media/:name", (req, res) =>
    sendStoredMedia(req, res, store, keys.get(req.params.name) ?? req.params.name, {
      contentType: req.query.type === "override" ? "video/webm" : undefined,
      downloadName: req.query.download === "1" ? 'clip (ünïcode) "quoted".mp4' : undefined,
    }),
  );
  const server = http.createServer(app);
  return { server, base: await listen(server) };
}

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("content-security-policy")).toBe("default-src 'none'");
  expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

let tmp: string;
let s3: S3TestServer;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-serve-range-"));
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("parseRange", () => {
  it.each([
    [undefined, "all"],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=10-", { start: 10, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=990-5000", { start: 990, end: 999 }],
    ["BYTES = 5-6", { start: 5, end: 6 }],
    [`bytes=0-${"9".repeat(40)}`, { start: 0, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    [`bytes=${"9".repeat(40)}-`, "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=0-1,5-6", "all"],
    ["bytes=9-3", "all"],
    ["bytes=-", "all"],
    ["bytes=a-b", "all"],
    ["items=0-1", "all"],
    [`bytes=0-1${" ".repeat(300)}`, "all"],
  ])("%j of 1000 bytes is %j", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it("finds nothing to satisfy in an empty file", () => {
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-1", 0)).toBe("unsatisfiable");
    expect(parseRange(undefined, 0)).toBe("all");
  });
});

describe.each([
  ["fs", () => createFsStore(path.join(tmp, "fs-media"))],
  ["s3", () => createS3Store(s3.storeUrl("served"), s3.env)],
])("serving from the %s store", (_name, makeStore) => {
  const video = randomBytes(256 * 1024 + 17);
  const keys = new Map<string, string>();
  let app: { server: http.Server; base: string };

  beforeAll(async () => {
    const store = makeStore();
    keys.set("video", originalKey(sha(video)));
    await store.putBytes(keys.get("video")!, video, "video/mp4");
    const empty = new Uint8Array(0);
    keys.set("empty", derivedKey(sha(video), "empty.bin"));
    await store.putBytes(keys.get("empty")!, empty, "application/octet-stream");
    keys.set("missing", originalKey("0".repeat(64)));
    keys.set("escape", "../x");
    app = await startApp(store, keys);
  });
  afterAll(async () => {
    if (app) await stop(app.server);
  });

  const get = (name: string, init: RequestInit = {}) => fetch(`${app.base}/media/${name}`, init);

  it("serves the whole file with its type and the security headers", async () => {
    const res = await get("video");
    expect(res.status).toBe(200);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-length")).toBe(String(video.length));
    expect(res.headers.get("content-range")).toBeNull();
    expectSecurityHeaders(res);
    expect((await bytesOf(res)).equals(video)).toBe(true);
  });

  it("serves bytes=a-b as 206", async () => {
    const res = await get("video", { headers: { Range: "bytes=1000-70999" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 1000-70999/${video.length}`);
    expect(res.headers.get("content-length")).toBe("70000");
    expectSecurityHeaders(res);
    expect((await bytesOf(res)).equals(video.subarray(1000, 71000))).toBe(true);
  });

  it("serves a single byte, bytes=0-0", async () => {
    const res = await get("video", { headers: { Range: "bytes=0-0" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 0-0/${video.length}`);
    expect((await bytesOf(res)).equals(video.subarray(0, 1))).toBe(true);
  });

  it("serves bytes=a- to the end", async () => {
    const start = video.length - 5000;
    const res = await get("video", { headers: { Range: `bytes=${start}-` } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${video.length - 1}/${video.length}`);
    expect(res.headers.get("content-length")).toBe("5000");
    expect((await bytesOf(res)).equals(video.subarray(start))).toBe(true);
  });

  it("serves bytes=-n, the last n bytes", async () => {
    const res = await get("video", { headers: { Range: "bytes=-123" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${video.length - 123}-${video.length - 1}/${video.length}`);
    expect((await bytesOf(res)).equals(video.subarray(video.length - 123))).toBe(true);
  });

  it("clamps an end past the file", async () => {
    const res = await get("video", { headers: { Range: `bytes=${video.length - 10}-${video.length + 1000}` } });
    expect(res.status).toBe(206);
    expect((await bytesOf(res)).equals(video.subarray(video.length - 10))).toBe(true);
  });

  it("answers a range beyond the end with 416 and the size", async () => {
    const res = await get("video", { headers: { Range: `bytes=${video.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${video.length}`);
    expectSecurityHeaders(res);
    expect(await res.json()).toEqual({ error: "Range not satisfiable." });
    const suffixZero = await get("video", { headers: { Range: "bytes=-0" } });
    expect(suffixZero.status).toBe(416);
    await suffixZero.arrayBuffer();
  });

  it("serves the whole file for several ranges, a malformed range or If-Range", async () => {
    const asks: Record<string, string>[] = [
      { Range: "bytes=0-1,10-20" },
      { Range: "bytes=20-10" },
      { Range: "pages=1-2" },
      { Range: "bytes=0-99", "If-Range": '"some-etag"' },
    ];
    for (const headers of asks) {
      const res = await get("video", { headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect((await bytesOf(res)).equals(video)).toBe(true);
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const whole = await get("video", { method: "HEAD" });
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(video.length));
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expectSecurityHeaders(whole);
    expect((await bytesOf(whole)).length).toBe(0);
    const part = await get("video", { method: "HEAD", headers: { Range: "bytes=5-9" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 5-9/${video.length}`);
    expect(part.headers.get("content-length")).toBe("5");
    expect((await bytesOf(part)).length).toBe(0);
  });

  it("answers a missing key, or a key that is not one, with a plain 404", async () => {
    for (const name of ["missing", "escape"]) {
      const res = await get(name);
      expect(res.status).toBe(404);
      expectSecurityHeaders(res);
      expect(await res.json()).toEqual({ error: "No such media." });
    }
    const head = await get("missing", { method: "HEAD" });
    expect(head.status).toBe(404);
  });

  it("serves an empty file, and refuses any range of it", async () => {
    const whole = await get("empty");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe("0");
    expect((await bytesOf(whole)).length).toBe(0);
    const ranged = await get("empty", { headers: { Range: "bytes=0-" } });
    expect(ranged.status).toBe(416);
    expect(ranged.headers.get("content-range")).toBe("bytes */0");
    await ranged.arrayBuffer();
  });

  it("takes the content type and download name the caller gives", async () => {
    const res = await get("video?type=override&download=1", { headers: { Range: "bytes=0-3" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-type")).toBe("video/webm");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="clip __n_code_ _quoted_.mp4"; filename*=UTF-8''clip%20%28%C3%BCn%C3%AFcode%29%20%22quoted%22.mp4`,
    );
    await res.arrayBuffer();
  });

  it("keeps serving after a client goes away mid-file", async () => {
    const controller = new AbortController();
    const res = await get("video", { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.closed.catch(() => {});
    const again = await get("video", { headers: { Range: "bytes=0-9" } });
    expect((await bytesOf(again)).equals(video.subarray(0, 10))).toBe(true);
  });
});

describe("an S3 endpoint that fails", () => {
  const SIZE = 1024 * 1024;
  let broken: http.Server;
  let app: { server: http.Server; base: string };
  const key = originalKey("f".repeat(64));

  beforeAll(async () => {
    // HEAD says the object is there; GET either breaks off partway through the body or is refused outright
    broken = http.createServer((req, res) => {
      const refuse = req.url?.includes("/refused/");
      res.setHeader("Date", new Date().toUTCString());
      if (req.method === "HEAD") {
        res.writeHead(200, { "Content-Length": SIZE, "Content-Type": "video/mp4" }).end();
      } else if (refuse) {
        const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>secret-internal-detail</Message></Error>`;
        res.writeHead(403, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body) }).end(body);
      } else {
        res.writeHead(200, { "Content-Length": SIZE, "Content-Type": "video/mp4" });
        res.write(randomBytes(256 * 1024), () => setTimeout(() => res.socket?.destroy(), 50));
      }
    });
    const endpoint = await listen(broken);
    const url = (prefix: string) =>
      `s3://broken-bucket/${prefix}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=true`;
    const cutStore = createS3Store(url("cut"), s3.env);
    const refusedStore = createS3Store(url("refused"), s3.env);
    const server = express();
    server.get("/cut", (req, res) => sendStoredMedia(req, res, cutStore, key, {}));
    server.get("/refused", (req, res) => sendStoredMedia(req, res, refusedStore, key, {}));
    server.get("/alive", (_req, res) => {
      res.json({ ok: true });
    });
    const httpServer = http.createServer(server);
    app = { server: httpServer, base: await listen(httpServer) };
  });
  afterAll(async () => {
    if (app) await stop(app.server);
    if (broken) await stop(broken);
  });

  it("ends the response when the store's stream breaks, and the process carries on", async () => {
    const res = await fetch(`${app.base}/cut`);
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
    expect(await (await fetch(`${app.base}/alive`)).json()).toEqual({ ok: true });
  });

  it("closes the connection without a body when the store refuses the read", async () => {
    await expect(fetch(`${app.base}/refused`).then((r) => r.arrayBuffer())).rejects.toThrow();
    expect(await (await fetch(`${app.base}/alive`)).json()).toEqual({ ok: true });
  });
});
