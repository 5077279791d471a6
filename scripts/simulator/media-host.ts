// The platform's media host, played locally: the demo clip library (made with ffmpeg on first use and kept in a
// folder) served over HTTP, so the simulated posts carry real `media.url`s that Vigil fetches, stores and hashes.
// Vigil must list its origin in VIGIL_MEDIA_ORIGINS.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildDemoClips, type DemoClip } from "../../prisma/seed/media-clips.ts";

export interface MediaHost {
  /** the origin to allow in Vigil, e.g. http://127.0.0.1:4200 */
  origin: string;
  clips: number;
  /** a URL of one of the clips, picked by `n` */
  urlFor(n: number): string;
  close(): Promise<void>;
}

export async function startMediaHost(opts: { port: number; dir: string; host?: string }): Promise<MediaHost> {
  const library = await buildDemoClips({
    dir: opts.dir,
    prompts: Array.from({ length: 16 }, (_, i) => `Simulated post ${i + 1}`),
  });
  const clips: DemoClip[] = library.filter((c) => c.kind === "shared" || c.kind === "silent-black");
  const server = http.createServer((req, res) => {
    const match = /^\/clips\/(\d{1,3})\.mp4$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const clip = match ? clips[Number(match[1])] : undefined;
    if (!clip || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "video/mp4", "content-length": clip.bytes });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(clip.file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${opts.host ?? "127.0.0.1"}:${port}`;
  return {
    origin,
    clips: clips.length,
    urlFor: (n) => `${origin}/clips/${Math.abs(n) % clips.length}.mp4`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
