// The media downloader against real HTTP servers on 127.0.0.1: allowlisted origins only, redirects re-checked,
// private addresses refused before any connection, size and time caps, hashes, and the type taken from the bytes.
// Made-up host names resolve through the injected lookup, so no outside host is ever contacted.
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchMedia, type FetchMediaOptions, type MediaLookup } from "../../server/media/fetch.ts";
import { isPrivateAddress, originAllowed, parseMediaOrigins } from "../../server/media/origins.ts";
import { MediaError, type MediaErrorCode } from "../../server/media/types.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reference = path.resolve(repoRoot, "../shared/media-reference");
const video = fs.readFileSync(path.join(reference, "vpdq/pattern-sd-grey-bar.mp4"));
const jpeg = fs.readFileSync(path.join(reference, "pdq/square-128x128.jpg"));

/** A real, minimal ZIP archive (one stored file). */
function zipOf(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const crc = zlib.crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, content, central, nameBytes, end]);
}

const html = Buffer.from(
  "<!doctype html>\n<html><head><title>Not found</title></head><body>" + "x".repeat(400) + "</body></html>",
);
const zip = zipOf("video.mp4", video.subarray(0, 4096));

interface TestServer {
  port: number;
  requests: string[];
  connections: number;
  close(): Promise<void>;
}

async function startServer(handler: http.RequestListener, host = "127.0.0.1"): Promise<TestServer> {
  const server = http.createServer((req, res) => {
    state.requests.push(req.url ?? "");
    handler(req, res);
  });
  const state: TestServer = {
    port: 0,
    requests: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  state.port = (server.address() as net.AddressInfo).port;
  return state;
}

/** Writes the body in pieces, as a chunked response without Content-Length. */
function writeChunked(res: http.ServerResponse, body: Buffer, type: string) {
  res.writeHead(200, { "content-type": type });
  for (let at = 0; at < body.length; at += 7000) res.write(body.subarray(at, at + 7000));
  res.end();
}

let main: TestServer;
let other: TestServer;
let guard: { port: number; connections: number; close(): Promise<void> };
let sentByEndless = 0;

beforeAll(async () => {
  other = await startServer((_req, res) => {
    res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
    res.end(video);
  });
  main = await startServer((req, res) => {
    const url = req.url ?? "/";
    const hops = /^\/hops\/(\d+)$/.exec(url);
    if (hops) {
      const left = Number(hops[1]);
      if (left === 0) return void res.writeHead(200, { "content-type": "video/mp4" }).end(video);
      return void res.writeHead(302, { location: `/hops/${left - 1}` }).end();
    }
    switch (url) {
      case "/video.mp4":
        // The server lies about the type; the bytes decide.
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": video.length });
        return void res.end(video);
      case "/photo.jpg":
        return writeChunked(res, jpeg, "application/octet-stream");
      case "/no-type":
        return writeChunked(res, jpeg, "");
      case "/to-evil":
        return void res.writeHead(302, { location: "https://evil.example.test/x?token=secret" }).end();
      case "/to-other-port":
        return void res.writeHead(301, { location: `http://127.0.0.1:${other.port}/video.mp4` }).end();
      case "/to-private-literal":
        return void res.writeHead(307, { location: "http://10.0.0.5/x" }).end();
      case "/to-internal-name":
        return void res.writeHead(302, { location: "https://internal.example.test/x" }).end();
      case "/to-ftp":
        return void res.writeHead(302, { location: "ftp://127.0.0.1/x" }).end();
      case "/loop-a":
        return void res.writeHead(302, { location: "/loop-b" }).end();
      case "/loop-b":
        return void res.writeHead(302, { location: "/loop-a" }).end();
      case "/redirect-nowhere":
        return void res.writeHead(302).end();
      case "/big-declared":
        // Claims far more than the cap; sends a little and then waits for the client to give up.
        res.writeHead(200, { "content-type": "video/mp4", "content-length": 50 * 1024 * 1024 });
        return void res.write(video.subarray(0, 1024));
      case "/endless": {
        // Chunked, no length: a real video's bytes, then filler, until the client hangs up (or 20 MB).
        res.writeHead(200, { "content-type": "video/mp4" });
        let sent = 0;
        const filler = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (sent < 20 * 1024 * 1024 && !res.destroyed) {
            const chunk = sent === 0 ? video.subarray(0, 64 * 1024) : filler;
            sent += chunk.length;
            sentByEndless = sent;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        return pump();
      }
      case "/stall-body":
        res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
        return void res.write(video.subarray(0, 4096));
      case "/stall-headers":
        return;
      case "/drip": {
        // Never idle for long, but never done: only the overall deadline ends it.
        res.writeHead(200, { "content-type": "video/mp4" });
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= video.length) return clearInterval(timer);
          res.write(video.subarray(at, at + 16));
          at += 16;
        }, 40);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "/cut-short":
        res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
        res.write(video.subarray(0, 8192));
        return void setTimeout(() => res.socket?.destroy(), 50);
      case "/reset":
        return void req.socket.destroy();
      case "/missing":
        return void res.writeHead(404, { "content-type": "text/html" }).end(html);
      case "/unavailable":
        return void res.writeHead(503).end("try later");
      case "/slow-down":
        return void res.writeHead(429).end("slow down");
      case "/empty":
        return void res.writeHead(200, { "content-type": "video/mp4", "content-length": 0 }).end();
      case "/empty-chunked":
        res.writeHead(200, { "content-type": "video/mp4" });
        res.flushHeaders();
        return void res.end();
      case "/page":
        res.writeHead(200, { "content-type": "video/mp4", "content-length": html.length });
        return void res.end(html);
      case "/archive":
        res.writeHead(200, { "content-type": "video/mp4", "content-length": zip.length });
        return void res.end(zip);
      default:
        return void res.writeHead(404).end();
    }
  });
  const guardServer = net.createServer((socket) => {
    guard.connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => guardServer.listen(0, "127.0.0.1", resolve));
  guard = {
    port: (guardServer.address() as net.AddressInfo).port,
    connections: 0,
    close: () => new Promise<void>((resolve) => guardServer.close(() => resolve())),
  };
});

afterAll(async () => {
  await Promise.all([main?.close(), other?.close(), guard?.close()]);
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-fetch-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${main.port}`;

function options(extra: Partial<FetchMediaOptions> = {}): FetchMediaOptions {
  return {
    origins: parseMediaOrigins(base()),
    maxBytes: 10 * 1024 * 1024,
    timeoutMs: 20_000,
    idleTimeoutMs: 10_000,
    dir,
    lookup: async (hostname) => {
      throw Object.assign(new Error(`no test address for ${hostname}`), { code: "ENOTFOUND" });
    },
    ...extra,
  };
}

/** Records every name looked up, and answers with the given addresses. */
function fakeDns(answers: Record<string, { address: string; family: 4 | 6 }[]>): MediaLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`no test address for ${hostname}`), { code: "ENOTFOUND" });
    return found;
  };
  return Object.assign(lookup, { asked });
}

async function expectFailure(promise: Promise<unknown>, code: MediaErrorCode, retryable = false): Promise<MediaError> {
  const err = await promise.then(
    () => {
      throw new Error(`expected the fetch to fail with ${code}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  const mediaError = err as MediaError;
  expect({ code: mediaError.code, retryable: mediaError.retryable, message: mediaError.message }).toMatchObject({
    code,
    retryable,
  });
  expect(mediaError.message).not.toContain(dir);
  expect(mediaError.message).not.toContain(os.tmpdir());
  expect(mediaError.message).not.toMatch(/\n\s+at /);
  // Nothing is left behind in the work directory.
  expect(fs.readdirSync(dir)).toEqual([]);
  return mediaError;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

describe("fetchMedia: downloads", () => {
  it("streams a video to a temp file, hashes it, and takes its type from the bytes, not the header", async () => {
    const got = await fetchMedia(`${base()}/video.mp4`, options());
    expect(got).toMatchObject({
      bytes: video.length,
      sha256: sha256(video),
      md5: md5(video),
      mimeType: "video/mp4",
      kind: "video",
      declaredType: "text/html",
      finalUrl: `${base()}/video.mp4`,
    });
    expect(path.dirname(got.file)).toBe(dir);
    expect(fs.readFileSync(got.file).equals(video)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(got.file)]);
  });

  it("accepts a chunked image and checks the SHA-256 the platform sent", async () => {
    const got = await fetchMedia(`${base()}/photo.jpg`, options({ expectedSha256: sha256(jpeg).toUpperCase() }));
    expect(got).toMatchObject({ bytes: jpeg.length, sha256: sha256(jpeg), mimeType: "image/jpeg", kind: "image" });
    expect(got.declaredType).toBe("application/octet-stream");
    expect(fs.readFileSync(got.file).equals(jpeg)).toBe(true);
  });

  it("reports no declared type when the server sends none", async () => {
    const got = await fetchMedia(`${base()}/no-type`, options());
    expect(got.declaredType).toBeNull();
    expect(got.mimeType).toBe("image/jpeg");
  });

  it("refuses a file whose SHA-256 differs from the platform's", async () => {
    const err = await expectFailure(
      fetchMedia(`${base()}/video.mp4`, options({ expectedSha256: sha256(jpeg) })),
      "malformed",
    );
    expect(err.message).toBe("the file's SHA-256 does not match the one the platform sent");
  });

  it("follows up to five redirects on allowed origins and reports the final URL", async () => {
    const got = await fetchMedia(`${base()}/hops/5`, options());
    expect(got.finalUrl).toBe(`${base()}/hops/0`);
    expect(got.sha256).toBe(sha256(video));
  });

  it("downloads from localhost when localhost is listed, through the lookup, to a loopback address", async () => {
    const lookup = fakeDns({ localhost: [{ address: "127.0.0.1", family: 4 }] });
    const got = await fetchMedia(
      `http://localhost:${main.port}/video.mp4`,
      options({ origins: parseMediaOrigins(`http://localhost:${main.port}`), lookup }),
    );
    expect(got.sha256).toBe(sha256(video));
    expect(lookup.asked).toEqual(["localhost"]);
  });
});

describe("fetchMedia: origins and addresses", () => {
  it("refuses a URL that is not a URL, or not a web URL", async () => {
    await expectFailure(fetchMedia("not a url", options()), "bad_url");
    await expectFailure(fetchMedia("file:///etc/passwd", options()), "bad_url");
    const err = await expectFailure(
      fetchMedia(`http://user:pw@127.0.0.1:${main.port}/video.mp4`, options()),
      "bad_url",
    );
    expect(err.message).not.toContain("pw");
  });

  it("refuses an origin that is not listed", async () => {
    const lookup = fakeDns({});
    const err = await expectFailure(
      fetchMedia("https://media.elsewhere.test/v.mp4?sig=abc", options({ lookup })),
      "origin_not_allowed",
    );
    expect(err.message).toBe("the media URL https://media.elsewhere.test/v.mp4 is not on an allowed media origin");
    expect(lookup.asked).toEqual([]);
  });

  it("refuses plain http on an origin that is not listed as an http origin", async () => {
    const origins = parseMediaOrigins("https://cdn.example.test");
    const err = await expectFailure(fetchMedia("http://cdn.example.test/v.mp4", options({ origins })), "insecure_url");
    expect(err.message).toContain("plain http");
    // The same host on a port that is not the listed one is refused too.
    await expectFailure(fetchMedia(`http://127.0.0.1:${other.port}/video.mp4`, options()), "insecure_url");
    expect(other.requests).toEqual([]);
  });

  it("refuses a redirect to a host that is not listed, without looking it up", async () => {
    const lookup = fakeDns({ "evil.example.test": [{ address: "127.0.0.1", family: 4 }] });
    const err = await expectFailure(fetchMedia(`${base()}/to-evil`, options({ lookup })), "origin_not_allowed");
    expect(err.message).toBe(
      "the media URL redirects to https://evil.example.test/x, which is not an allowed media origin",
    );
    expect(err.message).not.toContain("secret");
    expect(lookup.asked).toEqual([]);
  });

  it("refuses a redirect to another port of 127.0.0.1 when only the first port is listed", async () => {
    const err = await expectFailure(fetchMedia(`${base()}/to-other-port`, options()), "insecure_url");
    expect(err.message).toContain(
      `redirects to http://127.0.0.1:${other.port}/video.mp4, which is not an allowed media origin`,
    );
    expect(other.requests).toEqual([]);
  });

  it("refuses a redirect to a private address literal, and to a scheme that is not http", async () => {
    const err = await expectFailure(fetchMedia(`${base()}/to-private-literal`, options()), "insecure_url");
    expect(err.message).toContain("redirects to http://10.0.0.5/x, which is not an allowed media origin");
    await expectFailure(fetchMedia(`${base()}/to-ftp`, options()), "bad_url");
  });

  it("re-checks the address of a redirect's target: an allowed name that resolves privately is refused", async () => {
    const lookup = fakeDns({ "internal.example.test": [{ address: "10.0.0.5", family: 4 }] });
    const origins = parseMediaOrigins(`${base()}, https://*.example.test`);
    const err = await expectFailure(
      fetchMedia(`${base()}/to-internal-name`, options({ origins, lookup })),
      "private_address",
    );
    expect(err.message).toContain("internal.example.test resolves to 10.0.0.5");
    expect(lookup.asked).toEqual(["internal.example.test"]);
  });

  it.each([
    ["127.0.0.1", 4],
    ["10.0.0.5", 4],
    ["169.254.169.254", 4],
    ["::1", 6],
    ["::ffff:127.0.0.1", 6],
    ["fd00::1", 6],
  ] as const)("refuses a listed https name that resolves to %s, before connecting", async (address, family) => {
    const lookup = fakeDns({ "media.example.test": [{ address, family }] });
    const origins = parseMediaOrigins(`https://media.example.test:${guard.port}`);
    const before = guard.connections;
    const err = await expectFailure(
      fetchMedia(`https://media.example.test:${guard.port}/v.mp4`, options({ origins, lookup })),
      "private_address",
    );
    expect(err.message).toContain(`media.example.test resolves to ${address}`);
    expect(lookup.asked).toEqual(["media.example.test"]);
    expect(guard.connections).toBe(before);
  });

  it("refuses a name when any of its addresses is private", async () => {
    const lookup = fakeDns({
      "media.example.test": [
        { address: "10.1.2.3", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ],
    });
    const origins = parseMediaOrigins(`https://media.example.test:${guard.port}`);
    await expectFailure(
      fetchMedia(`https://media.example.test:${guard.port}/v.mp4`, options({ origins, lookup })),
      "private_address",
    );
    expect(guard.connections).toBe(0);
  });

  it("refuses a listed http name that resolves to loopback: only a listed address or localhost may be private", async () => {
    const lookup = fakeDns({ "dev.example.test": [{ address: "127.0.0.1", family: 4 }] });
    const origins = parseMediaOrigins(`http://dev.example.test:${main.port}`);
    const before = main.connections;
    await expectFailure(
      fetchMedia(`http://dev.example.test:${main.port}/video.mp4`, options({ origins, lookup })),
      "private_address",
    );
    expect(main.connections).toBe(before);
  });

  it("refuses localhost when it resolves to an address that is not loopback", async () => {
    const lookup = fakeDns({ localhost: [{ address: "10.0.0.5", family: 4 }] });
    const origins = parseMediaOrigins(`http://localhost:${main.port}`);
    await expectFailure(
      fetchMedia(`http://localhost:${main.port}/video.mp4`, options({ origins, lookup })),
      "private_address",
    );
  });

  it("reports a name that does not resolve as a network failure worth retrying", async () => {
    const origins = parseMediaOrigins("https://gone.example.test");
    const err = await expectFailure(
      fetchMedia("https://gone.example.test/v.mp4", options({ origins })),
      "network",
      true,
    );
    expect(err.message).toContain("gone.example.test");
  });
});

describe("fetchMedia: redirects", () => {
  it("stops a redirect loop", async () => {
    const err = await expectFailure(fetchMedia(`${base()}/loop-a`, options()), "redirect_loop");
    expect(err.message).toContain("loop");
  });

  it("stops after five redirects", async () => {
    const err = await expectFailure(fetchMedia(`${base()}/hops/6`, options()), "redirect_loop");
    expect(err.message).toBe("the media URL redirects more than 5 times");
  });

  it("refuses a redirect that says nowhere", async () => {
    await expectFailure(fetchMedia(`${base()}/redirect-nowhere`, options()), "http_status");
  });
});

describe("fetchMedia: size and time", () => {
  it("refuses early when Content-Length is over the cap", async () => {
    const err = await expectFailure(
      fetchMedia(`${base()}/big-declared`, options({ maxBytes: 1024 * 1024 })),
      "too_large",
    );
    expect(err.message).toBe("the media file is 50 MB, more than the 1 MB limit");
  });

  it("aborts a chunked body once it passes the cap, and removes the temp file", async () => {
    sentByEndless = 0;
    const err = await expectFailure(fetchMedia(`${base()}/endless`, options({ maxBytes: 512 * 1024 })), "too_large");
    expect(err.message).toBe("the media file is larger than the 512 KB limit");
    // The server was stopped well before the end of its 20 MB.
    expect(sentByEndless).toBeLessThan(20 * 1024 * 1024);
  });

  it("gives up on a server that stops sending mid-body (idle timeout)", async () => {
    const err = await expectFailure(
      fetchMedia(`${base()}/stall-body`, options({ idleTimeoutMs: 200 })),
      "timeout",
      true,
    );
    expect(err.message).toContain("sent nothing for 200 ms");
  });

  it("gives up on a server that never answers (idle timeout)", async () => {
    await expectFailure(fetchMedia(`${base()}/stall-headers`, options({ idleTimeoutMs: 200 })), "timeout", true);
  });

  it("gives up when the whole fetch passes its deadline, even if the server is never idle", async () => {
    const err = await expectFailure(
      fetchMedia(`${base()}/drip`, options({ timeoutMs: 600, idleTimeoutMs: 10_000 })),
      "timeout",
      true,
    );
    expect(err.message).toBe("the media download took longer than 600 ms");
  });

  it("reports a body cut short, and a reset connection, as network failures worth retrying", async () => {
    await expectFailure(fetchMedia(`${base()}/cut-short`, options()), "network", true);
    await expectFailure(fetchMedia(`${base()}/reset`, options()), "network", true);
  });
});

describe("fetchMedia: answers and contents", () => {
  it("reports 404 as not worth retrying, 503 and 429 as worth retrying", async () => {
    const notFound = await expectFailure(fetchMedia(`${base()}/missing`, options()), "http_status", false);
    expect(notFound.message).toBe("the media host answered HTTP 404 (Not Found)");
    const unavailable = await expectFailure(fetchMedia(`${base()}/unavailable`, options()), "http_status", true);
    expect(unavailable.message).toBe("the media host answered HTTP 503 (Service Unavailable)");
    await expectFailure(fetchMedia(`${base()}/slow-down`, options()), "http_status", true);
  });

  it("refuses an empty body, with or without Content-Length", async () => {
    await expectFailure(fetchMedia(`${base()}/empty`, options()), "empty");
    await expectFailure(fetchMedia(`${base()}/empty-chunked`, options()), "empty");
  });

  it("refuses an HTML page and a ZIP archive, whatever the server calls them", async () => {
    const page = await expectFailure(fetchMedia(`${base()}/page`, options()), "unsupported_type");
    expect(page.message).toBe(
      "the media file is not a video or image Vigil accepts: it is an HTML page (the server called it video/mp4)",
    );
    const archive = await expectFailure(fetchMedia(`${base()}/archive`, options()), "unsupported_type");
    expect(archive.message).toContain("a ZIP archive");
  });
});

describe("parseMediaOrigins", () => {
  it("reads a comma-separated list, normalising each origin", () => {
    const origins = parseMediaOrigins(
      " https://CDN.Example.test , https://*.media.example.test,http://127.0.0.1:4010, http://[::1]:4011/ ,, https://cdn2.example.test:443 ",
    );
    expect(origins).toEqual([
      {
        origin: "https://cdn.example.test",
        protocol: "https:",
        hostname: "cdn.example.test",
        port: 443,
        wildcard: false,
      },
      {
        origin: "https://*.media.example.test",
        protocol: "https:",
        hostname: "media.example.test",
        port: 443,
        wildcard: true,
      },
      { origin: "http://127.0.0.1:4010", protocol: "http:", hostname: "127.0.0.1", port: 4010, wildcard: false },
      { origin: "http://[::1]:4011", protocol: "http:", hostname: "::1", port: 4011, wildcard: false },
      {
        origin: "https://cdn2.example.test",
        protocol: "https:",
        hostname: "cdn2.example.test",
        port: 443,
        wildcard: false,
      },
    ]);
  });

  it("treats unset and empty as no origin at all", () => {
    expect(parseMediaOrigins(undefined)).toEqual([]);
    expect(parseMediaOrigins("")).toEqual([]);
    expect(parseMediaOrigins(" , ")).toEqual([]);
  });

  it.each([
    ["https://cdn.example.test/videos", "no path"],
    ["https://cdn.example.test?x=1", "no query"],
    ["https://cdn.example.test/?", "no query"],
    ["https://cdn.example.test#top", "no query or fragment"],
    ["ftp://cdn.example.test", "only http and https"],
    ["cdn.example.test", "not a URL"],
    ["http://*.example.test", "only with https"],
    ["https://*.test", "at least two labels"],
    ["https://*.127.0.0.1", "not an address"],
    ["https://cdn.*.example.test", "first label"],
    ["https://user:pw@cdn.example.test", "no user name"],
    ["https://cdn.example.test:99999", "not a URL"],
  ])("refuses %s, naming the variable and the entry", (entry, reason) => {
    let message = "";
    try {
      parseMediaOrigins(`https://ok.example.test, ${entry}`);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("VIGIL_MEDIA_ORIGINS");
    expect(message).toContain(`"${entry}"`);
    expect(message).toContain(reason);
  });
});

describe("originAllowed", () => {
  const origins = parseMediaOrigins(
    "https://cdn.example.test, https://*.media.example.test, http://127.0.0.1:4010, http://[::1]:4011",
  );
  const allowed = (url: string) => originAllowed(new URL(url), origins)?.origin ?? null;

  it("matches scheme, host and port exactly", () => {
    expect(allowed("https://cdn.example.test/a.mp4?sig=1")).toBe("https://cdn.example.test");
    expect(allowed("https://CDN.example.test./a.mp4")).toBe("https://cdn.example.test");
    expect(allowed("https://cdn.example.test:443/a.mp4")).toBe("https://cdn.example.test");
    expect(allowed("https://cdn.example.test:8443/a.mp4")).toBeNull();
    expect(allowed("http://cdn.example.test/a.mp4")).toBeNull();
    expect(allowed("https://cdn.example.test.evil.test/a.mp4")).toBeNull();
    expect(allowed("http://127.0.0.1:4010/a.mp4")).toBe("http://127.0.0.1:4010");
    expect(allowed("http://127.0.0.1:4012/a.mp4")).toBeNull();
    expect(allowed("https://127.0.0.1:4010/a.mp4")).toBeNull();
    expect(allowed("http://[0:0::1]:4011/a.mp4")).toBe("http://[::1]:4011");
  });

  it("lets a wildcard cover subdomains at any depth, but not the domain itself or look-alikes", () => {
    expect(allowed("https://a.media.example.test/x")).toBe("https://*.media.example.test");
    expect(allowed("https://a.b.media.example.test/x")).toBe("https://*.media.example.test");
    expect(allowed("https://media.example.test/x")).toBeNull();
    expect(allowed("https://evilmedia.example.test/x")).toBeNull();
    expect(allowed("http://a.media.example.test/x")).toBeNull();
  });
});

describe("isPrivateAddress", () => {
  it.each([
    ["0.0.0.0", true],
    ["0.1.2.3", true],
    ["10.0.0.5", true],
    ["10.255.255.255", true],
    ["100.64.0.1", true],
    ["100.127.255.255", true],
    ["100.128.0.1", false],
    ["127.0.0.1", true],
    ["127.10.20.30", true],
    ["169.254.169.254", true],
    ["172.15.255.255", false],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["192.169.0.1", false],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["8.8.8.8", false],
    ["93.184.216.34", false],
    ["::", true],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["fc00::1", true],
    ["fd12:3456::1", true],
    ["fe80::1", true],
    ["fe80::1%eth0", true],
    ["febf::1", true],
    ["ff02::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:10.0.0.5", true],
    ["::ffff:169.254.169.254", true],
    ["::ffff:8.8.8.8", false],
    ["64:ff9b::10.0.0.1", true],
    ["2002:0a00:0001::1", true],
    ["2001:4860:4860::8888", false],
    ["2606:4700::1111", false],
    ["not an address", true],
    ["", true],
  ])("%s → %s", (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

// A self-signed certificate for "localhost", valid 2000–2100, made for this test only.
const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgqcd1SdqE0FPO00lT
iZD0eJFEOH/2X6Eg1cYfWzUsO76hRANCAARnZ4LfwyDI1vDxUxbBP/7oxIfNrPd1
USo10L6l/fAG1rjdS+6ApjT5i3McHg4FA1O85ovGWlq8g4tPdg/TeC0y
-----END PRIVATE KEY-----
`;
const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBcTCCARegAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGdngt/DIMjW8PFT
FsE//ujEh82s93VRKjXQvqX98AbWuN1L7oCmNPmLcxweDgUDU7zmi8ZaWryDi092
D9N4LTKjWDBWMBQGA1UdEQQNMAuCCWxvY2FsaG9zdDAPBgNVHRMBAf8EBTADAQH/
MA4GA1UdDwEB/wQEAwIChDAdBgNVHQ4EFgQUW6Gb/1DDYUIW6kLn14z9Hi7CCNgw
CgYIKoZIzj0EAwIDSAAwRQIhAOcgfage2uUQ02pOI8wiRNHhrbIYzvB95UATcE3j
P2AVAiBD77E+ms3Ksnbd6sU6D1A1j4OMkXAqHsK8U2ZtB30lMA==
-----END CERTIFICATE-----
`;

describe("fetchMedia: the connection", () => {
  let tlsServer: https.Server;
  let tlsPort = 0;
  const servernames: (string | undefined)[] = [];
  let pinned: TestServer;
  const pinnedLocal: string[] = [];

  beforeAll(async () => {
    tlsServer = https.createServer(
      {
        key: TEST_TLS_KEY,
        cert: TEST_TLS_CERT,
        SNICallback: (servername, done) => {
          servernames.push(servername);
          done(null, null as never);
        },
      },
      (_req, res) => {
        res.writeHead(200, { "content-type": "video/mp4", "content-length": video.length });
        res.end(video);
      },
    );
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    tlsPort = (tlsServer.address() as net.AddressInfo).port;
    // Bound to 127.0.0.2 only: reachable only if the client connects to the address the lookup gave.
    pinned = await startServer((req, res) => {
      pinnedLocal.push(req.socket.localAddress ?? "");
      res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    }, "127.0.0.2");
  });

  afterAll(async () => {
    tlsServer?.closeAllConnections();
    await new Promise<void>((resolve) => (tlsServer ? tlsServer.close(() => resolve()) : resolve()));
    await pinned?.close();
  });

  it("connects to exactly the address the lookup answered, with no second resolution", async () => {
    const lookup = fakeDns({ localhost: [{ address: "127.0.0.2", family: 4 }] });
    const origins = parseMediaOrigins(`http://localhost:${pinned.port}`);
    const got = await fetchMedia(`http://localhost:${pinned.port}/p.jpg`, options({ origins, lookup }));
    expect(got.sha256).toBe(sha256(jpeg));
    expect(pinnedLocal).toEqual(["127.0.0.2"]);
  });

  it("downloads over https, verifying the certificate for the URL's host name", async () => {
    const lookup = fakeDns({ localhost: [{ address: "127.0.0.1", family: 4 }] });
    const origins = parseMediaOrigins(`https://localhost:${tlsPort}`);
    const got = await fetchMedia(`https://localhost:${tlsPort}/v.mp4`, options({ origins, lookup, ca: TEST_TLS_CERT }));
    expect(got).toMatchObject({ sha256: sha256(video), mimeType: "video/mp4" });
    expect(servernames).toContain("localhost");
  });

  it("refuses a certificate the system does not trust, and one for another name", async () => {
    const lookup = fakeDns({ localhost: [{ address: "127.0.0.1", family: 4 }] });
    const untrusted = await expectFailure(
      fetchMedia(
        `https://localhost:${tlsPort}/v.mp4`,
        options({ origins: parseMediaOrigins(`https://localhost:${tlsPort}`), lookup }),
      ),
      "network",
      true,
    );
    expect(untrusted.message).toContain("TLS certificate");
    const wrongName = await expectFailure(
      fetchMedia(
        `https://127.0.0.1:${tlsPort}/v.mp4`,
        options({ origins: parseMediaOrigins(`https://127.0.0.1:${tlsPort}`), ca: TEST_TLS_CERT }),
      ),
      "network",
      true,
    );
    expect(wrongName.message).toContain("TLS certificate is for another name");
  });
});
